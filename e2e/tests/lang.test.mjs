// The page in 简体中文: opened with ?lang=zh it says every word in Chinese
// (code, keys, signal and process names aside), after a send too; the
// language switch rewords the page, sets <html lang> and is remembered
// across a reload. At a desk (1366×768) and on a phone (390×844).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE_URL } from '../browser.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
const SIZES = [
  { name: 'desk', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A fresh page in an English-speaking browser, checked for errors. */
async function open(size, url) {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context, page, errors };
}

/** A process of the tree, by the start of its accessible name in either language. */
const node = (page, name) => page.getByRole('button', { name: new RegExp(`^${name}[,，] ?PID`) });

/**
 * Words in Latin letters the reader can see outside <code>, <kbd> and
 * <pre>: the text of every visible text node, minus what may stay as it
 * is — signal names (SIGTERM, TERM), the names of processes and
 * namespaces, identifiers of the kernel (anything with `_`, or in capitals:
 * PID, SEND_SIG_PRIV, EPERM), the calls and functions of the trace, the
 * names of keys, and the product's own names.
 */
async function latinWords(page) {
  return page.evaluate(() => {
    const allowed = new Set([
      // processes and namespaces of the default world
      'init', 'shell', 'ctr-init', 'app', 'worker', 'host', 'container',
      // the kernel's calls and functions that have no underscore
      'kill', 'tgkill', 'sigqueue', 'sigaction', 'sigprocmask', 'fork', 'clone', 'setns', 'exit', 'wait',
      'pid', 'uid', 'si_pid', 'docker', 'exec', 'n',
      // the trace's own identifiers, in the port's Chinese sentences
      'siginfo', 'sig', 'force', 'true', 'false',
      // keys
      'Tab', 'Enter', 'Esc', 'Home', 'End', 'Ctrl', 'Shift', 'Space',
      // names
      'Linux', 'sigscope', 'English', 'Bootlin', 'Elixir', 'README', 'JSON', 'iframe', 'Embedding',
    ]);
    const ok = (w) => allowed.has(w) || /_/.test(w) || /^v\d/.test(w) || /^[A-Z0-9+]+$/.test(w) || /^SIG/.test(w)
      || /^[A-Z][A-Z0-9_]*$/.test(w);
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!el || el.closest('code, kbd, pre, script, style, noscript, option, textarea')) continue;
      const r = document.createRange();
      r.selectNodeContents(t);
      const rect = r.getBoundingClientRect();
      if (rect.width < 2 || rect.height < 2 || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      // A visually hidden element (1×1 px, clipped) is for screen readers.
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      for (const w of t.textContent.match(/[A-Za-z][A-Za-z0-9_+-]*/g) || []) {
        const word = w.replace(/[-+]+$/, '');
        if (!ok(word)) found.push(`${word} ← “${t.textContent.trim().slice(0, 60)}”`);
      }
    }
    // Words a stylesheet writes (`content:` of ::before/::after) are read
    // as text too, and are no text node.
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('code, kbd, pre, script, style, noscript') || !el.checkVisibility()) continue;
      for (const pseudo of ['::before', '::after']) {
        const c = getComputedStyle(el, pseudo).content;
        if (!c || c === 'none' || c === 'normal' || !c.startsWith('"')) continue;
        for (const w of c.match(/[A-Za-z][A-Za-z0-9_+-]*/g) || []) {
          if (!ok(w)) found.push(`${w} ← ${pseudo} of ${el.className}`);
        }
      }
    }
    return [...new Set(found)];
  });
}

/** Drags a chip onto a target with the mouse, as sigscope.test.mjs does;
 *  on a phone, where the signal bar scrolls away with the page, a tap on
 *  the chip and a tap on the target. */
async function drag(page, signal, target) {
  const chip = page.getByRole('button', { name: new RegExp(`^${signal}( |$)`) });
  if ((page.viewportSize()?.width ?? 1000) <= 700) {
    await chip.click();
    await target.click();
    return;
  }
  // The target in view first: the signal bar stays on screen (sticky),
  // and compacts once stuck (a scroll-state query, applied a frame or two
  // after the scroll): measure the chip once it has.
  await target.scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(100);
  const from = await page.getByRole('button', { name: new RegExp(`^${signal}( |$)`) }).boundingBox();
  const to = await target.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 30), { steps: 12 });
  await page.mouse.up();
}

for (const size of SIZES) {
  test(`?lang=zh: every word in Chinese, after a send too (${size.name})`, async () => {
    const { context, page, errors } = await open(size, `${BASE_URL}?lang=zh`);
    await node(page, 'ctr-init').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    // The default world's lesson card asks the question (scenarios/default.json).
    assert.match(await page.locator('section.lesson').textContent(), /为什么/);
    assert.deepEqual(await latinWords(page), [], 'no English word at load');
    await page.screenshot({ path: `${SHOTS}lang-zh-load-${size.name}.png`, fullPage: true });

    // The chip is named by what it shows: "SIGTERM 终止".
    await drag(page, 'SIGTERM', node(page, 'ctr-init'));
    const status = page.getByRole('status');
    await status.filter({ hasText: '被丢弃' }).waitFor();
    assert.match(await status.textContent(), /命名空间/);
    assert.match(await status.textContent(), /sig_task_ignored/);
    // The kernel path, played to its end.
    await page.getByRole('group', { name: /^内核调用路径/ }).waitFor();
    await page.getByRole('button', { name: '最后一步', exact: true }).click();
    await page.getByText(/第 \d+ 步，共 \d+ 步/).first().waitFor();
    assert.deepEqual(await latinWords(page), [], 'no English word after a send');
    await page.screenshot({ path: `${SHOTS}lang-zh-sent-${size.name}.png`, fullPage: true });
    await page.screenshot({ path: `${SHOTS}lang-zh-sent-${size.name}-view.png` });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the language switch rewords the page, sets <html lang> and is remembered', async () => {
  const { context, page, errors } = await open(SIZES[0], BASE_URL);
  await node(page, 'ctr-init').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  // A notice already on the page is reworded by the switch.
  await drag(page, 'SIGTERM', node(page, 'ctr-init'));
  await page.getByRole('status').filter({ hasText: /^Dropped:/ }).waitFor();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await page.getByRole('status').filter({ hasText: /^被丢弃：/ }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.getByRole('button', { name: '撤销', exact: true }).count(), 1);
  assert.match(await node(page, 'app').getAttribute('aria-label'), /^app，PID 2 · 4，运行中$/);
  // Remembered: a reload (no ?lang) opens in Chinese.
  await page.reload();
  await node(page, 'ctr-init').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.getByRole('combobox', { name: '语言' }).inputValue(), 'zh');
  await page.screenshot({ path: `${SHOTS}lang-zh-reloaded.png` });
  // And back.
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await page.getByRole('button', { name: 'Undo', exact: true }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the boot text follows the browser language before the wasm starts', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  // Hold the wasm back: the boot screen stays.
  await page.route(/\.wasm$/, () => {});
  await page.goto(BASE_URL, { waitUntil: 'domcontentloaded' });
  await page.locator('#boot-message').filter({ hasText: '正在' }).waitFor();
  assert.match(await page.title(), /信号/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await context.close();
});
