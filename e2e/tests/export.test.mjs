// The share panel's exports (issue 10): the session as a shell script,
// byte for byte what `sigsim script FILE` prints for the JSON the same
// panel downloads (the CLI built with cargo and run from here), the
// reasons when a script cannot express the scenario (the CLI's); and
// pictures of the tree and the kernel path as SVG and PNG, in light and
// dark and in Chinese: each SVG opened on its own in Chromium and
// screenshotted, each PNG measured and checked not blank.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { BASE_URL } from '../browser.js';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';
import { TERM_FROM_HOST } from '../sessions.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
const OUT = new URL('../screenshots/exports/', import.meta.url).pathname;

let page;
let seen;
const { eventually, send } = pageHelpers(() => page);
withPage((p, s) => { page = p; seen = s; });

let sigsim;
before(() => {
  mkdirSync(OUT, { recursive: true });
  // The CLI the README documents, as `make` builds it.
  execFileSync('cargo', ['build', '--release', '-q', '--locked', '--bin', 'sigsim'], { cwd: ROOT, stdio: 'inherit' });
  sigsim = `${process.env.CARGO_TARGET_DIR || `${ROOT}target`}/release/sigsim`;
});

async function openShare() {
  await page.getByRole('button', { name: 'Import / export' }).click();
}

/** Clicks `name` and returns the downloaded file's bytes and name. */
async function download(name, scope = page) {
  const [d] = await Promise.all([page.waitForEvent('download'), scope.getByRole('button', { name, exact: true }).click()]);
  const path = `${OUT}${d.suggestedFilename()}`;
  await d.saveAs(path);
  return { bytes: readFileSync(path), name: d.suggestedFilename(), path };
}

async function importFile(file) {
  const json = page.getByRole('textbox', { name: 'The session as a sigscene/1 file' });
  await json.fill(readFileSync(`${ROOT}${file}`, 'utf8'));
  await page.getByRole('button', { name: 'Apply this JSON' }).click();
  await eventually(async () => /^Imported:/.test(await page.getByRole('status').textContent()), 'imported');
}

test('the shell script is exactly what sigsim script prints for the exported JSON', async () => {
  await send('SIGTERM');
  await openShare();
  for (const file of [null, 'scenarios/docker-stop-without-handler.json']) {
    if (file) await importFile(file);
    const json = await download('Download');
    const script = await download('Download as a shell script');
    assert.equal(script.name, 'sigscope-scenario.sh');
    const cli = execFileSync(sigsim, ['script', json.path]);
    assert.ok(script.bytes.equals(cli), `${file ?? 'the default world and a send'}: the page's script is the CLI's`);
    assert.match(script.bytes.toString(), /^#!\/bin\/sh/);
  }
});

test('a scenario a script cannot express: the page gives the CLI\'s reasons', async () => {
  await openShare();
  await importFile('scenarios/rt-queued-legacy-merged.json');
  const json = await download('Download');
  const cli = spawnSync(sigsim, ['script', json.path], { encoding: 'utf8' });
  assert.equal(cli.status, 2);
  const reasons = cli.stderr.split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
  assert.ok(reasons.length > 0);
  const section = page.getByRole('region', { name: 'Try it on your own kernel' });
  assert.match(await section.textContent(), /A shell script cannot express this scenario:/);
  const shown = (await section.getByRole('listitem').allTextContents()).map((t) => t.trim());
  assert.deepEqual(shown, reasons);
  assert.equal(await section.getByRole('button', { name: 'Download as a shell script' }).count(), 0);
  await section.screenshot({ path: `${SHOTS}74-script-refused.png` });
});

/** Mean and variance of the picture's pixels (luminance), read in the page. */
function pixelStats(png) {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    let sum = 0; let sq = 0; const n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) {
      const y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
      sum += y; sq += y * y;
    }
    const mean = sum / n;
    return { width: bmp.width, height: bmp.height, mean, variance: sq / n - mean * mean, corner: [...d.slice(0, 3)] };
  }, png.toString('base64'));
}

/** PNG's own header: width and height (IHDR). */
function pngSize(png) {
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Opens an SVG file alone in a tab (no page, no styles) and screenshots it. */
async function openAlone(path, shot) {
  const tab = await seen.browser.newPage();
  await tab.goto(`file://${path}`);
  const size = await tab.evaluate(() => {
    const r = document.documentElement.getBoundingClientRect();
    return { width: r.width, height: r.height, tag: document.documentElement.tagName };
  });
  await tab.setViewportSize({ width: Math.ceil(size.width), height: Math.ceil(size.height) });
  await tab.screenshot({ path: `${SHOTS}${shot}` });
  await tab.close();
  return size;
}

for (const [theme, lang] of [['light', 'en'], ['dark', 'en'], ['dark', 'zh']]) {
  test(`pictures of the tree and the kernel path, ${theme}, ${lang}: SVG standalone and PNG`, async () => {
    // A session with one send, its kernel path on screen.
    await page.goto('about:blank');
    await page.goto(`${BASE_URL}?theme=${theme}&lang=${lang}#${TERM_FROM_HOST}`);
    await page.locator('.kernel-path .cc-svg').waitFor();
    // Whatever step the playback has reached is the picture's.
    await page.waitForTimeout(1500);
    const share = lang === 'zh' ? '导入 / 导出' : 'Import / export';
    await page.getByRole('button', { name: share }).click();
    const names = lang === 'zh'
      ? ['树（SVG）', '树（PNG）', '内核路径（SVG）', '内核路径（PNG）']
      : ['Tree as SVG', 'Tree as PNG', 'Kernel path as SVG', 'Kernel path as PNG'];
    const got = [];
    for (const n of names) got.push(await download(n));
    const tag = `${theme}-${lang}`;
    for (const [i, what] of [[0, 'tree'], [2, 'path']]) {
      const svg = got[i];
      const text = svg.bytes.toString();
      assert.match(svg.name, /\.svg$/);
      assert.match(text, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.doesNotMatch(text, /light-dark\(|var\(--|foreignObject/, 'colours resolved, no HTML inside');
      const copy = `${OUT}${what}-${tag}.svg`;
      writeFileSync(copy, svg.bytes);
      const alone = await openAlone(copy, `7${i}-export-${what}-${tag}.svg.png`);
      assert.equal(alone.tag.toLowerCase(), 'svg');
      assert.ok(alone.width > 200 && alone.height > 100, JSON.stringify(alone));
      const png = got[i + 1].bytes;
      const size = pngSize(png);
      writeFileSync(`${SHOTS}7${i + 1}-export-${what}-${tag}.png`, png);
      // Twice the SVG's size (sharp on a projector).
      assert.equal(size.width, Math.round(alone.width * 2));
      assert.equal(size.height, Math.round(alone.height * 2));
      const stats = await pixelStats(png);
      assert.deepEqual([stats.width, stats.height], [size.width, size.height]);
      assert.ok(stats.variance > 100, `${what} ${tag}: not blank (variance ${stats.variance.toFixed(0)})`);
      if (theme === 'dark') assert.ok(stats.mean < 110, `${what} ${tag}: dark (mean ${stats.mean.toFixed(0)})`);
      else assert.ok(stats.mean > 170, `${what} ${tag}: light (mean ${stats.mean.toFixed(0)})`);
      if (what === 'tree') {
        assert.match(text, /ctr-init/);
        if (lang === 'zh') assert.match(text, /lang="zh"/);
      }
    }
  });
}
