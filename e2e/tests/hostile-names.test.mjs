// Untrusted text stays text (issue 12): names with markup and script, from
// a link, are shown as the characters they are; nothing runs, nothing is
// inserted, and the page does not navigate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL } from '../browser.js';
import { withPage } from '../session.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;

let page;
withPage((p) => { page = p; });

const EVIL = '<img src=x onerror="window.__pwned=1">';
const NS = '<b onmouseover="window.__pwned=2">ns</b>';
const SCENARIO = {
  format: 'sigscene/1',
  namespaces: [{ id: 'h' }, { id: NS, parent: 'h' }],
  processes: [
    { id: 'init', ns: 'h' },
    { id: 'javascript:window.__pwned=3', ns: 'h', parent: 'init' },
    { id: EVIL, ns: NS, parent: 'init' },
  ],
  actions: [{ from: 'init', kill: { pid_of: EVIL }, sig: 'SIGTERM' }],
};

test('names with markup and script from a link are shown as text', async () => {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const link = `${BASE_URL}#s=${Buffer.from(JSON.stringify(SCENARIO)).toString('base64url')}&how=kill`;
  await page.goto('about:blank');
  await page.goto(link);
  // The process is there, by its name as written.
  const node = page.getByRole('button', { name: `${EVIL}, PID`, exact: false });
  await node.first().waitFor();
  assert.ok((await page.locator('body').textContent()).includes(EVIL), 'the name, verbatim');
  assert.ok((await page.locator('body').textContent()).includes(NS), 'the namespace, verbatim');
  // Nothing was made of it.
  assert.equal(await page.locator('#app img, #app b[onmouseover]').count(), 0, 'no element from a name');
  await node.first().hover();
  await page.getByText('javascript:window.__pwned=3').first().click().catch(() => {});
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
  assert.deepEqual(dialogs, []);
  assert.ok(page.url().startsWith(BASE_URL), 'still on the page');
  await page.screenshot({ path: `${SHOTS}50-hostile-names.png`, fullPage: true });
});
