// Accessibility as a checker sees it (issue 9): axe-core, pinned in
// package.json, finds no serious or critical violation on the page at load,
// after a send, with its kernel path played to the end, and in the
// comparison view, at desktop and phone sizes. The label-in-name rule
// (WCAG 2.5.3) is experimental in axe and turned on here: a control's
// accessible name contains the words it shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';
import { assertClean as axeClean } from '../axe.js';

let page;
const { processNode, eventually, statusText } = pageHelpers(() => page);
withPage((p) => { page = p; });

const assertClean = (where) => axeClean(page, where);

async function sendTerm() {
  await page.getByRole('button', { name: /^SIGTERM\b/ }).click();
  await processNode('ctr-init').click();
  await eventually(async () => /SIGTERM/.test(await statusText()), 'the send is answered');
}

test('axe: no serious violation at load', async () => {
  await assertClean('load');
});

test('axe: no serious violation after a send, its path played to the end', async () => {
  await sendTerm();
  const last = page.getByRole('button', { name: /^Last step/ }).first();
  if (await last.count()) await last.click();
  await assertClean('after a send');
});

test('axe: no serious violation in the comparison view', async () => {
  await sendTerm();
  await sendTerm();
  const compare = page.getByRole('combobox', { name: 'Compare with an earlier send' });
  await compare.selectOption({ index: 1 });
  await page.getByRole('region', { name: /^Compare: / }).waitFor();
  await assertClean('compare view');
});

test('axe: no serious violation on a phone after a send', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await sendTerm();
  await assertClean('phone, after a send');
});

test('the chip row is one Tab stop; arrow keys, Home and End move along it', async () => {
  const chips = page.getByRole('list', { name: 'Signals' }).getByRole('button', { pressed: false });
  const stops = await chips.evaluateAll((bs) => bs.filter((b) => b.tabIndex === 0).length);
  assert.equal(stops, 1, 'one chip takes Tab');
  await chips.first().focus();
  const focusedName = () => page.evaluate(() => document.activeElement.textContent);
  const first = await focusedName();
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await focusedName(), first);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focusedName(), first);
  await page.keyboard.press('End');
  assert.match(await focusedName(), /^SIGRTMIN/);
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedName(), first, 'it wraps');
});

test('the step counter is not a live region; the deciding step and the end are announced', async () => {
  await sendTerm();
  const counter = page.getByRole('toolbar', { name: 'Playback of the kernel path' });
  assert.equal(await counter.locator('[aria-live]').count(), 1, 'one live region');
  const live = counter.locator('[aria-live]');
  await page.getByRole('button', { name: 'First step' }).click();
  assert.equal((await live.textContent()).trim(), '', 'the first step is not announced');
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal((await live.textContent()).trim(), '');
  await page.getByRole('button', { name: /^Jump to the deciding step/ }).click();
  assert.match(await live.textContent(), /^Deciding step, \d+ of \d+: /);
  await page.getByRole('button', { name: 'Last step' }).click();
  assert.match(await live.textContent(), /^Last step, (\d+) of \1$/);
});

test('with reduced motion the path does not play by itself: it opens at its deciding step', async () => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.reload();
  await processNode('ctr-init').waitFor();
  await sendTerm();
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  const live = page.getByRole('toolbar', { name: 'Playback of the kernel path' }).locator('[aria-live]');
  assert.match(await live.textContent(), /^Deciding step/);
  await page.waitForTimeout(1500);
  assert.match(await live.textContent(), /^Deciding step/, 'still there: nothing played');
});

test('axe: no serious violation in embed mode, after its path played', async () => {
  await page.goto(`${new URL(page.url()).origin}/?embed&autoplay=0`);
  await page.getByRole('group', { name: /^Kernel call path/ }).waitFor().catch(() => {});
  await page.getByRole('button', { name: /^ctr-init, PID/ }).waitFor();
  await assertClean('embed');
});
