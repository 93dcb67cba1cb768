// The page as a reader uses it: drag signals with the pointer, read the
// outcome. Everything is found by role and accessible name, as a screen
// reader would find it — never by CSS class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL } from '../browser.js';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;

let page;
const { processNode, processCard, eventually, statusText } = pageHelpers(() => page);
// The default world's lesson card (scenarios/default.json's meta.lesson).
const lesson = () => page.getByRole('region', { name: /^Why doesn’t docker stop/ });
let seen;
withPage((p, s) => { page = p; seen = s; });

// ---- helpers: what a person does and reads ------------------------------

function chip(signal) {
  return page.getByRole('button', { name: new RegExp(`^${signal.replace(/[+]/g, '\\+')}( |$)`) });
}

async function label(name) {
  return processNode(name).getAttribute('aria-label');
}

async function statusMatching(re) {
  return eventually(async () => re.test(await statusText()) && statusText(), `status should match ${re}`);
}

/**
 * Drags a signal chip onto a target with the mouse (pointer events), checks
 * the call the hovered target shows, and drops.
 */
async function drag(signal, target, expectedPreview) {
  const from = await chip(signal).boundingBox();
  const to = await target.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 30), { steps: 12 });
  if (expectedPreview) {
    const tip = page.getByRole('tooltip');
    await eventually(async () => (await tip.textContent()) === expectedPreview, `preview ${expectedPreview}`);
  }
  await page.mouse.up();
}

async function sendFrom(name) {
  await page.getByRole('button', { name: `send from here: ${name}` }).click();
  await eventually(async () => (await label(name)).endsWith(', sender'), `${name} becomes the sender`);
}

async function shot(name) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

// ---- the scenarios ------------------------------------------------

test('the first screen answers the question: the tree, the palette, the guide', async () => {
  assert.match(await label('init'), /^init, PID 1, running, global init$/);
  assert.match(await label('shell'), /^shell, PID 2, running, sender$/);
  assert.match(await label('ctr-init'), /^ctr-init, PID 1 · 3, running, namespace init$/);
  assert.match(await label('app'), /^app, PID 2 · 4, running$/);
  for (const s of ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGUSR1', 'SIGUSR2', 'SIGPIPE', 'SIGALRM',
    'SIGTERM', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGWINCH', 'SIGRTMIN']) {
    assert.equal(await chip(s).count(), 1, s);
  }
  const container = page.getByRole('region', { name: 'namespace container, level 1' });
  assert.match(await container.textContent(), /init: ctr-init/);
  assert.match(await lesson().textContent(), /Why doesn’t docker stop’s SIGTERM reach/);
  await shot('01-first-screen');
});

test('SIGTERM from the host shell onto the container init is dropped', async () => {
  await drag('SIGTERM', processNode('ctr-init'), 'kill(3, SIGTERM)');
  const s = await statusMatching(/^Dropped:/);
  assert.match(s, /sig_task_ignored/);
  assert.match(s, /no SIGTERM handler/);
  assert.match(await lesson().textContent(), /Step 2 of 6.*Drag SIGKILL onto it/);
  assert.match(await label('ctr-init'), /, running,/);
  assert.match(await processCard('ctr-init').textContent(), /dropped SIGTERM/);
  assert.match(await page.getByRole('region', { name: 'Outcome' }).textContent(), /returns 0/);
  await shot('02-sigterm-from-host-dropped');
});

test('SIGKILL from inside the container onto its init is dropped too', async () => {
  await sendFrom('app');
  await drag('SIGKILL', processNode('ctr-init'), 'kill(1, SIGKILL)');
  const s = await statusMatching(/^Dropped:/);
  assert.match(s, /not forced/);
  assert.match(s, /sig_task_ignored/);
  assert.match(await label('ctr-init'), /, running,/);
  await shot('03-sigkill-from-inside-dropped');
});

test('SIGKILL from the host shell kills the init and every process of the container', async () => {
  await drag('SIGKILL', processNode('ctr-init'), 'kill(3, SIGKILL)');
  const s = await statusMatching(/^Killed:/);
  assert.match(s, /forced/);
  assert.match(s, /Namespace container died with its init ctr-init: app, worker killed too/);
  assert.match(await label('ctr-init'), /killed by SIGKILL/);
  assert.match(await label('app'), /, dead \(killed by SIGKILL\)/);
  assert.match(await label('worker'), /, dead \(killed by SIGKILL\)/);
  assert.match(await label('shell'), /, running/);
  const container = page.getByRole('region', { name: 'namespace container, level 1' });
  assert.match(await container.textContent(), /dead — accepts no process/);
  await shot('04-sigkill-from-host-kills-container');
});

test('a SIGTERM handler on the init runs, and sees si_pid 0 from the host', async () => {
  await processNode('ctr-init').click(); // no signal in hand: opens it in the editor
  await page.getByRole('combobox', { name: 'SIGTERM disposition' }).selectOption('catch');
  await eventually(async () => /catch TERM/.test(await processCard('ctr-init').textContent()), 'the caught badge');
  await drag('SIGTERM', processNode('ctr-init'), 'kill(3, SIGTERM)');
  const s = await statusMatching(/^Handled:/);
  assert.match(s, /si_pid 0/);
  assert.match(await processCard('ctr-init').textContent(), /TERM handler ran · si_pid 0/);
  assert.match(await label('ctr-init'), /, running,/);
  await shot('05-handler-si-pid-0');
});

test('kill(-1) from inside the container reaches everything there but its init and the caller', async () => {
  await sendFrom('app');
  const everyone = page.getByRole('button', { name: 'kill(-1) every process app may signal' });
  await drag('SIGKILL', everyone, 'kill(-1, SIGKILL)');
  await statusMatching(/^Killed/);
  assert.match(await label('worker'), /, zombie \(killed by SIGKILL\)/, 'app, its parent, never waits');
  assert.match(await label('ctr-init'), /, running,/);
  assert.match(await label('app'), /, running/);
  assert.match(await label('shell'), /, running/);
  assert.match(await label('init'), /, running/);
  await shot('06-kill-minus-1-from-inside');
});

test('the keyboard way: pick a signal, pick a target, Enter', async () => {
  await chip('SIGKILL').focus();
  await page.keyboard.press('Enter');
  await eventually(async () => (await chip('SIGKILL').getAttribute('aria-pressed')) === 'true', 'SIGKILL picked');
  await processNode('ctr-init').focus();
  await eventually(async () => (await page.getByRole('tooltip').textContent()) === 'kill(3, SIGKILL)', 'preview on focus');
  await page.keyboard.press('Enter');
  await statusMatching(/^Killed:/);
  assert.match(await label('app'), /dead/);
  await page.keyboard.press('Tab');
  await shot('07-keyboard');
});

test("the newcomer's minute: SIGKILL onto the container's init from both sides, and why they differ", async () => {
  await drag('SIGTERM', processNode('ctr-init'), 'kill(3, SIGTERM)');
  await statusMatching(/^Dropped:/);
  await drag('SIGKILL', processNode('ctr-init'), 'kill(3, SIGKILL)');
  assert.match(await statusMatching(/^Killed:/), /forced/);
  const outcome = page.getByRole('region', { name: 'Outcome' });
  assert.match(await lesson().textContent(), /Undo: the container comes back/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await eventually(async () => /, running,/.test(await label('ctr-init')), 'undo brings the container back');
  await sendFrom('app');
  await drag('SIGKILL', processNode('ctr-init'), 'kill(1, SIGKILL)');
  assert.match(await statusMatching(/^Dropped:/), /not forced/);
  assert.match(await lesson().textContent(), /That is the difference: from an ancestor namespace SIGKILL is forced/);
  const log = page.getByRole('region', { name: 'Event log (2)' });
  assert.match(await log.textContent(), /app\s*kill\(1, SIGKILL\)/);
  await shot('10-newcomers-minute');
});

test('a finger drag works too (touch input becomes pointer events)', async () => {
  const ctx = await seen.browser.newContext({ viewport: { width: 900, height: 1000 }, hasTouch: true, isMobile: true });
  const p = await ctx.newPage();
  await p.goto(BASE_URL);
  const target = p.getByRole('button', { name: /^ctr-init, PID/ });
  await target.waitFor();
  // The target on screen (the lesson card may push it below the fold); the
  // signal bar stays at the top (sticky at this size).
  await target.scrollIntoViewIfNeeded();
  // Stuck, the bar compacts a frame or two after the scroll (a
  // scroll-state query): measure the chip once it has.
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await p.waitForTimeout(100);
  const from = await p.getByRole('button', { name: /^SIGKILL( |$)/ }).boundingBox();
  const to = await target.boundingBox();
  const cdp = await ctx.newCDPSession(p);
  const at = (x, y) => [{ x: Math.round(x), y: Math.round(y) }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(from.x + from.width / 2, from.y + from.height / 2) });
  for (let i = 1; i <= 10; i++) {
    const x = from.x + from.width / 2 + ((to.x + to.width / 2) - (from.x + from.width / 2)) * i / 10;
    const y = from.y + from.height / 2 + ((to.y + 20) - (from.y + from.height / 2)) * i / 10;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(x, y) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  const status = p.getByRole('status');
  for (let i = 0; i < 60 && !/^Killed:/.test((await status.textContent()).trim()); i++) await p.waitForTimeout(50);
  assert.match((await status.textContent()).trim(), /^Killed:/);
  await p.screenshot({ path: `${SHOTS}11-touch-drag.png` });
  await ctx.close();
});

test('a target not visible from the sender says so before the drop, and ESRCH after', async () => {
  await sendFrom('app');
  await drag('SIGTERM', processNode('shell'), 'not visible from here');
  await statusMatching(/^ESRCH:/);
});

test('the kernel refuses what it would refuse: EINVAL, ENOMEM, and a panic', async () => {
  // Start the session's timeline: later edits become calls the kernel judges.
  await drag('SIGKILL', processNode('ctr-init'));
  await statusMatching(/^Killed:/);
  // Fork into the dead container: ENOMEM.
  const add = page.getByRole('form', { name: 'Add a process' });
  await add.getByRole('combobox', { name: 'parent' }).selectOption('shell');
  await add.getByRole('combobox', { name: 'namespace' }).selectOption('container');
  await add.getByRole('button', { name: 'Add process' }).click();
  assert.match(await statusMatching(/^ENOMEM:/), /alloc_pid/);
  // Catching SIGKILL: EINVAL.
  await processNode('shell').click();
  await page.getByRole('combobox', { name: 'SIGKILL disposition' }).selectOption('catch');
  assert.match(await statusMatching(/^EINVAL:/), /cannot be caught/);
  assert.equal(await page.getByRole('combobox', { name: 'SIGKILL disposition' }).inputValue(), 'default',
    'a refused choice does not stay on screen');
  // The global init exiting: the kernel panics.
  await processNode('init').click();
  await page.getByRole('region', { name: /^init/ }).getByRole('button', { name: 'Exit' }).click();
  await statusMatching(/^Kernel panic:/);
  assert.match(await page.getByRole('region', { name: 'Outcome' }).textContent(), /Attempted to kill init!/);
  assert.match(await label('init'), /, running/);
  await shot('08-kernel-refusals');
});

test('nothing is lost: a reload restores the session from the permalink', async () => {
  await drag('SIGTERM', processNode('ctr-init'));
  await statusMatching(/^Dropped:/);
  await eventually(async () => page.url().includes('#z='), 'the (compressed) permalink in the address');
  await page.reload();
  await processNode('ctr-init').waitFor();
  const log = page.getByRole('region', { name: 'Event log (1)' });
  assert.match(await log.textContent(), /kill\(3, SIGTERM\)/);
  // Undo is there too, and brings the world back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('region', { name: 'Event log (0)' }).waitFor();
});

test('import and export: the session is a sigscene/1 file', async () => {
  await page.getByRole('button', { name: 'Import / export' }).click();
  const json = page.getByRole('textbox', { name: 'The session as a sigscene/1 file' });
  const exported = JSON.parse(await json.inputValue());
  assert.equal(exported.format, 'sigscene/1');
  assert.deepEqual(exported.processes.map((p) => p.id), ['init', 'shell', 'ctr-init', 'app', 'worker']);
  // A world of one's own: a nested container run by a daemon.
  exported.namespaces.push({ id: 'nested', parent: 'container' });
  exported.processes.push({ id: 'inner', ns: 'nested', parent: 'worker' });
  await json.fill(JSON.stringify(exported));
  await page.getByRole('button', { name: 'Apply this JSON' }).click();
  await processNode('inner').waitFor();
  assert.match(await label('inner'), /^inner, PID 1 · 4 · 6, running, namespace init$/);
  // A broken file is refused with the field that is wrong.
  await json.fill(JSON.stringify({ ...exported, processes: [...exported.processes, { id: 'x', ns: 'nowhere', parent: 'init' }] }));
  await page.getByRole('button', { name: 'Apply this JSON' }).click();
  assert.match(await statusMatching(/^Refused:/), /processes\[6\]\.ns: no namespace with id "nowhere"/);
  await shot('12-import');
});

test('the kernel version selector replays the session on another kernel', async () => {
  await drag('SIGTERM', processNode('ctr-init'));
  await statusMatching(/^Dropped:/);
  await page.getByRole('combobox', { name: 'Kernel version' }).selectOption('4.19');
  assert.match(await statusText(), /follow kernel 4.19/);
  assert.equal(await page.getByRole('combobox', { name: 'Kernel version' }).inputValue(), '4.19');
});

test('a page whose WebAssembly cannot load says so', async () => {
  const ctx = await seen.browser.newContext();
  const p = await ctx.newPage();
  await p.route(/\.wasm$/, (r) => r.abort());
  await p.goto(BASE_URL);
  const message = p.getByRole('status');
  for (let i = 0; i < 80 && !/could not start/.test(await message.textContent()); i++) await p.waitForTimeout(50);
  assert.match(await message.textContent(), /sigscope could not start/);
  await p.screenshot({ path: `${SHOTS}09-load-failure.png` });
  await ctx.close();
});
