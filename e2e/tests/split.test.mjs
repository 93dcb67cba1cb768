// The release build's two wasm modules (scripts/split-wasm.mjs): the page
// paints from the first alone, and fetches the second after. A reader who
// acts before the second has arrived still gets the kernel's answer: the
// first function of the second module loads it at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL } from '../browser.js';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';
import { violations } from '../axe.js';

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

/** A page of its own served a second module changed by one byte. */
async function pageWithLaterChanged() {
  const context = await seen.browser.newContext();
  const fresh = await context.newPage();
  await fresh.route(/_later\.wasm$/, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length >> 1] ^= 1;
    await route.fulfill({ response, body });
  });
  return { context, fresh };
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

test('a page that opens on a session fetches the second module once, with no synchronous request', async () => {
  const context = await seen.browser.newContext();
  const fresh = await context.newPage();
  const errors = [];
  fresh.on('pageerror', (e) => errors.push(e.message));
  const laterRequests = [];
  // In order: the first module's arrivals, then the request for the second.
  const order = [];
  fresh.on('request', (r) => {
    if (/_later\.wasm$/.test(r.url())) {
      laterRequests.push(r.resourceType());
      order.push('second asked');
    }
  });
  fresh.on('requestfinished', (r) => { if (/_bg\.wasm$/.test(r.url())) order.push('first in'); });
  try {
    // A preset's sends replay with the port, which is in the second module.
    await fresh.goto(`${BASE_URL}?preset=sigkill-pid1-from-host`);
    await fresh.getByRole('group', { name: /^Kernel call path/ }).waitFor({ timeout: 10000 });
    const status = (await fresh.getByRole('status').textContent()).trim();
    assert.match(status, /killed/i, `the verdict: ${status}`);
    assert.deepEqual(laterRequests, ['fetch'], 'one fetch of the second module, no synchronous request');
    // Not beside the first: on a slow network they would share it.
    assert.equal(order.indexOf('second asked'), order.lastIndexOf('first in') + 1, `the second asked for once the first is in: ${order}`);
    assert.deepEqual(errors, [], 'nothing threw');
  } finally {
    await context.close();
  }
});

test('a session page draws its starting world from the first module, then the session once the rest is in', async () => {
  for (const { query, size, note, killed } of [
    { query: '?embed&preset=sigkill-pid1-from-host', size: { width: 960, height: 540 }, note: /starting world.*replays once the rest/, killed: /killed by SIGKILL/ },
    { query: '?preset=sigkill-pid1-from-host&lang=zh', size: { width: 390, height: 844 }, note: /初始世界.*重放 1 个操作/, killed: /被 SIGKILL 杀死/ },
  ]) {
    const { context, fresh, errors, laterRequests, release } = await pageWithLaterHeld();
    const xhr = [];
    fresh.on('request', (r) => { if (r.resourceType() === 'xhr') xhr.push(r.url()); });
    try {
      await fresh.setViewportSize(size);
      await fresh.goto(BASE_URL + query);
      const opening = fresh.locator('.opening');
      await opening.waitFor({ timeout: 10000 });
      assert.match(await opening.textContent(), note, query);
      assert.equal(await opening.getAttribute('role'), 'status');
      // The world before its send: ctr-init alive, the page inert and
      // hidden from assistive technology until the session is in.
      const init = fresh.locator('.app[inert] [role=button][aria-label^="ctr-init"]');
      await init.waitFor({ state: 'attached' });
      assert.ok((await init.boundingBox()).height > 0, 'ctr-init drawn');
      const card = init.locator('xpath=ancestor::li[1]');
      assert.match(await card.textContent(), /running|运行/, 'ctr-init before the send');
      assert.equal(await fresh.getByRole('button', { name: /^ctr-init[,，] ?PID/ }).count(), 0, 'nothing to act on yet');
      assert.equal(await fresh.evaluate(() => localStorage.getItem('sigscope.session')), null, 'the starting world is never saved');
      assert.deepEqual(laterRequests, ['fetch'], 'the second module asked for once, held');
      assert.deepEqual(await violations(fresh), [], 'axe: no serious violation over the starting world');
      await fresh.screenshot({ path: `${SHOTS}split-opening-${size.width}.png` });
      release();
      await opening.waitFor({ state: 'detached', timeout: 10000 });
      const live = fresh.getByRole('button', { name: /^ctr-init[,，] ?PID/ });
      await live.waitFor({ timeout: 10000 });
      await eventually(async () => killed.test(await live.locator('xpath=ancestor::li[1]').textContent()), 'ctr-init killed once the session replays');
      await fresh.getByRole('group', { name: /^(Kernel call path|内核调用路径)/ }).waitFor({ timeout: 10000 });
      assert.deepEqual(laterRequests, ['fetch'], 'no second request for the module');
      assert.deepEqual(xhr, [], 'no synchronous request');
      assert.deepEqual(errors, [], 'nothing threw');
    } finally {
      release();
      await context.close();
    }
  }
});

test('a returning reader\'s autosave is drawn as its starting world, kept as it was, and restored', async () => {
  // The reader's session: a SIGKILL sent to ctr-init (written by the page).
  await send('SIGKILL');
  const saved = await eventually(async () => {
    const t = await page.evaluate(() => localStorage.getItem('sigscope.session'));
    return t && t.includes('"SIGKILL"') ? t : false;
  }, 'the send autosaved');
  const { context, fresh, errors, laterRequests, release } = await pageWithLaterHeld();
  try {
    await context.addInitScript((text) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('sigscope.session', text);
        sessionStorage.setItem('seeded', '1');
      }
    }, saved);
    await fresh.goto(BASE_URL);
    await fresh.locator('.opening').waitFor({ timeout: 10000 });
    await fresh.waitForTimeout(300);
    assert.equal(await fresh.evaluate(() => localStorage.getItem('sigscope.session')), saved, 'the autosave untouched while the rest loads');
    release();
    const live = fresh.getByRole('button', { name: /^ctr-init, PID/ });
    await live.waitFor({ timeout: 10000 });
    await eventually(async () => /killed by SIGKILL/.test(await live.locator('xpath=ancestor::li[1]').textContent()), 'the reader\'s send replayed');
    assert.match(await fresh.evaluate(() => localStorage.getItem('sigscope.session')), /"SIGKILL"/, 'the session still holds the send');
    assert.deepEqual(laterRequests, ['fetch']);
    assert.deepEqual(errors, [], 'nothing threw');
  } finally {
    release();
    await context.close();
  }
});

test('a session page whose rest never arrives says so after 15 s, over its starting world', async () => {
  const { context, fresh, errors, release } = await pageWithLaterHeld();
  try {
    // The page's clock, not the test's: 15 s pass in a moment.
    await fresh.clock.install();
    await fresh.goto(`${BASE_URL}?preset=sigkill-pid1-from-host`);
    const note = fresh.locator('.opening');
    await eventually(async () => {
      await fresh.clock.fastForward(250);
      return (await note.count()) > 0;
    }, 'the starting world, once the rest is late');
    assert.doesNotMatch(await note.textContent(), /could not start/);
    await fresh.clock.fastForward(16000);
    await eventually(async () => /^sigscope could not start: it took more than 15 seconds to load\. Reload the page/.test(await note.textContent()),
      'the watchdog\'s words in the note');
    assert.equal(await note.getAttribute('role'), 'status', 'announced');
    assert.match(await note.getAttribute('class'), /boot-failed/);
    await fresh.screenshot({ path: `${SHOTS}split-rest-late.png` });
    assert.deepEqual(errors, [], 'nothing threw');
  } finally {
    release();
    await context.close();
  }
});

test('a second module changed since the build is refused: the page stops and says which file', async () => {
  const { context, fresh } = await pageWithLaterChanged();
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

test('a session page whose second module was changed stops over its starting world, naming the file', async () => {
  const { context, fresh } = await pageWithLaterChanged();
  try {
    await fresh.goto(`${BASE_URL}?preset=sigkill-pid1-from-host`);
    const panel = fresh.getByRole('alertdialog', { name: 'sigscope stopped' });
    await panel.waitFor({ timeout: 10000 });
    assert.match(await panel.textContent(), /_later\.wasm/);
    // Never the session's outcome from a module that was refused.
    assert.equal(await fresh.locator('.outcome').count(), 0, 'no verdict');
  } finally {
    await context.close();
  }
});
