// The page's figures at scale (issue 12), for scripts/scale.sh: not a test,
// a missed target is printed, not failed. In headless Chromium against the
// served release build:
//   - the 10,000-process world over 32 nested namespaces with 200 actions
//     (the CLI's scale world, built the same way): time to the first
//     rendered tree, a send, a kill(-1) across it, and the frame times
//     (requestAnimationFrame) while that kill(-1)'s kernel path plays;
//   - 2,000 sends made through the page one after another: the time of the
//     last sends and the wasm memory after them.
// Usage: node scale.mjs URL
import { launch } from './browser.js';

const url = process.argv[2];
const browser = await launch();

/** The scale world: `n` processes over `levels` nested namespaces, each
 *  level's init made by the one above and the rest spread over the levels;
 *  `actions` kill(2)s of a level's init by the global init, round the
 *  levels (as sigsim-cli/benches/kill.rs --scale). */
function scaleWorld(n, levels, actions) {
  const namespaces = [{ id: 'l0' }];
  const processes = [{ id: 'p0', ns: 'l0', signals: { SIGUSR1: 'catch' } }];
  for (let l = 1; l < levels; l++) {
    namespaces.push({ id: `l${l}`, parent: `l${l - 1}` });
    processes.push({ id: `init${l}`, ns: `l${l}`, parent: l === 1 ? 'p0' : `init${l - 1}`, signals: { SIGUSR1: 'catch' } });
  }
  for (let i = levels; i < n; i++) {
    const l = i % levels;
    processes.push({ id: `p${i}`, ns: `l${l}`, parent: l === 0 ? 'p0' : `init${l}`, signals: { SIGUSR1: 'catch' } });
  }
  const list = [];
  for (let a = 0; a < actions; a++) {
    list.push({ from: 'p0', kill: { pid_of: `init${1 + (a % (levels - 1))}` }, sig: 'SIGUSR1' });
  }
  return { format: 'sigscene/1', namespaces, processes, actions: list };
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95), n: s.length };
}

/** A page with `session` as its autosave, the wasm's memory reachable. */
async function open(session) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(120000);
  await page.addInitScript((saved) => {
    if (saved && !sessionStorage.getItem('seeded')) {
      localStorage.setItem('sigscope.session', saved);
      sessionStorage.setItem('seeded', '1');
    }
    const seen = () => document.querySelector('[role=button][aria-label*=", PID "]');
    new MutationObserver((_, obs) => {
      if (seen()) { window.__firstTree = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  }, session && JSON.stringify(session));
  await page.goto(url);
  await page.waitForFunction(() => window.__firstTree !== undefined);
  return { context, page };
}

const memoryMb = (page) => page.evaluate(() => (window.sigscopeWasm
  ? window.sigscopeWasm.memory.buffer.byteLength / 1048576 : NaN));

/** Sends `signal` by keyboard to the process node named `target`, or to a
 *  drop zone (kill(-1)); resolves with the time from the Enter key to the
 *  laid-out page that shows the new outcome, measured inside the page (the
 *  driver's round trips are not counted). */
async function timedSend(page, signal, target) {
  await page.getByRole('button', { name: new RegExp(`^${signal.replace(/[+]/g, '\\+')}( |$)`) }).focus();
  await page.keyboard.press('Enter');
  const node = target.startsWith('kill(')
    ? page.getByRole('button', { name: new RegExp(`^${target.replace(/[()-]/g, '\\$&')}`) }).first()
    : page.getByRole('button', { name: new RegExp(`^${target}, PID`) }).first();
  await node.focus();
  return page.evaluate(() => new Promise((resolve) => {
    const status = document.querySelector('[role=status]');
    const before = status.textContent;
    let t0;
    new MutationObserver((_, obs) => {
      if (status.textContent === before) return;
      obs.disconnect();
      requestAnimationFrame(() => {
        void document.body.offsetHeight;
        resolve(performance.now() - t0);
      });
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
    t0 = performance.now();
    const el = document.activeElement;
    // A native button acts on click; a process node on its Enter key.
    if (el.tagName === 'BUTTON') el.click();
    else el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  }));
}

/** Frame intervals while the kernel path plays from its first step. */
async function frameTimes(page, ms) {
  return page.evaluate((ms) => new Promise((resolve) => {
    const gaps = [];
    let last = performance.now();
    const end = last + ms;
    function frame(t) {
      gaps.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(frame); else resolve(gaps);
    }
    requestAnimationFrame(frame);
  }), ms);
}

const f = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');

console.log(`page scale: ${new Date().toISOString().slice(0, 10)}, headless Chromium, 1366×768`);
{
  const world = scaleWorld(10000, 32, 200);
  const { context, page } = await open({ scenario: world, sender: 'p0', how: 'kill' });
  const first = await page.evaluate(() => window.__firstTree);
  console.log(`  10,000 processes / 32 levels / 200 actions: first rendered tree ${f(first)} ms (target < 3000), wasm memory ${f(await memoryMb(page))} MB`);
  const send = await timedSend(page, 'SIGUSR1', 'init1');
  console.log(`    a send (kill(2) of init1)            : ${f(send)} ms (target < 50)`);
  const all = await timedSend(page, 'SIGUSR1', 'kill(-1)');
  console.log(`    a kill(-1) across it                 : ${f(all)} ms`);
  const play = page.getByRole('button', { name: /^(Play|Replay)/ }).first();
  if (await play.count()) await play.click();
  const gaps = stats(await frameTimes(page, 3000));
  console.log(`    frames while its path plays (3 s)    : median ${gaps.median.toFixed(1)} ms (${f(1000 / gaps.median)} fps), p95 ${gaps.p95.toFixed(1)} ms (${f(1000 / gaps.p95)} fps), ${gaps.n} frames (target >= 50 fps)`);
  await context.close();
}
{
  const { context, page } = await open(null);
  const n = Number(process.env.SENDS || 2000);
  const times = [];
  const startMb = await memoryMb(page);
  for (let i = 0; i < n; i++) {
    // SIGUSR1 to the shell itself is handled: the world never runs out.
    times.push(await timedSend(page, i % 2 ? 'SIGCONT' : 'SIGWINCH', 'ctr-init'));
  }
  const last = stats(times.slice(-100));
  console.log(`  ${n} sends through the page (the default world): the last 100 median ${last.median.toFixed(1)} ms, p95 ${last.p95.toFixed(1)} ms (target < 50); wasm memory ${f(startMb)} MB → ${f(await memoryMb(page))} MB (target < 100)`);
  await context.close();
}
await browser.close();
