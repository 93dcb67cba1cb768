// The page under a strict Content-Security-Policy, sent as a header the way
// a host would (README, "Serving it"): no inline script or style, no style=
// attribute, nothing from another origin. dist/ is served by a server of
// this file's own (run.sh's has no headers to set), and every
// securitypolicyviolation the page raises is counted while a reader sends
// signals and plays their kernel paths. Then the same page with its wasm or
// its JS glue changed by one byte: Subresource Integrity refuses them, and
// the page says it could not start instead of loading forever.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../browser.js';
import { pageHelpers } from '../page.js';
import { serveDir, originOf } from '../serve.js';
import { KILL_FROM_HOST } from '../sessions.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
const DIST = resolve(process.env.SIGSCOPE_DIST || fileURLToPath(new URL('../../dist/', import.meta.url)));

/** The policy the README gives; frame-ancestors is the embedder's to narrow. */
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
  + "connect-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors *";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.rs': 'text/plain; charset=utf-8',
};

/**
 * Serves dist/ on 127.0.0.1 with the policy as a header. `tamper(name)`
 * says whether to flip one byte in the middle of a file as it is served.
 */
function serve(tamper = () => false) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(DIST, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(DIST + sep)) {
      res.writeHead(403).end();
      return;
    }
    let body;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, { 'Content-Security-Policy': CSP }).end();
      return;
    }
    if (tamper(file.slice(DIST.length + 1))) {
      body = Buffer.from(body);
      body[body.length >> 1] ^= 0x01;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'Cache-Control': 'no-store',
    });
    res.end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

let browser;
let server;
let context;
let page;
let seen;
const { processNode, eventually, statusText } = pageHelpers(() => page);

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Each test: a fresh context, and what the page raised — policy
// violations (seen by the page itself), console errors, uncaught errors —
// and every request it made.
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
  page = await context.newPage();
  page.setDefaultTimeout(5000);
  seen = { requests: [], console: [], errors: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') seen.console.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
});

afterEach(async () => {
  await context.close();
  await new Promise((ok) => server.close(ok));
});

const violations = () => page.evaluate(() => window.cspViolations);
const diagram = () => page.getByRole('group', { name: /^Kernel call path/ });

async function diagramStep() {
  const m = (await diagram().getAttribute('aria-label')).match(/step (\d+) of (\d+)$/);
  return [Number(m[1]), Number(m[2])];
}

async function sendFrom(name) {
  await page.getByRole('button', { name: `send from here: ${name}` }).click();
  await eventually(async () => (await processNode(name).getAttribute('aria-label')).endsWith(', sender'), `${name} sends`);
}

/** Drags a signal chip onto a process with the mouse, as a reader does. */
async function drag(signal, name) {
  const from = await page.getByRole('button', { name: new RegExp(`^${signal.replace(/[+]/g, '\\+')}( |$)`) }).boundingBox();
  const to = await processNode(name).boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 30), { steps: 12 });
  await page.mouse.up();
  await diagram().waitFor();
}

/** The callout beside the current node, and the listed steps indented by call depth: what style= used to do. */
async function layout() {
  return page.evaluate(() => {
    const box = (el) => el.getBoundingClientRect();
    const callout = document.querySelector('.cc-callout');
    const node = document.querySelector('.cc-node.cc-current .cc-box');
    const c = box(callout);
    const n = box(node);
    const pads = [...document.querySelectorAll('.cc-steps .cc-step button')]
      .map((b) => parseFloat(getComputedStyle(b).paddingLeft));
    return {
      beside: (c.left >= n.right && c.left - n.right < 30) || (c.right <= n.left && n.left - c.right < 30),
      level: c.top < n.bottom + 20 && c.bottom > n.top - 20,
      indents: new Set(pads).size,
      stepMs: getComputedStyle(document.querySelector('.cc')).getPropertyValue('--cc-step-ms').trim(),
    };
  });
}

test('under the strict CSP the page starts, sends, plays its kernel paths and compares them with no violation', async () => {
  server = await serve();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const response = await page.goto(base);
  assert.equal(response.headers()['content-security-policy'], CSP, 'the page is served with the policy');
  await processNode('ctr-init').waitFor({ timeout: 15000 });

  // SIGKILL from inside the container (dropped), then from the host's shell:
  // the long path, through the namespace's teardown, played to its end.
  await sendFrom('app');
  await drag('SIGKILL', 'ctr-init');
  await eventually(async () => /^Dropped:/.test(await statusText()), 'the first outcome');
  await sendFrom('shell');
  await drag('SIGKILL', 'ctr-init');
  assert.match(await eventually(async () => /^Killed:/.test(await statusText()) && statusText(), 'the outcome'), /forced/);
  await page.getByRole('combobox', { name: 'Playback speed' }).selectOption('4');
  await eventually(async () => (await layout()).stepMs === '300ms', 'the pace follows the speed');
  const controls = page.getByRole('toolbar', { name: 'Playback of the kernel path' });
  await eventually(async () => /paused where the fate was sealed/.test(await controls.textContent()), 'the hold', 15000);
  const held = await layout();
  assert.ok(held.beside && held.level, `the callout sits beside the current node: ${JSON.stringify(held)}`);
  assert.ok(held.indents > 2, `the listed steps are indented by call depth: ${JSON.stringify(held)}`);
  await page.getByRole('button', { name: 'Play' }).click();
  const [, total] = await diagramStep();
  await eventually(async () => (await diagramStep())[0] === total, 'played to the last step', 30000);
  const last = await layout();
  assert.ok(last.beside && last.level, `the callout follows the path: ${JSON.stringify(last)}`);

  // The port's source of the deciding step, fetched from the same origin.
  await page.getByRole('button', { name: 'Jump to the deciding step: fatal to the group' }).click();
  const pane = page.getByRole('region', { name: /^Port source of complete_signal / });
  await eventually(async () => /trace!\(/.test(await pane.textContent()), 'the port source loads');

  // The two sends compared: the comparison's steps are indented too.
  await page.getByRole('combobox', { name: 'Compare with an earlier send' }).selectOption({ label: '#1 app: kill(1, SIGKILL)' });
  const cmp = page.getByRole('region', { name: 'Compare: #1 app: kill(1, SIGKILL) and #2 shell: kill(3, SIGKILL)' });
  await cmp.waitFor();
  const cmpIndents = await cmp.locator('li').evaluateAll((lis) => new Set(lis.map((li) => getComputedStyle(li).paddingLeft)).size);
  assert.ok(cmpIndents > 2, `the compared steps are indented by call depth (${cmpIndents} indents)`);

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}40-strict-csp.png`, fullPage: true });

  assert.deepEqual(await violations(), [], 'no securitypolicyviolation');
  assert.deepEqual(seen.console, [], 'no console error');
  assert.deepEqual(seen.errors, [], 'no uncaught error');
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith(base)), [], 'no request to another origin');
  assert.equal(seen.requests.filter((u) => u.endsWith('_bg.wasm')).length, 1, 'the wasm is fetched once: the preload serves the checked fetch');

  // And the policy is really in force: an inline script is refused.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.head.append(s);
    return window.inlineRan === true;
  });
  assert.equal(ran, false, 'an inline script does not run');
  await eventually(async () => (await violations()).some((v) => v.startsWith('script-src-elem inline')), 'the refusal is reported');
});

test('embedded (?embed) by a page of another origin, the page plays and obeys its messages with no violation', async () => {
  server = await serve();
  const embedOrigin = `http://127.0.0.1:${server.address().port}`;
  // The embedding page under a strict policy of its own.
  const host = await serveDir(fileURLToPath(new URL('../embed-host/', import.meta.url)), {
    'Content-Security-Policy': `default-src 'self'; img-src data:; frame-src ${embedOrigin}; base-uri 'none'; object-src 'none'`,
  });
  try {
    await page.goto(`${originOf(host)}/?src=${encodeURIComponent(`${embedOrigin}/?embed&panes=tree,path,source#${KILL_FROM_HOST}`)}`);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    const step = async () => Number((await frame.getByRole('group', { name: /^Kernel call path/ }).getAttribute('aria-label'))
      .match(/step (\d+) of/)[1]);
    await eventually(async () => (await page.evaluate(() => window.sigscopeEvents.map((e) => e.sigscope))).includes('ready'),
      'ready', 15000);
    await page.evaluate(() => window.sigscope({ sigscope: 'goto', step: 20 }));
    await eventually(async () => (await step()) === 20, 'goto 20');
    await page.evaluate(() => window.sigscope({ sigscope: 'play' }));
    await eventually(async () => (await step()) > 20, 'playing', 8000);
    await page.evaluate(() => window.sigscope({ sigscope: 'pause' }));
    // The source pane fetches the port's source from the embed's origin.
    const pane = frame.getByRole('region', { name: /^Port source of / });
    await eventually(async () => /fn /.test(await pane.textContent()), 'the port source loads');
    await page.screenshot({ path: `${SHOTS}42-csp-embedded.png` });
    assert.deepEqual(await frame.evaluate(() => window.cspViolations), [], 'no violation in the embed');
    assert.deepEqual(await violations(), [], 'no violation in the embedding page');
    assert.deepEqual(seen.console.filter((m) => !/favicon/.test(m)), [], 'no console error');
    assert.deepEqual(seen.errors, [], 'no uncaught error');
    const foreign = seen.requests.filter((u) => !u.startsWith(embedOrigin) && !u.startsWith(originOf(host)) && !u.startsWith('data:'));
    assert.deepEqual(foreign, [], 'no request to a third origin');
  } finally {
    await new Promise((ok) => host.close(ok));
  }
});

for (const [what, file, shot] of [
  ['wasm', /^sigscope-[0-9a-f]+_bg\.wasm$/, '41-csp-tampered-wasm'],
  ['JS glue', /^sigscope-[0-9a-f]+\.js$/, null],
]) {
  test(`a ${what} changed by one byte is refused, and the page says it could not start`, async () => {
    server = await serve((name) => file.test(name));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const message = page.getByRole('status');
    const text = await eventually(async () => /could not start/.test(await message.textContent()) && message.textContent(),
      'the failure message', 15000);
    // From the watchdog, which sees the preload fail, or from static/start.js.
    assert.match(text, new RegExp(`sigscope could not start: could not load http://\\S+/${file.source.slice(1, -1)}[ .]`));
    assert.match(text, /Reload the page/);
    assert.equal(await processNode('ctr-init').count(), 0, 'the app did not start');
    assert.ok(seen.console.some((e) => /integrity/.test(e)), `the browser names the integrity check: ${seen.console.join(' | ')}`);
    assert.deepEqual(await violations(), [], 'no securitypolicyviolation: integrity, not the policy, refused it');
    if (shot) await page.screenshot({ path: `${SHOTS}${shot}.png` });
  });
}
