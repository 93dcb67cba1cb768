// Embed mode and its postMessage API (README, "Embedding"), as a blog or a
// slide deck uses them: sigscope at 960×540 in an iframe of a page served
// from ANOTHER loopback origin (e2e/embed-host/, on a port of its own),
// driven by that page's messages. The page's own events are what the host
// recorded (window.sigscopeEvents); what the embed shows is read inside the
// frame, by role and name.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { pageHelpers } from '../page.js';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { launch, BASE_URL } from '../browser.js';
import { serveDir, originOf } from '../serve.js';
import { KILL_FROM_HOST, TERM_FROM_HOST } from '../sessions.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
const HOST_DIR = fileURLToPath(new URL('../embed-host/', import.meta.url));

let browser;
let hostServer;
let host;
let context;
let page;
let seen;

before(async () => {
  browser = await launch();
  hostServer = await serveDir(HOST_DIR);
  host = originOf(hostServer);
  assert.notEqual(host, new URL(BASE_URL).origin, 'the host page is on another origin');
});
after(async () => {
  await browser?.close();
  await new Promise((ok) => hostServer.close(ok));
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  page = await context.newPage();
  page.setDefaultTimeout(5000);
  seen = { console: [], errors: [] };
  page.on('console', (m) => { if (m.type() === 'error') seen.console.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(e.message));
});

afterEach(async () => {
  assert.deepEqual(seen.errors, [], 'no uncaught error, in the host or the embed');
  assert.deepEqual(seen.console, [], 'no console error');
  await context.close();
});

// The shared poll, a little more patient here: a frame loads first.
const eventually = (check, what, timeout = 5000) => pageHelpers(() => page).eventually(check, what, timeout);

/** The embed's URL: the served dist/ with `query`, on `fragment`. */
const embedUrl = (query, fragment = KILL_FROM_HOST) => `${BASE_URL}?${query}#${fragment}`;

/** Opens the host page embedding `src`; returns the embed's frame once it is up. */
async function embed(src) {
  await page.goto(`${host}/?src=${encodeURIComponent(src)}`);
  const handle = await page.waitForSelector('iframe');
  const frame = await handle.contentFrame();
  // Up once the app has rendered its session (whichever panes it shows),
  // not a starting world drawn while the rest of sigscope loads.
  await frame.waitForSelector('.app:not([inert])', { state: 'attached', timeout: 15000 });
  return frame;
}

const events = () => page.evaluate(() => window.sigscopeEvents);
const post = (message) => page.evaluate((m) => window.sigscope(m), message);
/** Posts raw JSON text, parsed in the host (prototype tricks stay own keys). */
const postParsed = (text) => page.evaluate((t) => window.sigscope(JSON.parse(t)), text);

/** [step, of] as the embed's diagram says it. */
async function shown(frame) {
  // In English or, with lang=zh, in Chinese.
  const label = await frame.getByRole('group', { name: /^(Kernel call path|内核调用路径)/ }).getAttribute('aria-label');
  const m = label.match(/(?:step (\d+) of (\d+)|第 (\d+) 步，共 (\d+) 步)$/);
  return [Number(m[1] ?? m[3]), Number(m[2] ?? m[4])];
}

async function stepIs(frame, want, what) {
  return eventually(async () => (await shown(frame))[0] === want || `step ${(await shown(frame))[0]}`, what);
}

async function lastStepEvent() {
  return (await events()).filter((e) => e.sigscope === 'step').at(-1);
}

test('at 960×540 in a frame on another origin, the tree and the kernel path are both in view', async () => {
  const frame = await embed(embedUrl('embed'));
  await eventually(async () => (await events()).some((e) => e.sigscope === 'ready'), 'ready');
  const view = await frame.evaluate(() => {
    const box = (el) => el && el.getBoundingClientRect().toJSON();
    return {
      width: innerWidth,
      height: innerHeight,
      scroll: [document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight],
      tree: box(document.querySelector('.ns-tree')),
      path: box(document.querySelector('.kernel-path')),
      diagram: box(document.querySelector('.cc-svg')),
      process: box(document.querySelector('[aria-label^="ctr-init, PID"]')),
      controls: box(document.querySelector('[role=toolbar]')),
      theme: document.documentElement.dataset.theme ?? null,
    };
  });
  assert.deepEqual([view.width, view.height], [960, 540], 'the frame is 960×540');
  assert.deepEqual(view.scroll, [960, 540], 'the embed does not scroll');
  const inside = (b, what) => {
    assert.ok(b && b.width > 100 && b.height > 100 || what === 'ctr-init' || what === 'controls', `${what} has a size: ${JSON.stringify(b)}`);
    assert.ok(b.left >= 0 && b.top >= 0 && b.right <= 960 && b.bottom <= 540, `${what} inside the viewport: ${JSON.stringify(b)}`);
  };
  inside(view.tree, 'the tree');
  inside(view.path, 'the kernel path');
  inside(view.diagram, 'the diagram');
  inside(view.process, 'ctr-init');
  inside(view.controls, 'controls');
  assert.ok(view.tree.right <= view.path.left, 'side by side: the tree left of the path');
  assert.ok(view.diagram.height > 250, `the diagram is readable in size: ${view.diagram.height}px tall`);
  // Nothing of the full page's chrome.
  assert.equal(await frame.getByRole('region', { name: 'Send a signal' }).isVisible(), false, 'no palette');
  assert.equal(await frame.getByRole('button', { name: 'Undo' }).isVisible(), false, 'no toolbar');
  assert.match(await frame.getByRole('heading', { name: /^Kernel path of #1 shell: kill\(3, SIGKILL\)/ }).textContent(), /Linux 6\.18/);
  assert.equal(await frame.getByRole('link', { name: 'open in sigscope ↗' }).isVisible(), true);
  await page.locator('iframe').screenshot({ path: `${SHOTS}60-embed-960x540.png` });
  await page.screenshot({ path: `${SHOTS}61-embed-host-page.png`, fullPage: true });
});

test('a frame that draws its starting world first posts ready only once its session is in', async () => {
  // The second wasm module held back: the frame draws the session's
  // starting world (src/main.rs) and neither posts nor obeys.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(/_later\.wasm$/, async (route) => { await held; await route.continue(); });
  try {
    await page.goto(`${host}/?src=${encodeURIComponent(embedUrl('embed'))}`);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForSelector('.opening', { timeout: 15000 });
    await post({ sigscope: 'last' });
    await page.waitForTimeout(400);
    assert.deepEqual(await events(), [], 'nothing posted while the session is on its way');
    release();
    await frame.waitForSelector('.app:not([inert])', { state: 'attached', timeout: 15000 });
    await eventually(async () => (await events()).some((e) => e.sigscope === 'ready'), 'ready');
    assert.equal((await events()).filter((e) => e.sigscope === 'ready').length, 1, 'ready once');
    // The command sent before ready was not kept; one sent now is obeyed.
    assert.equal((await shown(frame))[0], 1, 'still at the first step');
    await post({ sigscope: 'goto', step: 5 });
    await stepIs(frame, 5, 'goto after ready');
  } finally {
    release();
  }
});

test('the host\'s commands step the kernel path, and every step is posted back', async () => {
  const frame = await embed(embedUrl('embed'));
  await eventually(async () => (await lastStepEvent())?.step === 1, 'the first step is posted');
  const [, of] = await shown(frame);
  assert.ok(of > 20, `SIGKILL from the host walks a long path (${of} steps)`);
  assert.deepEqual(await lastStepEvent(), { sigscope: 'step', step: 1, of });
  assert.deepEqual((await events())[0], { sigscope: 'ready' }, 'ready comes first');

  await post({ sigscope: 'next' });
  await stepIs(frame, 2, 'next');
  await post({ sigscope: 'next' });
  await stepIs(frame, 3, 'next again');
  await post({ sigscope: 'prev' });
  await stepIs(frame, 2, 'prev');
  await post({ sigscope: 'last' });
  await stepIs(frame, of, 'last');
  await post({ sigscope: 'first' });
  await stepIs(frame, 1, 'first');
  await post({ sigscope: 'goto', step: 7 });
  await stepIs(frame, 7, 'goto 7');
  await post({ sigscope: 'goto', step: 100000 });
  await stepIs(frame, of, 'goto past the end: the last step');
  await eventually(async () => (await lastStepEvent())?.step === of, 'the last step is posted');

  // Play from the first step: it moves on its own; pause stops it.
  await post({ sigscope: 'first' });
  await stepIs(frame, 1, 'first');
  await post({ sigscope: 'play' });
  await eventually(async () => (await shown(frame))[0] >= 4, 'playing moves on', 8000);
  await post({ sigscope: 'pause' });
  await page.waitForTimeout(300);
  const paused = (await shown(frame))[0];
  await page.waitForTimeout(1500);
  assert.equal((await shown(frame))[0], paused, 'paused: it stays');
  const steps = (await events()).filter((e) => e.sigscope === 'step').map((e) => e.step);
  assert.ok(steps.includes(7) && steps.includes(paused), `the steps were posted: ${steps.join(' ')}`);

  // Height, for auto-resize: the 16:9 content of a 960-wide frame.
  const height = await eventually(async () => (await events()).find((e) => e.sigscope === 'height'), 'height');
  assert.deepEqual(height, { sigscope: 'height', px: 540 });
  // The host's buttons are plain postMessage too.
  await page.getByRole('button', { name: 'next' }).click();
  await eventually(async () => (await shown(frame))[0] === paused + 1, 'the host\'s next button');
});

test('load opens a link as a link opens; a bad one is refused and kept, the session unchanged', async () => {
  const frame = await embed(embedUrl('embed'));
  await eventually(async () => (await lastStepEvent())?.step === 1, 'up');
  const heading = () => frame.getByRole('heading', { name: /^Kernel path of/ }).textContent();
  assert.match(await heading(), /kill\(3, SIGKILL\)/);

  await post({ sigscope: 'load', fragment: TERM_FROM_HOST });
  await eventually(async () => /kill\(3, SIGTERM\)/.test(await heading()), 'the loaded session');
  await eventually(async () => {
    const e = await lastStepEvent();
    return e.step === 1 && e.of === (await shown(frame))[1];
  }, 'its path is posted from its first step');

  await post({ sigscope: 'load', fragment: 's=bm90IGpzb24&how=kill' });
  const outcome = frame.getByRole('region', { name: 'Outcome' });
  await eventually(async () => /Not done: open the link/.test(await outcome.textContent()), 'the refusal shows');
  assert.match(await frame.getByRole('status').textContent(), /Refused: the link's scenario/);
  assert.match(await heading(), /kill\(3, SIGTERM\)/, 'the session is unchanged');
  const kept = frame.getByRole('region', { name: 'A link that could not be opened' });
  assert.equal(await kept.isVisible(), true, 'the bad link is kept, as at load');
  assert.match(await kept.textContent(), /show what could not be loaded/, 'and offered back');
  const box = await frame.evaluate(() => [document.scrollingElement.scrollHeight, innerHeight]);
  assert.equal(box[0], box[1], 'still no scrolling');
  await page.locator('iframe').screenshot({ path: `${SHOTS}62-embed-load-refused.png` });
});

test('load opens a compressed link once the browser inflated it; compressed garbage is refused and kept', async () => {
  const frame = await embed(embedUrl('embed'));
  await eventually(async () => (await lastStepEvent())?.step === 1, 'up');
  const heading = () => frame.getByRole('heading', { name: /^Kernel path of/ }).textContent();
  // TERM_FROM_HOST, compressed as the page would (Node's deflate-raw).
  const json = Buffer.from(TERM_FROM_HOST.match(/(?:^|&)s=([^&]*)/)[1], 'base64url');
  const z = TERM_FROM_HOST.replace(/(^|&)s=[^&]*/, `$1z=${deflateRawSync(json).toString('base64url')}`);
  await post({ sigscope: 'load', fragment: z });
  await eventually(async () => /kill\(3, SIGTERM\)/.test(await heading()), 'the loaded session');
  await post({ sigscope: 'load', fragment: 'z=3q2-7wAAAP8A_wD_3q2-7w&how=kill' });
  await eventually(async () => /Refused: the link's scenario is damaged/.test(await frame.getByRole('status').textContent()), 'refused');
  assert.match(await heading(), /kill\(3, SIGTERM\)/, 'the session is unchanged');
  assert.equal(await frame.getByRole('region', { name: 'A link that could not be opened' }).isVisible(), true);
});

test('with origin= another page, the embed obeys nothing and posts nothing; with its own, it does', async () => {
  const frame = await embed(embedUrl(`embed&origin=${encodeURIComponent('http://127.0.0.1:1')}`));
  await page.waitForTimeout(800);
  const [before] = await shown(frame);
  for (const m of [{ sigscope: 'next' }, { sigscope: 'last' }, { sigscope: 'goto', step: 9 }]) await post(m);
  await page.waitForTimeout(800);
  assert.equal((await shown(frame))[0], before, 'the commands were ignored');
  assert.deepEqual(await events(), [], 'nothing was posted to this page');

  // The same embed narrowed to this page's origin obeys it.
  await context.close();
  context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') seen.console.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  const mine = await embed(embedUrl(`embed&origin=${encodeURIComponent(host)}`));
  await eventually(async () => (await events()).some((e) => e.sigscope === 'ready'), 'ready, to this origin');
  await post({ sigscope: 'goto', step: 9 });
  await stepIs(mine, 9, 'obeyed');
});

test('malformed messages are ignored, nothing throws, and the embed still works', async () => {
  const frame = await embed(embedUrl('embed'));
  await eventually(async () => (await lastStepEvent())?.step === 1, 'up');
  await page.evaluate(() => {
    const s = window.sigscope;
    const nested = [];
    let n = nested;
    for (let i = 0; i < 300; i++) { n.push([]); n = n[0]; }
    for (const m of [
      null, undefined, 0, 42, true, 'next', '{"sigscope":"next"}', [], [{ sigscope: 'next' }], {},
      { sigscope: null }, { sigscope: 5 }, { sigscope: ['next'] }, { sigscope: { toString: 'next' } }, { sigscope: 'NEXT' },
      { sigscope: 'constructor' }, { sigscope: '__proto__' }, { sigscope: 'goto' }, { sigscope: 'goto', step: '3' },
      { sigscope: 'goto', step: 3.5 }, { sigscope: 'goto', step: -1 }, { sigscope: 'goto', step: 0 },
      { sigscope: 'goto', step: 1e308 }, { sigscope: 'goto', step: Infinity }, { sigscope: 'goto', step: NaN },
      { sigscope: 'goto', step: 2 ** 53 }, { sigscope: 'goto', step: [3] }, { sigscope: 'load' },
      { sigscope: 'load', fragment: 42 }, Object.create(null), new Map([['sigscope', 'next']]), new Date(),
      new ArrayBuffer(8), new Uint8Array([123, 125]), nested, 'x'.repeat(1 << 20),
    ]) s(m);
  });
  await postParsed('{"__proto__":{"sigscope":"next"}}');
  await postParsed('{"constructor":{"prototype":{"sigscope":"last"}}}');
  await page.waitForTimeout(1000);
  assert.equal((await shown(frame))[0], 1, 'none of them moved it');
  await post({ sigscope: 'next' });
  await stepIs(frame, 2, 'a good command still works');
});

test('controls=0 hides the controls; panes=path shows only the path, panes=tree only the tree', async () => {
  let frame = await embed(embedUrl('embed&controls=0'));
  await eventually(async () => (await events()).some((e) => e.sigscope === 'ready'), 'ready');
  assert.equal(await frame.getByRole('toolbar', { name: 'Playback of the kernel path' }).isVisible(), false, 'no controls');
  assert.equal(await frame.getByRole('group', { name: /^Kernel call path/ }).isVisible(), true, 'the diagram is there');
  await post({ sigscope: 'goto', step: 4 });
  await stepIs(frame, 4, 'commands still drive it');
  await page.locator('iframe').screenshot({ path: `${SHOTS}63-embed-no-controls.png` });

  frame = await embed(embedUrl('embed&panes=path'));
  assert.equal(await frame.getByRole('region', { name: 'namespace host, level 0' }).isVisible(), false, 'no tree');
  assert.equal(await frame.getByRole('group', { name: /^Kernel call path/ }).isVisible(), true, 'the path');
  const wide = await frame.evaluate(() => document.querySelector('.kernel-path').getBoundingClientRect().width);
  assert.ok(wide > 900, `the path takes the width: ${wide}px`);
  await page.locator('iframe').screenshot({ path: `${SHOTS}64-embed-path-only.png` });

  frame = await embed(embedUrl('embed&panes=tree'));
  assert.equal(await frame.getByRole('region', { name: 'namespace host, level 0' }).isVisible(), true, 'the tree');
  assert.equal(await frame.getByRole('group', { name: /^Kernel call path/ }).isVisible(), false, 'no path');

  frame = await embed(embedUrl('embed&panes=tree,path,source'));
  await frame.getByRole('region', { name: /^Port source of / }).waitFor();
});

test('step, autoplay, kernel, theme and lang are read; a bad value keeps its default', async () => {
  let frame = await embed(embedUrl('embed&step=5'));
  await stepIs(frame, 5, 'step=5');
  await eventually(async () => (await lastStepEvent())?.step === 5, 'step 5 posted');
  assert.equal((await events()).filter((e) => e.sigscope === 'step' && e.step === 1).length, 0, 'no step 1 first');
  await page.waitForTimeout(1500);
  assert.equal((await shown(frame))[0], 5, 'no autoplay by default');

  frame = await embed(embedUrl('embed&step=99999'));
  const [, of] = await shown(frame);
  await stepIs(frame, of, 'clamped to the last step');

  frame = await embed(embedUrl('embed&autoplay=1'));
  await eventually(async () => (await shown(frame))[0] > 2, 'autoplay plays', 8000);

  frame = await embed(embedUrl('embed&kernel=5.10&theme=dark&lang=zh&controls=maybe&panes=legend&step=x'));
  // In Chinese (lang=zh): the heading and the toolbar by their Chinese names.
  assert.match(await frame.getByRole('heading', { name: /的内核路径/ }).textContent(), /Linux 5\.10/);
  const html = await frame.evaluate(() => [document.documentElement.dataset.theme, document.documentElement.lang]);
  assert.deepEqual(html, ['dark', 'zh-CN']);
  assert.equal(await frame.getByRole('toolbar', { name: '内核路径的播放控制' }).isVisible(), true, 'controls by default');
  assert.equal(await frame.getByRole('region', { name: '命名空间 host，第 0 层' }).isVisible(), true, 'both panes by default');
  assert.equal((await shown(frame))[0], 1, 'a bad step is the first');
});

test('the embed leaves the deck its arrow keys until it has focus', async () => {
  const frame = await embed(embedUrl('embed'));
  await eventually(async () => (await lastStepEvent())?.step === 1, 'up');
  await page.getByRole('heading', { name: 'A page that embeds sigscope' }).click();
  for (const k of ['ArrowRight', 'ArrowRight', 'ArrowLeft', 'Space', 'End']) await page.keyboard.press(k);
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate(() => window.hostKeys), ['ArrowRight', 'ArrowRight', 'ArrowLeft', ' ', 'End'],
    'the host page got every key');
  assert.equal((await shown(frame))[0], 1, 'the embed did not move');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY', 'nothing took the focus');
  // Clicked into, the diagram takes the keys.
  await frame.getByRole('group', { name: /^Kernel call path/ }).focus();
  await page.keyboard.press('ArrowRight');
  await stepIs(frame, 2, 'the focused diagram steps');
});

test('"open in sigscope ↗" opens the full page on the same session', async () => {
  const frame = await embed(embedUrl('embed&kernel=5.10'));
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    frame.getByRole('link', { name: 'open in sigscope ↗' }).click(),
  ]);
  popup.on('pageerror', (e) => seen.errors.push(e.message));
  await popup.getByRole('button', { name: /^ctr-init, PID/ }).waitFor({ timeout: 15000 });
  const url = new URL(popup.url());
  assert.equal(url.origin + url.pathname, BASE_URL.replace(/\/$/, '') + '/', 'the page itself');
  assert.equal(url.search, '', 'not the embed');
  assert.equal(await popup.getByRole('region', { name: 'Send a signal' }).isVisible(), true, 'the full page');
  assert.match(await popup.getByRole('heading', { name: /^Kernel path of/ }).textContent(),
    /#1 shell: kill\(3, SIGKILL\) — Linux 5\.10/, 'the same send, on the kernel the embed followed');
  assert.match(await popup.getByRole('status').textContent(), /^Killed:/);
});

test('"open in sigscope ↗" of a gallery scenario opens it by name, with its words', async () => {
  const frame = await embed(`${BASE_URL}?embed&preset=sigkill-pid1-from-host`);
  const link = frame.getByRole('link', { name: 'open in sigscope ↗' });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), '?preset=sigkill-pid1-from-host');
  const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
  popup.on('pageerror', (e) => seen.errors.push(e.message));
  await popup.locator('.preset-card[data-preset="sigkill-pid1-from-host"]').waitFor({ timeout: 15000 });
  assert.equal(new URL(popup.url()).search, '?preset=sigkill-pid1-from-host');
  assert.match(await popup.getByRole('status').textContent(), /^Killed:/);
});

test('the share menu offers an iframe snippet with a title and loading="lazy"', async () => {
  await page.goto(`${BASE_URL}#${KILL_FROM_HOST}`);
  await page.getByRole('button', { name: /^ctr-init, PID/ }).waitFor({ timeout: 15000 });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const snippet = await page.getByRole('textbox', { name: /^Embed this session in a page/ }).inputValue();
  assert.match(snippet, /^<iframe src="[^"]+\?embed#[sz]=[^"]+" title="[^"]+" width="960" height="540" loading="lazy"><\/iframe>$/);
  assert.match(snippet, / title="sigscope: /);
  // Pasted into a page of another origin, it works.
  const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  const frame = await embed(src);
  assert.match(await frame.getByRole('heading', { name: /^Kernel path of/ }).textContent(), /kill\(3, SIGKILL\)/);
  await page.screenshot({ path: `${SHOTS}65-share-snippet-embedded.png` });
});
