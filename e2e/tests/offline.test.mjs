// The classroom case: the build copied to a machine with no server and no
// network, and double-clicked. offline/sigscope-offline.html (scripts/
// one-file.mjs) is opened from file:// — Chromium's origin 'null', where
// module scripts, fetch and preloads are refused — and must still answer
// the question, kernel path and port source included, without a single
// request that is not the file itself (or data:/blob:).
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { launch } from '../browser.js';
import { pageHelpers } from '../page.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
/** The built dist/ and the one-file page (run.sh exports both; by default the repository's). */
const DIST = resolve(process.env.SIGSCOPE_DIST || fileURLToPath(new URL('../../dist/', import.meta.url)));
const OFFLINE = resolve(process.env.SIGSCOPE_OFFLINE || fileURLToPath(new URL('../../offline/sigscope-offline.html', import.meta.url)));

let browser;
let context;
let page;
const { processNode, eventually, statusText, send } = pageHelpers(() => page);
let seen;

// The lifecycle of session.js, for a page that is a file: a fresh context
// per test, and after each one no request but file:/data:/blob: and no
// uncaught error.
before(async () => {
  assert.ok(existsSync(OFFLINE), `no ${OFFLINE} — build it: make dist (trunk build, then node scripts/one-file.mjs)`);
  browser = await launch();
});
after(async () => { await browser?.close(); });

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
  page = await context.newPage();
  page.setDefaultTimeout(5000);
  seen = { requests: [], errors: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('pageerror', (e) => seen.errors.push(e.message));
});

afterEach(async () => {
  const foreign = seen.requests.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(foreign, [], 'no request but file:, data: and blob:');
  assert.deepEqual(seen.errors, [], 'no uncaught error in the page');
  await context.close();
});

// ---- the one-file page -------------------------------------------------------

test('sigscope-offline.html from file:// runs the port, its kernel path and its source', async () => {
  await page.goto(pathToFileURL(OFFLINE).href);
  await processNode('ctr-init').waitFor({ timeout: 15000 });
  assert.match(await processNode('shell').getAttribute('aria-label'), /, sender$/, 'the host shell sends by default');

  await send('SIGKILL');
  const s = await eventually(async () => /^Killed:/.test(await statusText()) && statusText(), 'the outcome');
  assert.match(s, /forced/);
  assert.match(s, /Namespace container died with its init ctr-init: app, worker killed too/);
  assert.match(await processNode('ctr-init').getAttribute('aria-label'), /killed by SIGKILL/);

  // The deciding step's source: read from the page itself, not fetched.
  await page.getByRole('button', { name: 'Jump to the deciding step: fatal to the group' }).click();
  const pane = page.getByRole('region', { name: /^Port source of / });
  await eventually(async () => /^Port source of complete_signal \(sigsim\/src\/signal\.rs:\d+\)$/.test(await pane.getAttribute('aria-label')),
    'the source pane shows complete_signal');
  const text = await pane.textContent();
  assert.match(text, /fn complete_signal\(/, "the port's deciding function");
  assert.match(text, /trace!\(/, "the port's own source");
  const at = (await pane.getAttribute('aria-label')).match(/:(\d+)\)$/)[1];
  assert.match(text, new RegExp(`\\b${at}\\s`), 'the deciding line is in the pane');
  assert.ok(!seen.requests.some((u) => /\/port\//.test(u)), 'the port source is not fetched');

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}30-offline-file.png`, fullPage: true });
});

test('index.html from file:// says why it cannot start, and points to sigscope-offline.html', async () => {
  await page.goto(pathToFileURL(join(DIST, 'index.html')).href);
  const message = page.getByRole('status');
  await eventually(async () => /could not start/.test(await message.textContent()), 'the failure message', 15000);
  const text = await message.textContent();
  assert.match(text, /Open the one-file page, sigscope-offline\.html \(make dist writes it to offline\/\), instead/);
  assert.match(text, /python3 -m http\.server/, 'serving the folder stays the second choice');
  assert.equal(await processNode('ctr-init').count(), 0);
});

test('sigscope-offline.html keeps the boot message: a failure reads as one, without sending the reader to itself', async () => {
  await page.addInitScript(() => { delete globalThis.WebAssembly; });
  await page.goto(pathToFileURL(OFFLINE).href);
  const message = page.getByRole('status');
  await eventually(async () => /could not start/.test(await message.textContent()), 'the failure message', 15000);
  const text = await message.textContent();
  assert.doesNotMatch(text, /sigscope-offline\.html/);
  assert.match(text, /may lack WebAssembly support/);
  seen.errors = seen.errors.filter((e) => !/WebAssembly/.test(e));
});
