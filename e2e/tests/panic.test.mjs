// A panic never leaves a dead page (issue 12): the panel says so, the
// session is put aside (so any reload comes up), and each of its three
// ways on works. The panic is forced through local storage's
// `sigscope.force-panic` (src/panic.rs), read once at start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL } from '../browser.js';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;

let page;
let seen;
const { processNode, eventually, send } = pageHelpers(() => page);
withPage((p, s) => { page = p; seen = s; });

function stored(key) {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

function panel() {
  return page.getByRole('alertdialog', { name: 'sigscope stopped' });
}

/** A session of one's own (one SIGTERM), autosaved, then a forced panic on the next load. */
async function crashWithASession() {
  await send('SIGTERM');
  // The autosave of the load itself may be there already: wait for the send's.
  await eventually(async () => /"actions":\[\{/.test((await stored('sigscope.session')) || ''), 'the session is autosaved');
  const session = await stored('sigscope.session');
  // The address follows once the link is compressed (asynchronously: on
  // a busy machine after the autosave).
  await eventually(() => /^#[sz]=/.test(new URL(page.url()).hash), 'the address holds the link');
  const link = new URL(page.url()).hash;
  await page.evaluate(() => localStorage.setItem('sigscope.force-panic', '1'));
  await page.reload();
  await panel().waitFor();
  // The trap that ends the panic may reach the page as an uncaught error:
  // this test provokes it. Any other error still fails the test.
  await page.waitForTimeout(200);
  const others = seen.errors.filter((e) => !/unreachable/i.test(e));
  seen.errors.splice(0, seen.errors.length, ...others);
  return { session, link };
}

test('a panic shows the panel over the page, with the message, and puts the session aside', async () => {
  const { session } = await crashWithASession();
  const text = await panel().textContent();
  assert.match(text, /a panic asked for by local storage's sigscope\.force-panic/);
  assert.match(text, /Your session is kept/);
  // Focus is in the panel; the dead page under it takes none.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Keep my session and retry');
  assert.equal(await page.evaluate(() => document.getElementById('app').inert), true);
  // The watchdog of a failed start stays quiet: the page did start.
  await page.waitForTimeout(300);
  assert.equal(await page.getByText(/could not start/).count(), 0);
  // Put aside: a reload by hand comes up on the default world, and the
  // session is offered back.
  assert.equal(await stored('sigscope.session'), null);
  assert.equal(new URL(page.url()).hash, '', 'the link is off the address');
  assert.ok((await stored('sigscope.quarantine')).includes(JSON.stringify(session).slice(1, 40)));
  await page.screenshot({ path: `${SHOTS}30-panic-panel.png` });
  await page.reload();
  await processNode('ctr-init').waitFor();
  assert.equal(await panel().count(), 0);
  const offered = page.getByRole('region', { name: 'A saved session that could not be restored' });
  await offered.waitFor();
  assert.match(await offered.textContent(), /the page stopped while it was open/);
  await offered.getByText('show what could not be loaded').click();
  assert.equal(await offered.getByRole('textbox').inputValue(), session);
});

test('keep my session and retry: the same session and link come back', async () => {
  const { session, link } = await crashWithASession();
  await panel().getByRole('button', { name: 'Keep my session and retry' }).click();
  await page.getByRole('region', { name: 'Event log (1)' }).waitFor();
  assert.match(await page.getByRole('region', { name: 'Event log (1)' }).textContent(), /kill\(3, SIGTERM\)/);
  assert.equal(await panel().count(), 0);
  assert.equal(new URL(page.url()).hash, link);
  assert.equal(await stored('sigscope.session'), session);
  assert.equal(await stored('sigscope.quarantine'), null, 'nothing left aside');
  assert.equal(await page.getByRole('region', { name: /could not be/ }).count(), 0);
});

test('reset to the default world: a clean page, the session still offered', async () => {
  await crashWithASession();
  await panel().getByRole('button', { name: 'Reset to the default world' }).click();
  await processNode('ctr-init').waitFor();
  assert.equal(await panel().count(), 0);
  assert.equal(await page.getByRole('region', { name: /^Event log \(1\)/ }).count(), 0, 'no send in the default world');
  await page.getByRole('region', { name: 'A saved session that could not be restored' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'A link that could not be opened' }).count(), 1);
});

test('copy a report: the message and the session', async () => {
  const { session } = await crashWithASession();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel().getByRole('button', { name: 'Copy a report' }).click();
  await panel().getByRole('button', { name: 'Report copied' }).waitFor();
  const report = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(report, /^sigscope stopped/);
  assert.match(report, /sigscope\.force-panic/);
  assert.ok(report.includes(session), 'the session as it was');
});
