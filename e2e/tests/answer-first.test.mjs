// The answer first: after each of the blog's four sends, on a laptop
// (1366×768) and on a phone (390×844), the verdict and the kernel path are
// on screen without scrolling by hand, nothing covers them, and the
// diagram opens on the path taken, readable at phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE_URL } from '../browser.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
const SIZES = [
  { tag: 'laptop', width: 1366, height: 768 },
  { tag: 'phone', width: 390, height: 844 },
];
// The blog's four questions: who sends which signal to ctr-init.
const QUESTIONS = [
  { tag: 'term-inside', signal: 'SIGTERM', from: 'app', verdict: /^Dropped:/ },
  { tag: 'kill-inside', signal: 'SIGKILL', from: 'app', verdict: /^Dropped:/ },
  { tag: 'term-host', signal: 'SIGTERM', from: 'shell', verdict: /^Dropped:/ },
  { tag: 'kill-host', signal: 'SIGKILL', from: 'shell', verdict: /^Killed:/ },
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function pageAt(size) {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(BASE_URL);
  await page.getByRole('button', { name: /^ctr-init, PID/ }).waitFor();
  return { page, context, errors };
}

/** The on-screen box of a locator, or null when it is not laid out. */
async function box(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
  });
}

/** How far down the sticky signal bar reaches (0 when it scrolled away). */
async function barBottom(page) {
  return page.getByRole('region', { name: 'Send a signal' }).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return getComputedStyle(el).position === 'sticky' ? Math.max(0, r.bottom) : 0;
  });
}

async function sendByKeyboard(page, q) {
  const sendHere = page.getByRole('button', { name: `send from here: ${q.from}` });
  if (await sendHere.count()) await sendHere.click(); // the shell is the sender at first
  await page.getByRole('button', { name: new RegExp(`^${q.signal}( |$)`) }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /^ctr-init, PID/ }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('group', { name: /^Kernel call path/ }).waitFor();
}

for (const size of SIZES) {
  for (const q of QUESTIONS) {
    test(`${size.tag} ${size.width}×${size.height}: ${q.signal} from ${q.from} — verdict and path in view`, async () => {
      const { page, context, errors } = await pageAt(size);
      try {
        // A reader who scrolled down to the tree's last process and sends
        // from there still gets the answer in view.
        await page.getByRole('button', { name: /^worker, PID/ }).scrollIntoViewIfNeeded();
        await sendByKeyboard(page, q);
        const status = page.getByRole('status');
        await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent.trim().length > 0);
        assert.match((await status.textContent()).trim(), q.verdict);
        await page.waitForTimeout(150);

        const covered = await barBottom(page);
        const verdict = await box(page.getByRole('region', { name: 'Outcome' }));
        assert.ok(verdict.top >= covered - 1, `the verdict (top ${verdict.top}) is not under the signal bar (to ${covered})`);
        assert.ok(verdict.bottom <= size.height, `the verdict is on screen: ${JSON.stringify(verdict)}`);
        const diagram = await box(page.getByRole('group', { name: /^Kernel call path/ }));
        assert.ok(diagram.top >= covered - 1 && diagram.top + 120 <= size.height,
          `the diagram's first rows are on screen: ${JSON.stringify(diagram)} (bar to ${covered})`);
        const controls = await box(page.getByRole('toolbar', { name: 'Playback of the kernel path' }));
        assert.ok(controls.top >= covered - 1 && controls.bottom <= size.height, `the playback controls are on screen and uncovered: ${JSON.stringify(controls)}`);

        // The path taken, not the whole map: a dozen functions, each name
        // drawn at least 11 px tall.
        const names = page.locator('.cc-svg .cc-name');
        const shown = await names.count();
        assert.ok(shown > 3 && shown <= 30, `the folded diagram shows the path's functions only: ${shown}`);
        // Its size on screen: the font's size times the drawing's scale.
        const sizes = await names.evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a));
        const smallest = Math.min(...sizes);
        assert.ok(smallest >= (size.tag === 'phone' ? 11 : 7.5), `diagram text is readable: smallest name ${smallest.toFixed(1)} px`);
        console.log(`${size.tag} ${q.tag}: ${shown} functions on the path, names drawn at ${smallest.toFixed(1)} px and up`);

        await page.screenshot({ path: `${SHOTS}answer-${size.tag}-${q.tag}.png` });

        // The whole map is one press away, and back.
        const toggle = page.getByRole('button', { name: 'Show the whole map' });
        await toggle.click();
        const all = await names.count();
        assert.ok(all > shown + 10, `the whole map shows every function: ${all} > ${shown}`);
        await page.getByRole('button', { name: 'Show only the path taken' }).click();
        assert.equal(await names.count(), shown);

        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}

test('the page scrolls to the answer once, not on every step of the playback', async () => {
  const { page, context, errors } = await pageAt(SIZES[1]);
  try {
    await sendByKeyboard(page, QUESTIONS[3]);
    await page.waitForTimeout(200);
    // The reader scrolls back up to the tree while the path plays on.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(2500);
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'playback does not move the page');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('at 320 px nothing overflows the page sideways, before and after a send', async () => {
  const { page, context, errors } = await pageAt({ width: 320, height: 640 });
  try {
    const overflow = () => page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    assert.ok(await overflow() <= 0, `no sideways scroll at load: ${await overflow()} px too wide`);
    await sendByKeyboard(page, QUESTIONS[3]);
    await page.waitForTimeout(300);
    assert.ok(await overflow() <= 0, `no sideways scroll after a send: ${await overflow()} px too wide`);
    await page.screenshot({ path: `${SHOTS}answer-320-kill-host.png`, fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
