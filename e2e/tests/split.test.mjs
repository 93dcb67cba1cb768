// The release build's two wasm modules (scripts/split-wasm.mjs): the page
// paints from the first alone, and fetches the second after. A reader who
// acts before the second has arrived still gets the kernel's answer: the
// first function of the second module loads it at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL } from '../browser.js';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;

let page;
let seen;
const { eventually, statusText, send } = pageHelpers(() => page);
withPage((p, s) => { page = p; seen = s; });

/** A page of its own whose first request for the second module is held. */
async function pageWithLaterHeld() {
  const context = await seen.browser.newContext({ viewport: { width: 390, height: 844 } });
  const fresh = await context.newPage();
  const errors = [];
  fresh.on('pageerror', (e) => errors.push(e.message));
  const laterRequests = [];
  let release;
  const held = new Promise((ok) => { release = ok; });
  await fresh.route(/_later\.wasm$/, async (route) => {
    laterRequests.push(route.request().resourceType());
    // The first request (the page's own fetch after its first paint)
    // waits until the test lets it go; any other goes through.
    if (laterRequests.length === 1) await held;
    await route.continue();
  });
  return { context, fresh, errors, laterRequests, release };
}

test('the page names its second module, with a digest, and links it after the first paint', async () => {
  const meta = page.locator('meta[name=sigscope-later]');
  const href = await meta.getAttribute('content');
  assert.match(href, /^\.\/sigscope-[\w-]+_later\.wasm$/);
  assert.match(await meta.getAttribute('data-integrity'), /^sha384-[A-Za-z0-9+/=]{64}$/);
  await eventually(() => seen.requests.some((u) => u.endsWith(href.slice(1))), 'the second module is fetched');
  // A send runs the port, which the first paint does not.
  await send('SIGKILL');
  assert.match(await statusText(), /killed/i);
});

test('the first paint needs only the first module; acting before the second arrives still works', async () => {
  const { context, fresh, errors, laterRequests, release } = await pageWithLaterHeld();
  try {
    await fresh.goto(BASE_URL);
    // The tree, its sender and the signal chips are drawn while the second
    // module is still on its way.
    const init = fresh.getByRole('button', { name: /^ctr-init, PID/ });
    await init.waitFor({ timeout: 10000 });
    await fresh.getByRole('button', { name: /^SIGKILL( |$)/ }).waitFor();
    assert.equal(laterRequests.length, 1, 'the second module was asked for once, and is held');
    await fresh.screenshot({ path: `${SHOTS}split-first-paint.png` });
    // A send now needs the port: the page loads the second module itself.
    await fresh.getByRole('button', { name: /^SIGKILL( |$)/ }).focus();
    await fresh.keyboard.press('Enter');
    await init.focus();
    await fresh.keyboard.press('Enter');
    await fresh.getByRole('group', { name: /^Kernel call path/ }).waitFor({ timeout: 10000 });
    const status = (await fresh.getByRole('status').textContent()).trim();
    assert.match(status, /killed/i, `the verdict: ${status}`);
    assert.equal(laterRequests.length, 2, 'the second module was loaded again, at once');
    assert.deepEqual(errors, [], 'nothing threw');
  } finally {
    release();
    await context.close();
  }
});

test('a page that opens on a session fetches both modules at once, with no synchronous request', async () => {
  const context = await seen.browser.newContext();
  const fresh = await context.newPage();
  const errors = [];
  fresh.on('pageerror', (e) => errors.push(e.message));
  const laterRequests = [];
  fresh.on('request', (r) => { if (/_later\.wasm$/.test(r.url())) laterRequests.push(r.resourceType()); });
  try {
    // A preset replays its sends with the port before its first paint.
    await fresh.goto(`${BASE_URL}?preset=sigkill-pid1-from-host`);
    await fresh.getByRole('group', { name: /^Kernel call path/ }).waitFor({ timeout: 10000 });
    const status = (await fresh.getByRole('status').textContent()).trim();
    assert.match(status, /killed/i, `the verdict: ${status}`);
    assert.deepEqual(laterRequests, ['fetch'], 'one fetch of the second module, no synchronous request');
    assert.deepEqual(errors, [], 'nothing threw');
  } finally {
    await context.close();
  }
});

test('a second module changed since the build is refused: the page stops and says which file', async () => {
  const context = await seen.browser.newContext();
  const fresh = await context.newPage();
  await fresh.route(/_later\.wasm$/, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length >> 1] ^= 1;
    await route.fulfill({ response, body });
  });
  try {
    await fresh.goto(BASE_URL);
    // The first paint does not need it.
    const init = fresh.getByRole('button', { name: /^ctr-init, PID/ });
    await init.waitFor({ timeout: 10000 });
    await fresh.waitForTimeout(500);
    // A send does: refused, with the "stopped" panel. (Once the panel is
    // up it holds the focus, and Enter would press its Retry: each step
    // looks first.)
    const panel = fresh.getByRole('alertdialog', { name: 'sigscope stopped' });
    const steps = [
      () => fresh.getByRole('button', { name: /^SIGKILL( |$)/ }).focus(),
      () => fresh.keyboard.press('Enter'),
      () => init.focus(),
      () => fresh.keyboard.press('Enter'),
    ];
    for (const step of steps) {
      if (await panel.isVisible()) break;
      await step();
      await fresh.waitForTimeout(200);
    }
    await panel.waitFor({ timeout: 5000 });
    assert.match(await panel.textContent(), /_later\.wasm/);
    await fresh.screenshot({ path: `${SHOTS}split-refused.png` });
  } finally {
    await context.close();
  }
});
