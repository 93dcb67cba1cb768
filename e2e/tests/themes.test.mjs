// Themes and presenting (issue 9): light, dark (the system's by default),
// high contrast; the presenter scale A−/A+; full screen. Each choice is
// remembered, `?theme=` wins, axe finds no serious violation in any theme,
// and the screenshots are looked at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';
import { assertClean } from '../axe.js';
import { BASE_URL } from '../browser.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
let page;
const { processNode, eventually, statusText } = pageHelpers(() => page);
withPage((p) => { page = p; });

/** The page's background and text colours, as rgb() strings. */
async function colours() {
  return page.evaluate(() => {
    const b = getComputedStyle(document.body);
    return { bg: b.backgroundColor, ink: b.color, theme: document.documentElement.dataset.theme };
  });
}

/** Relative luminance of an `rgb(r, g, b)` string, 0 (black) to 1. */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function sendTerm() {
  await page.getByRole('button', { name: /^SIGTERM\b/ }).click();
  await processNode('ctr-init').click();
  await eventually(async () => /SIGTERM/.test(await statusText()), 'the send is answered');
  const last = page.getByRole('button', { name: 'Last step' });
  if (await last.count()) await last.click();
}

const theme = () => page.getByRole('combobox', { name: 'Theme' });

test('the system theme is followed until the reader picks one, which is remembered', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  let c = await colours();
  assert.equal(c.theme, 'auto');
  assert.ok(luminance(c.bg) < 0.05 && luminance(c.ink) > 0.6, `dark by the system: ${JSON.stringify(c)}`);
  await page.emulateMedia({ colorScheme: 'light' });
  c = await colours();
  assert.ok(luminance(c.bg) > 0.8, `light by the system: ${JSON.stringify(c)}`);

  await theme().selectOption('dark');
  c = await colours();
  assert.equal(c.theme, 'dark');
  assert.ok(luminance(c.bg) < 0.05, `dark when chosen, whatever the system says: ${JSON.stringify(c)}`);
  await page.reload();
  await processNode('ctr-init').waitFor();
  assert.equal((await colours()).theme, 'dark', 'remembered');
  assert.equal(await theme().inputValue(), 'dark');
});

test('?theme= wins over the remembered choice', async () => {
  await theme().selectOption('dark');
  await page.goto(`${BASE_URL}?theme=contrast`);
  await processNode('ctr-init').waitFor();
  const c = await colours();
  assert.equal(c.theme, 'contrast');
  assert.equal(c.bg, 'rgb(255, 255, 255)');
  assert.equal(c.ink, 'rgb(0, 0, 0)');
});

for (const t of ['dark', 'contrast', 'light']) {
  test(`axe: no serious violation in the ${t} theme, at load and after a send`, async () => {
    await theme().selectOption(t);
    await assertClean(page, `${t}, load`);
    await sendTerm();
    await assertClean(page, `${t}, after a send`);
    await page.screenshot({ path: `${SHOTS}theme-${t}.png` });
  });
}

test('A+ and A− scale the page in steps, remembered; each end is a disabled button', async () => {
  const larger = page.getByRole('button', { name: 'A+ (larger text)' });
  const smaller = page.getByRole('button', { name: 'A− (smaller text)' });
  const zoom = () => page.evaluate(() => getComputedStyle(document.body).zoom);
  assert.equal(await zoom(), '1');
  const before = await processNode('ctr-init').boundingBox();
  await larger.click();
  await larger.click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.scale), '3');
  assert.equal(await zoom(), '1.3');
  const after = await processNode('ctr-init').boundingBox();
  assert.ok(after.width > before.width * 1.2, `the tree grows with it: ${before.width} → ${after.width}`);
  await page.setViewportSize({ width: 1280, height: 720 });
  await sendTerm();
  await page.screenshot({ path: `${SHOTS}scale-130-1280x720.png` });
  await page.reload();
  await processNode('ctr-init').waitFor();
  assert.equal(await zoom(), '1.3', 'remembered');
  for (let i = 0; i < 8; i++) if (await smaller.isEnabled()) await smaller.click();
  assert.equal(await smaller.isDisabled(), true, 'the smallest scale disables A−');
  assert.equal(await zoom(), '0.85');
  for (let i = 0; i < 8; i++) if (await larger.isEnabled()) await larger.click();
  assert.equal(await larger.isDisabled(), true, 'the largest scale disables A+');
  assert.equal(await zoom(), '2');
});

test('full screen: the button enters it and leaves it, and says which', async () => {
  const button = page.getByRole('button', { name: 'Full screen' });
  await button.click();
  await eventually(async () => page.evaluate(() => document.fullscreenElement !== null), 'in full screen');
  const leave = page.getByRole('button', { name: 'Leave full screen' });
  assert.equal(await leave.getAttribute('aria-pressed'), 'true');
  await leave.click();
  await eventually(async () => page.evaluate(() => document.fullscreenElement === null), 'out of full screen');
  await page.getByRole('button', { name: 'Full screen' }).waitFor();
});
