// Nothing of the user's work is lost (issue 12): a link or an autosave the
// page cannot restore is kept aside and offered back until discarded, a bad
// link never overwrites the saved session, and a save that does not fit
// says so. Found by role and name, as everywhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL } from '../browser.js';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;

let page;
const { processNode, eventually, statusText, send } = pageHelpers(() => page);
withPage((p) => { page = p; });

// Issue 12's first case, refused since: a namespace listed before its parent.
const OUT_OF_ORDER = '{"format":"sigscene/1","namespaces":[{"id":"c","parent":"h"},{"id":"h"}],"processes":[{"id":"i","ns":"h"}]}';
const BAD_LINK = `${BASE_URL}#s=${Buffer.from(OUT_OF_ORDER).toString('base64url')}&how=kill`;

/** A fresh document at `url` (a hash change alone would not reload). */
async function open(url) {
  await page.goto('about:blank');
  await page.goto(url);
  await processNode('ctr-init').waitFor();
}

function kept(name) {
  return page.getByRole('region', { name });
}

const LINK = 'A link that could not be opened';
const AUTOSAVE = 'A saved session that could not be restored';

function stored(key) {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

async function shot(name) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

test('a bad link never replaces the saved session: a send after it, and the earlier session is still there', async () => {
  // A session of one's own, autosaved.
  await send('SIGTERM');
  await eventually(async () => (await stored('sigscope.session')) !== null, 'the session is autosaved');
  const before = await stored('sigscope.session');

  await open(BAD_LINK);
  assert.match(await statusText(), /^Refused: .*namespaces\[0\]\.parent/);
  await kept(LINK).waitFor();
  assert.match(await kept(LINK).textContent(), /namespaces\[0\]\.parent/);
  // The page opens as it would without the link: on the saved session.
  assert.match(await page.getByRole('region', { name: 'Event log (1)' }).textContent(), /kill\(3, SIGTERM\)/);
  // The address now carries that session; the link is kept aside.
  await eventually(async () => /#[sz]=/.test(page.url()) && !BAD_LINK.endsWith(new URL(page.url()).hash), 'the address shows the session');
  assert.equal(await stored('sigscope.session'), before, 'nothing saved over it');
  assert.match(await stored('sigscope.quarantine'), /"link"/);
  // What the link carried, readable.
  await kept(LINK).getByText('show what could not be loaded').click();
  assert.equal(await kept(LINK).getByRole('textbox').inputValue(), OUT_OF_ORDER);
  await shot('20-bad-link-kept');

  // A send continues that session.
  await send('SIGKILL');
  await eventually(async () => (await stored('sigscope.session')) !== before, 'the send is saved');

  // Back without the link: the earlier session and the send; the link is
  // still offered.
  await open(BASE_URL);
  const log = page.getByRole('region', { name: 'Event log (2)' });
  await log.waitFor();
  assert.match(await log.textContent(), /kill\(3, SIGTERM\)/);
  assert.match(await log.textContent(), /kill\(3, SIGKILL\)/);
  await kept(LINK).waitFor();
  await shot('21-bad-link-after-reload');
});

test('a corrupt autosave loads the default world, is offered back, and discard forgets it', async () => {
  const corrupt = '{"scenario": {"format": "sigscene/1", "namespaces": [';
  await page.evaluate((t) => localStorage.setItem('sigscope.session', t), corrupt);
  await open(BASE_URL);
  await kept(AUTOSAVE).waitFor();
  assert.match(await kept(AUTOSAVE).textContent(), /the saved session/);
  assert.match(await page.locator('section.lesson').textContent(), /Why doesn’t docker stop’s SIGTERM reach/, 'the default world and its lesson');
  assert.equal(await stored('sigscope.session'), null, 'not read again as the session');
  assert.match(await stored('sigscope.quarantine'), /"autosave"/);
  await kept(AUTOSAVE).getByText('show what could not be loaded').click();
  assert.equal(await kept(AUTOSAVE).getByRole('textbox').inputValue(), corrupt);
  // Copy it: the clipboard holds the text.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await kept(AUTOSAVE).getByRole('button', { name: 'copy it' }).click();
  await eventually(async () => (await page.evaluate(() => navigator.clipboard.readText())) === corrupt, 'copied');
  await shot('22-corrupt-autosave-kept');

  // Still there after a reload, until discarded.
  await open(BASE_URL);
  await kept(AUTOSAVE).waitFor();
  await kept(AUTOSAVE).getByRole('button', { name: 'discard' }).click();
  await eventually(async () => (await kept(AUTOSAVE).count()) === 0, 'discarded');
  await eventually(async () => (await stored('sigscope.quarantine')) === null, 'removed from storage');
  await open(BASE_URL);
  assert.equal(await kept(AUTOSAVE).count(), 0);
});

test('a save that does not fit says so instead of claiming success', async () => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException("Failed to execute 'setItem' on 'Storage': Setting the value of 'sigscope.session' exceeded the quota.", 'QuotaExceededError');
    };
  });
  await open(BASE_URL);
  await send('SIGTERM');
  const alert = page.getByRole('alert');
  await eventually(async () => /^Not saved in this browser \(.*exceeded the quota\.\)\. The link in the address bar still holds the session/.test(await alert.textContent()), 'the save failure is said');
  assert.match(await statusText(), /^Dropped:/, 'the send itself is shown');
  // An import is said to be imported, and not saved.
  await page.getByRole('button', { name: 'Import / export' }).click();
  const json = page.getByRole('textbox', { name: 'The session as a sigscene/1 file' });
  const scenario = JSON.parse(await json.inputValue());
  scenario.processes.push({ id: 'extra', ns: 'host', parent: 'init' });
  await json.fill(JSON.stringify(scenario));
  await page.getByRole('button', { name: 'Apply this JSON' }).click();
  await eventually(async () => /^Imported:/.test(await statusText()), 'imported');
  assert.match(await alert.textContent(), /Not saved in this browser/);
  await page.getByRole('button', { name: 'Close import / export' }).click();
  await shot('23-save-does-not-fit');
});
