// The kernel path under the tree: the blog's four cases played on the
// diagram, by keyboard, on two kernels, with the port's source and the
// comparison of two sends. Found by role and accessible name only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL } from '../browser.js';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;

let page;
const { processNode, processCard, eventually, send } = pageHelpers(() => page);
let seen;
withPage((p, s) => { page = p; seen = s; });

// ---- helpers ---------------------------------------------------------------

async function sendFrom(name) {
  await page.getByRole('button', { name: `send from here: ${name}` }).click();
  await eventually(async () => (await processNode(name).getAttribute('aria-label')).endsWith(', sender'), `${name} sends`);
}

const diagram = () => page.getByRole('group', { name: /^Kernel call path/ });

async function diagramStep() {
  const m = (await diagram().getAttribute('aria-label')).match(/step (\d+) of (\d+)$/);
  return [Number(m[1]), Number(m[2])];
}

/** The diagram's nodes on the path (the others read "not on this path"). */
async function litPath() {
  const names = await diagram().getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  return names.filter((n) => !/: not on this path$/.test(n)).map((n) => n.split(':')[0]);
}

function node(func) {
  return diagram().getByRole('button', { name: new RegExp(`^${func}:`) });
}

async function jumpToDeciding(seal) {
  await page.getByRole('button', { name: `Jump to the deciding step: ${seal}` }).click();
}

async function sourcePane() {
  const pane = page.getByRole('region', { name: /^Port source of / });
  await eventually(async () => /^fn /.test((await pane.textContent()).trim()) || (await pane.textContent()), 'the source loads');
  return pane;
}

async function shot(name) {
  // From the top: the sticky controls would otherwise sit over the tree.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

const CALL_TO_LOCKED = ['kill', 'kill_something_info', 'kill_proc_info', 'kill_pid_info', 'kill_pid_info_type',
  'group_send_sig_info', 'check_kill_permission', 'do_send_sig_info', 'send_signal_locked', '__send_signal_locked',
  'prepare_signal', 'sig_ignored', 'sig_task_ignored'];

async function assertDecided({ seal, func, reason, line }) {
  await jumpToDeciding(seal);
  assert.match(await node(func).getAttribute('aria-label'), reason);
  const pane = await sourcePane();
  await eventually(async () => new RegExp(`^Port source of ${func} \\(sigsim/src/signal\\.rs:\\d+\\)$`).test(await pane.getAttribute('aria-label')),
    `the source pane shows ${func}`);
  const at = (await pane.getAttribute('aria-label')).match(/:(\d+)\)$/)[1];
  assert.match(await pane.textContent(), new RegExp(`\\b${at}\\s`), 'the deciding line is in the pane');
  assert.match(await pane.textContent(), /trace!\(/, "the port's own source");
  assert.match(await page.getByText(/dropped here at|fatal to the group at|queued at/).first().textContent(), new RegExp(func));
}

// ---- the blog's four cases -------------------------------------------------

test('SIGTERM from the host to the container init: dropped at sig_task_ignored', async () => {
  await send('SIGTERM');
  await page.getByRole('button', { name: 'Last step' }).click();
  const lit = await litPath();
  for (const f of CALL_TO_LOCKED) assert.ok(lit.includes(f), `${f} lit`);
  assert.ok(!lit.includes('complete_signal'), 'never reaches complete_signal');
  assert.match(await node('send_signal_locked').getAttribute('aria-label'), /no PID in ctr-init's namespace.*force = true/);
  await assertDecided({ seal: 'dropped here', func: 'sig_task_ignored', reason: /dropped — ctr-init is a namespace init \(SIGNAL_UNKILLABLE\) with no SIGTERM handler/ });
  await shot('20-path-sigterm-from-host');
});

test('SIGKILL from inside the container to its init: dropped, not forced', async () => {
  await sendFrom('app');
  await send('SIGKILL');
  await page.getByRole('button', { name: 'Last step' }).click();
  const lit = await litPath();
  for (const f of CALL_TO_LOCKED) assert.ok(lit.includes(f), `${f} lit`);
  assert.match(await node('send_signal_locked').getAttribute('aria-label'), /app is visible in ctr-init's namespace as 2: force = false/);
  await assertDecided({ seal: 'dropped here', func: 'sig_task_ignored', reason: /dropped — ctr-init is a namespace init \(SIGNAL_UNKILLABLE\) with the default SIGKILL action/ });
  // The tree shows who calls and which namespace level send_signal_locked compared.
  await page.getByRole('button', { name: 'Step back' }).click(); // sig_ignored
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step back' }).click();
  assert.match(await node('send_signal_locked').getAttribute('aria-label'), /force = false/);
  await eventually(async () => /send_signal_locked: app is PID 2 at level 1 — it sends from inside/.test(
    await page.getByRole('region', { name: 'namespace container, level 1' }).textContent()), 'the compared level in the tree');
  await shot('21-path-sigkill-from-inside');
});

test('SIGKILL from the host to the container init: forced, fatal to the group', async () => {
  await send('SIGKILL');
  await page.getByRole('button', { name: 'Last step' }).click();
  const lit = await litPath();
  for (const f of [...CALL_TO_LOCKED, 'sig_handler_ignored', 'legacy_queue', 'complete_signal']) assert.ok(lit.includes(f), `${f} lit`);
  await assertDecided({ seal: 'fatal to the group', func: 'complete_signal', reason: /fatal — SIGKILL with SIG_DFL is fatal: the whole group exits now/ });
  // At the deciding step (later steps are the container's teardown).
  assert.match(await node('sig_task_ignored').getAttribute('aria-label'), /a namespace init, but SIGKILL is forced: it passes/);
  await shot('22-path-sigkill-from-host');
});

test('SIGTERM to the container init with a handler: queued, si_pid 0', async () => {
  await processNode('ctr-init').click();
  await page.getByRole('combobox', { name: 'SIGTERM disposition' }).selectOption('catch');
  await eventually(async () => /catch TERM/.test(await processCard('ctr-init').textContent()), 'the caught badge');
  await send('SIGTERM');
  await page.getByRole('button', { name: 'Last step' }).click();
  const lit = await litPath();
  for (const f of [...CALL_TO_LOCKED, 'sig_handler_ignored', 'legacy_queue']) assert.ok(lit.includes(f), `${f} lit`);
  assert.match(await node('sig_task_ignored').getAttribute('aria-label'), /it has a SIGTERM handler: it passes/);
  await assertDecided({ seal: 'queued', func: '__send_signal_locked', reason: /queued — SIGTERM is queued on ctr-init's shared queue with si_pid 0/ });
  await shot('23-path-sigterm-with-handler');
});

// ---- keyboard, versions, compare, the log ----------------------------------

test('the diagram steps with the keyboard: ←/→, Home/End, Space', async () => {
  await send('SIGTERM');
  await diagram().focus();
  await page.keyboard.press('End');
  const [, n] = await diagramStep();
  await eventually(async () => (await diagramStep())[0] === n, 'End: the last step');
  await page.keyboard.press('Home');
  await eventually(async () => (await diagramStep())[0] === 1, 'Home: the first step');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await eventually(async () => (await diagramStep())[0] === 3, '→ twice: step 3');
  assert.match(await node('kill_something_info').getAttribute('aria-label'), /pid > 0: one process/);
  await page.keyboard.press('ArrowLeft');
  await eventually(async () => (await diagramStep())[0] === 2, '←: step 2');
  assert.match(await node('kill_something_info').getAttribute('aria-label'), /not on this path/);
  await page.keyboard.press(' ');
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await eventually(async () => (await diagramStep())[0] > 2, 'Space plays');
  await page.keyboard.press(' ');
  await page.getByRole('button', { name: 'Play' }).waitFor();
});

test('autoplay pauses where the fate was sealed, and Play goes on through the teardown', async () => {
  await send('SIGKILL'); // from the host's shell: the long path, through the zap
  await page.getByRole('combobox', { name: 'Playback speed' }).selectOption('4');
  const controls = page.getByRole('toolbar', { name: 'Playback of the kernel path' });
  await eventually(async () => /paused where the fate was sealed/.test(await controls.textContent()), 'the hold', 15000);
  const [held, total] = await diagramStep();
  assert.ok(held < total, `held at ${held} of ${total}, before the teardown`);
  assert.match(await node('complete_signal').getAttribute('aria-label'), /^complete_signal: fatal — SIGKILL with SIG_DFL is fatal/);
  await shot('27-held-at-the-seal');
  await page.getByRole('button', { name: 'Play' }).click();
  await eventually(async () => (await diagramStep())[0] > held, 'Play goes on');
  assert.doesNotMatch(await controls.textContent(), /paused where/);
  await eventually(async () => (await diagramStep())[0] === total, 'on to the last step', 30000);
});

test('the version selector renames the chain: send_signal on 5.10, send_signal_locked on 6.18', async () => {
  await send('SIGTERM');
  await page.getByRole('button', { name: 'Last step' }).click();
  assert.equal(await node('send_signal_locked').count(), 1);
  assert.equal(await node('send_signal').count(), 0);
  await page.getByRole('combobox', { name: 'Kernel version' }).selectOption('5.10');
  await eventually(async () => /Linux 5\.10/.test(await diagram().getAttribute('aria-label')), 'the diagram follows 5.10');
  await page.getByRole('button', { name: 'Last step' }).click();
  assert.match(await node('send_signal').getAttribute('aria-label'), /force = true/);
  assert.match(await node('__send_signal').getAttribute('aria-label'), /prepare_signal/);
  assert.equal(await node('send_signal_locked').count(), 0);
  await jumpToDeciding('dropped here');
  const pane = await sourcePane();
  assert.match(await pane.textContent(), /upstream: sig_task_ignored in v5\.10/);
  await shot('24-path-on-5.10');
});

test('compare: the same SIGKILL from inside the container and from the host part at send_signal_locked', async () => {
  await sendFrom('app');
  await send('SIGKILL');
  await sendFrom('shell');
  await send('SIGKILL');
  await page.getByRole('combobox', { name: 'Compare with an earlier send' }).selectOption({ label: '#1 app: kill(1, SIGKILL)' });
  const cmp = page.getByRole('region', { name: 'Compare: #1 app: kill(1, SIGKILL) and #2 shell: kill(3, SIGKILL)' });
  await cmp.waitFor();
  const summary = await cmp.getByRole('note').textContent();
  assert.match(summary, /The paths part at step \d+, sig_task_ignored\./);
  assert.match(summary, /The difference was decided at step \d+, in send_signal_locked: force is false #1 app: kill\(1, SIGKILL\), true #2 shell/);
  await shot('25-compare-inside-and-host');
  // The log's first send shows its own path.
  await page.getByRole('button', { name: /^(show path|path shown): #1 kill\(1, SIGKILL\)$/ }).click();
  await eventually(async () => /Kernel path of #1 app: kill\(1, SIGKILL\)/.test(await page.getByRole('heading', { name: /^Kernel path of/ }).textContent()), 'the log picks the send');
  await page.getByRole('button', { name: 'Jump to the deciding step: dropped here' }).waitFor();
});

test('hovering a function in the diagram shows its source, and leaving returns to the deciding line', async () => {
  await send('SIGTERM');
  await jumpToDeciding('dropped here');
  const pane = await sourcePane();
  const label = () => pane.getAttribute('aria-label');
  await eventually(async () => /^Port source of sig_task_ignored /.test(await label()), 'the deciding function is shown');
  await node('check_kill_permission').hover();
  await eventually(async () => /^Port source of check_kill_permission /.test(await label()), 'the hovered function is shown');
  assert.match(await pane.textContent(), /fn check_kill_permission\(/);
  await page.mouse.move(0, 0);
  await eventually(async () => /^Port source of sig_task_ignored /.test(await label()), 'back to the deciding function');
});

test('hovering a traced line of the source lights its function in the diagram, and leaving unlights it', async () => {
  await send('SIGTERM');
  await jumpToDeciding('dropped here');
  const pane = await sourcePane();
  const lit = async () => /\bcc-hover\b/.test(await node('sig_task_ignored').getAttribute('class'));
  assert.equal(await lit(), false);
  // A line that recorded a step of this path: the trace!() that decided.
  const traced = pane.locator('[data-step]').filter({ hasText: 'trace!(' }).first();
  assert.match(await traced.textContent(), /trace!\(self; Func::SigTaskIgnored/);
  await traced.hover();
  await eventually(lit, 'the hovered line lights sig_task_ignored');
  await shot('26-hover-source-line');
  await page.mouse.move(0, 0);
  await eventually(async () => !(await lit()), 'leaving the pane unlights it');
});

test("the port's source is loaded on demand, and its absence is explained", async () => {
  assert.ok(!seen.requests.some((u) => /\/port\//.test(u)), 'not fetched before the pane shows');
  await page.route(/\/port\/.*\.rs$/, (r) => r.abort());
  await send('SIGTERM');
  const pane = page.getByRole('region', { name: 'Port source' });
  await eventually(async () => /could not be loaded/.test(await pane.textContent()), 'the reason');
  assert.match(await pane.textContent(), /open the page over http\(s\)/);
  seen.errors = seen.errors.filter((e) => !/Failed to fetch/.test(e));
});
