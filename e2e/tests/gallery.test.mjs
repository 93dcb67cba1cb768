// The gallery, in Chromium: the dialog by keyboard (focus kept inside, Esc
// closes it, focus goes back), its search, every one of the 22 situations
// opened from the gallery and from ?preset= (with embed too) and checked
// against the outcome recorded from the real kernel
// (scenarios/NAME.outcome.json: each process's state and the signal that
// ended it, as the page marks them on the process node), the myths, an
// unknown name, undo, both languages, a desk and a phone, axe with the
// dialog open, and the one-file page from file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, BASE_URL } from '../browser.js';
import { assertClean } from '../axe.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS = resolve(ROOT, 'scenarios');
const OFFLINE = resolve(process.env.SIGSCOPE_OFFLINE || resolve(ROOT, 'offline/sigscope-offline.html'));
const DESK = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** The gallery's scenarios: every scenarios/NAME.json but the default world. */
const NAMES = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.outcome.json') && f !== 'default.json')
  .map((f) => f.slice(0, -'.json'.length))
  .sort();
const scenario = (name) => JSON.parse(readFileSync(resolve(SCENARIOS, `${name}.json`), 'utf8'));

/** What the real kernel left: per process, state and the signal that ended it. */
function recorded(name) {
  const outcome = JSON.parse(readFileSync(resolve(SCENARIOS, `${name}.outcome.json`), 'utf8'));
  const last = outcome.steps.at(-1);
  return Object.fromEntries(Object.entries(last.processes)
    .map(([id, p]) => [id, { state: p.state, signal: p.signal ?? null }]));
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A fresh page, its uncaught errors, requests and policy violations watched. */
async function open(url, viewport = DESK) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  const seen = { errors: [], requests: [] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('request', (r) => seen.requests.push(r.url()));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await page.locator('li[data-process]').first().waitFor();
  const close = async () => {
    assert.deepEqual(seen.errors, [], 'no uncaught error in the page');
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'no policy violation');
    await context.close();
  };
  return { page, seen, close };
}

/** The page's final state of each process, from the tree's nodes. */
async function shown(page) {
  const nodes = await page.locator('li[data-process]').evaluateAll((lis) => lis.map((li) => ({
    id: li.dataset.process, state: li.dataset.state, signal: li.dataset.signal ?? null,
  })));
  // A zombie and a reaped process are both "dead" in the format.
  return Object.fromEntries(nodes.map((n) => [n.id, { state: n.state === 'zombie' ? 'dead' : n.state, signal: n.signal }]));
}

/** The page's processes end as the real kernel's did, once it has rendered them. */
async function assertRecorded(page, name) {
  const want = recorded(name);
  const end = Date.now() + 5000;
  let got;
  do {
    got = await shown(page);
    if (JSON.stringify(Object.keys(got).sort()) === JSON.stringify(Object.keys(want).sort())) break;
    await page.waitForTimeout(50);
  } while (Date.now() < end);
  assert.deepEqual(got, want, `${name}: the page's final states equal the real kernel's`);
}

const dialog = (page, name = 'Gallery') => page.getByRole('dialog', { name });

/** The card says the preset's title (in `lang`), and the log lists every action. */
async function assertOpened(page, name, lang = 'en') {
  const s = scenario(name);
  // `commands` are shown as code, without their backquotes.
  const title = (s.meta.title[lang] ?? s.meta.title.en).replaceAll('`', '');
  await page.locator(`.preset-card[data-preset="${name}"]`).waitFor();
  assert.equal((await page.locator('#preset-card-title').textContent()).trim(), title);
  const log = await page.locator('#log-title').textContent();
  assert.match(log, new RegExp(`\\b${s.actions.length}\\b`), `${name}: the log lists its ${s.actions.length} actions (${log})`);
}

test('there are 22 situations, each with its recorded outcome', () => {
  assert.equal(NAMES.length, 22);
  for (const n of NAMES) assert.ok(existsSync(resolve(SCENARIOS, `${n}.outcome.json`)), n);
});

test('the gallery by keyboard: Tab reaches it, focus stays inside, search, Esc closes and focus returns', async () => {
  const { page, close } = await open(BASE_URL);
  // From the top of the page, Tab until the Gallery button has focus.
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.classList.contains('gallery-open'));
  }
  assert.ok(reached, 'Tab reaches the Gallery button');
  await page.keyboard.press('Enter');
  await dialog(page).waitFor();
  await page.getByRole('button', { name: /^docker stop when PID 1 has no SIGTERM handler/ }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'gallery-search', 'the search box has focus');
  await assertClean(page, 'the gallery dialog open');
  await page.screenshot({ path: `${SHOTS}gallery-desk.png` });

  // Grouped by question: each group's heading, its situations under it.
  const groups = await page.locator('.gallery-group h3').allTextContents();
  assert.ok(groups.includes("Can a container's PID 1 be killed or stopped?"), groups.join(' | '));
  assert.equal(await page.locator('button.preset').count(), 22);

  // Focus stays in the dialog however far Tab goes, both ways.
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press(key);
      assert.ok(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]')), `${key} ×${i + 1} stays in the dialog`);
    }
  }

  // Search: every word, either language, any ASCII case.
  await page.locator('#gallery-search').fill('ZOMBIE');
  await page.locator('button.preset[data-preset="zombies-reaped-when-init-dies"]').waitFor();
  assert.equal(await page.locator('button.preset').count(), 1);
  assert.match(await page.locator('.gallery-search [role=status]').textContent(), /^1 situation$/);
  await page.locator('#gallery-search').fill('docker sigkill');
  const found = await page.locator('button.preset').evaluateAll((bs) => bs.map((b) => b.dataset.preset));
  assert.ok(found.includes('docker-stop-without-handler') && !found.includes('uid-eperm'), found.join(' '));
  await page.locator('#gallery-search').fill('僵尸');
  assert.deepEqual(await page.locator('button.preset').evaluateAll((bs) => bs.map((b) => b.dataset.preset)), ['zombies-reaped-when-init-dies']);
  await page.locator('#gallery-search').fill('xyzzy plugh');
  await page.getByText('No situation matches “xyzzy plugh”.').waitFor();
  assert.equal(await page.locator('button.preset').count(), 0);
  await page.screenshot({ path: `${SHOTS}gallery-no-match.png` });

  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'detached' });
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('gallery-open')), 'focus is back on the Gallery button');
  // Esc closed the gallery and changed nothing else.
  await page.getByRole('button', { name: /^ctr-init, PID/ }).waitFor();
  assert.equal(await page.locator('.preset-card').count(), 0);
  await close();
});

test('every situation opened from the gallery ends as the real kernel did; the address is ?preset=NAME', async () => {
  const { page, close } = await open(BASE_URL);
  for (const name of NAMES) {
    await page.getByRole('button', { name: 'Gallery', exact: true }).click();
    await dialog(page).waitFor();
    await page.locator(`button.preset[data-preset="${name}"]`).click();
    await dialog(page).waitFor({ state: 'detached' });
    await assertOpened(page, name);
    await assertRecorded(page, name);
    await page.waitForFunction((n) => new URL(location.href).searchParams.get('preset') === n && !location.hash, name);
  }
  await page.screenshot({ path: `${SHOTS}gallery-opened-desk.png`, fullPage: false });
  // The address opens what it names.
  const url = page.url();
  assert.ok(url.length < 2048);
  await page.goto(url);
  await assertOpened(page, NAMES.at(-1));
  await close();
});

test('every situation opens from ?preset=NAME and ends as the real kernel did', async () => {
  for (const name of NAMES) {
    const { page, close } = await open(`${BASE_URL}?preset=${name}`);
    await assertOpened(page, name);
    await assertRecorded(page, name);
    await close();
  }
});

test('?embed&preset=NAME opens it in the embed, with the other parameters', async () => {
  for (const name of ['sigkill-pid1-from-host', 'three-nested-namespaces', 'docker-exec-after-init-died']) {
    const { page, close } = await open(`${BASE_URL}?embed&preset=${name}&controls=0&lang=en`);
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-embed')), true);
    await assertRecorded(page, name);
    await close();
  }
});

test('an unknown ?preset= opens the default world and says so', async () => {
  const { page, close } = await open(`${BASE_URL}?preset=no-such-situation`);
  await page.getByRole('button', { name: /^ctr-init, PID/ }).waitFor();
  assert.equal(await page.locator('.preset-card').count(), 0);
  const status = await page.getByRole('status').first().textContent();
  assert.match(status, /no situation of that name/);
  assert.match(await page.locator('.outcome').first().textContent(), /no-such-situation/);
  await page.screenshot({ path: `${SHOTS}gallery-unknown.png` });
  await close();
});

test('undo after a gallery choice brings back the session before it', async () => {
  const { page, close } = await open(BASE_URL);
  await page.getByRole('button', { name: 'Gallery', exact: true }).click();
  await page.locator('button.preset[data-preset="uid-eperm"]').click();
  await assertOpened(page, 'uid-eperm');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.getByRole('button', { name: /^ctr-init, PID/ }).waitFor();
  assert.equal(await page.locator('.preset-card').count(), 0);
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('preset'));
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await assertOpened(page, 'uid-eperm');
  await close();
});

test('a situation from the gallery brings its own lesson, or puts the one under way away', async () => {
  const { page, close } = await open(BASE_URL);
  const lessonCard = page.locator('section.lesson');
  assert.match(await page.locator('#lesson-title').textContent(), /docker stop/, 'the default world\'s lesson runs');
  // One without a lesson: no lesson card, and nothing says "not this step".
  await page.getByRole('button', { name: 'Gallery', exact: true }).click();
  await page.locator('button.preset[data-preset="zombies-reaped-when-init-dies"]').click();
  await assertOpened(page, 'zombies-reaped-when-init-dies');
  assert.equal(await lessonCard.count(), 0, 'no lesson card for a situation without one');
  assert.equal(await page.locator('.lesson-off').count(), 0);
  // One with a lesson: its own, offered from its starting world.
  await page.getByRole('button', { name: 'Gallery', exact: true }).click();
  await page.locator('button.preset[data-preset="uid-eperm"]').click();
  await assertOpened(page, 'uid-eperm');
  const title = scenario('uid-eperm').meta.title.en.replaceAll('`', '');
  await lessonCard.waitFor();
  assert.equal((await page.locator('#lesson-title').textContent()).trim(), title);
  assert.equal(await page.locator('.lesson-off').count(), 0);
  await page.screenshot({ path: `${SHOTS}gallery-lesson-desk.png` });
  await close();
});

test('the myths: each names a situation, and its button opens it', async () => {
  const { page, close } = await open(BASE_URL);
  await page.getByRole('button', { name: 'Myths', exact: true }).click();
  await dialog(page).waitFor();
  assert.equal(await page.getByRole('tab', { name: 'Myths' }).getAttribute('aria-selected'), 'true');
  const myths = page.locator('li.myth');
  await myths.first().waitFor();
  assert.equal(await myths.count(), 9);
  const named = await page.locator('li.myth button').evaluateAll((bs) => bs.map((b) => b.dataset.preset));
  for (const n of named) assert.ok(NAMES.includes(n), n);
  for (const claim of ['SIGKILL always kills.', 'PID 1 ignores every signal.', 'Root can kill anything.',
    "A container's init is immune to the host.", 'kill -9 -1 in a container kills the host.']) {
    await page.getByText(claim, { exact: true }).waitFor();
  }
  await assertClean(page, 'the myths open');
  await page.screenshot({ path: `${SHOTS}gallery-myths-desk.png` });
  // The arrow keys move between the tabs.
  await page.getByRole('tab', { name: 'Myths' }).focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getByRole('tab', { name: 'Situations' }).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('ArrowRight');
  await page.locator('li.myth[data-myth="sigkill-always-kills"] button').click();
  await dialog(page).waitFor({ state: 'detached' });
  await assertOpened(page, 'sigkill-pid1-from-inside');
  await assertRecorded(page, 'sigkill-pid1-from-inside');
  const init = await page.locator('li[data-process="ctr-init"]').getAttribute('data-state');
  assert.equal(init, 'running', 'SIGKILL from inside did not kill the init');
  await close();
});

test('简体中文: the gallery, the myths and the card in Chinese, axe clean', async () => {
  const { page, close } = await open(`${BASE_URL}?lang=zh&preset=kill-9-minus-1-in-container`);
  await assertOpened(page, 'kill-9-minus-1-in-container', 'zh');
  assert.match(await page.locator('.preset-card').textContent(), /问题：/);
  await page.screenshot({ path: `${SHOTS}gallery-card-zh-desk.png` });
  await page.getByRole('button', { name: '场景库', exact: true }).click();
  await dialog(page, '场景库').waitFor();
  await page.locator('button.preset').first().waitFor();
  const groups = await page.locator('.gallery-group h3').allTextContents();
  assert.ok(groups.includes('容器的 PID 1 能被杀死或暂停吗？'), groups.join(' | '));
  await page.locator('#gallery-search').fill('无此场景');
  await page.getByText('没有与“无此场景”匹配的场景。').waitFor();
  await assertClean(page, 'the gallery in Chinese');
  await page.getByRole('tab', { name: '常见误解' }).click();
  await page.getByText('SIGKILL 总能杀死进程。').waitFor();
  await page.screenshot({ path: `${SHOTS}gallery-myths-zh-desk.png` });
  await close();
});

test('on a phone: the gallery, the myths and a card fit the screen', async () => {
  for (const lang of ['en', 'zh']) {
    const { page, close } = await open(`${BASE_URL}?lang=${lang}`, PHONE);
    await page.locator('button.gallery-open').click();
    await page.locator('button.preset').first().waitFor();
    const box = await page.locator('dialog[open]').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the dialog fits the width (${JSON.stringify(box)})`);
    const overflow = await page.evaluate(() => {
      const d = document.querySelector('dialog[open]');
      return [...d.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > d.getBoundingClientRect().right + 1).map((e) => e.className);
    });
    assert.deepEqual(overflow, [], 'nothing sticks out of the dialog');
    await assertClean(page, `the gallery on a phone (${lang})`);
    await page.screenshot({ path: `${SHOTS}gallery-phone-${lang}.png` });
    await page.locator('#gallery-tab-myths').click();
    await page.locator('li.myth').first().waitFor();
    await page.screenshot({ path: `${SHOTS}gallery-myths-phone-${lang}.png` });
    await page.locator('li.myth[data-myth="kill-minus-one-kills-the-host"] button').click();
    await assertOpened(page, 'kill-9-minus-1-in-container', lang);
    await assertRecorded(page, 'kill-9-minus-1-in-container');
    await page.screenshot({ path: `${SHOTS}gallery-card-phone-${lang}.png` });
    await close();
  }
});

test('the one-file page from file:// offers the whole gallery without a request', async () => {
  assert.ok(existsSync(OFFLINE), `no ${OFFLINE} — make dist`);
  const { page, seen, close } = await open(pathToFileURL(OFFLINE).href);
  await page.locator('button.gallery-open').click();
  await page.locator('button.preset').first().waitFor({ timeout: 15000 });
  assert.equal(await page.locator('button.preset').count(), 22);
  for (const name of ['three-nested-namespaces', 'rt-queued-legacy-merged']) {
    if (!(await dialog(page).count())) await page.locator('button.gallery-open').click();
    await page.locator(`button.preset[data-preset="${name}"]`).click();
    await assertOpened(page, name);
    await assertRecorded(page, name);
  }
  const foreign = seen.requests.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(foreign, [], 'no request but file:, data: and blob:');
  await close();
});
