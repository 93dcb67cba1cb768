// Shorter links (issue 10): the page writes its permalink compressed with
// the browser's own CompressionStream (`#z=`, deflate-raw, base64url), the
// links made before (`#s=`) keep opening, every gallery scenario's link
// stays under 2 KB, and a compressed link that is garbage, cut short or a
// deflate bomb is refused like any bad link: kept aside, the page opened
// as without it, no uncaught error. The pure parts (framing, caps) are
// tested natively (src/permalink.rs, tests/fuzz_readers.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { BASE_URL } from '../browser.js';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;

let page;
const { processNode, eventually, statusText, send } = pageHelpers(() => page);
withPage((p) => { page = p; });

// Made by the page before links were compressed (the default world, the
// shell's SIGTERM to ctr-init), copied from its address bar; the same link
// is src/permalink.rs's LINK_BEFORE_COMPRESSION.
const OLD_LINK = '#s=eyJmb3JtYXQiOiJzaWdzY2VuZS8xIiwia2VybmVsIjoiNi4xOCIsIm5hbWVzcGFjZXMiOlt7ImlkIjoiaG9zdCJ9LHsiaWQiOiJjb250YWluZXIiLCJwYXJlbnQiOiJob3N0In1dLCJwcm9jZXNzZXMiOlt7ImlkIjoiaW5pdCIsIm5zIjoiaG9zdCJ9LHsiaWQiOiJzaGVsbCIsIm5zIjoiaG9zdCIsInBhcmVudCI6ImluaXQiLCJncm91cCI6InNlc3Npb24ifSx7ImlkIjoiY3RyLWluaXQiLCJucyI6ImNvbnRhaW5lciIsInBhcmVudCI6InNoZWxsIiwiZ3JvdXAiOiJzZXNzaW9uIn0seyJpZCI6ImFwcCIsIm5zIjoiY29udGFpbmVyIiwicGFyZW50IjoiY3RyLWluaXQiLCJzaWduYWxzIjp7IlNJR1RFUk0iOiJjYXRjaCJ9fSx7ImlkIjoid29ya2VyIiwibnMiOiJjb250YWluZXIiLCJwYXJlbnQiOiJhcHAifV0sImFjdGlvbnMiOlt7ImZyb20iOiJzaGVsbCIsImtpbGwiOnsicGlkX29mIjoiY3RyLWluaXQifSwic2lnIjoiU0lHVEVSTSJ9XX0&from=c2hlbGw&how=kill';

/** A fresh document at `url` (a hash change alone would not reload). */
async function open(url) {
  await page.goto('about:blank');
  await page.goto(url);
  await processNode('ctr-init').or(processNode('init')).first().waitFor();
}

const KEPT_LINK = 'A link that could not be opened';

test('the page writes a compressed link, and it opens the same session', async () => {
  await send('SIGTERM');
  await eventually(async () => new URL(page.url()).hash.startsWith('#z='), 'a compressed link in the address');
  const link = page.url();
  // The same session as a plain link, for the figures.
  const plain = OLD_LINK.length;
  console.log(`default world + one send: #z= ${new URL(link).hash.length} chars, #s= ${plain} chars`);
  assert.ok(new URL(link).hash.length < plain * 0.75, 'shorter than the plain link');
  await page.evaluate(() => localStorage.clear());
  await open(link);
  const log = page.getByRole('region', { name: 'Event log (1)' });
  await log.waitFor();
  assert.match(await log.textContent(), /kill\(3, SIGTERM\)/);
  assert.equal(await page.getByRole('region', { name: KEPT_LINK }).count(), 0);
});

test('a link made before compression still opens', async () => {
  await page.evaluate(() => localStorage.clear());
  await open(BASE_URL + OLD_LINK);
  const log = page.getByRole('region', { name: 'Event log (1)' });
  await log.waitFor();
  assert.match(await log.textContent(), /kill\(3, SIGTERM\)/);
  assert.equal(await page.getByRole('region', { name: KEPT_LINK }).count(), 0);
  // The next change writes it compressed.
  await send('SIGKILL');
  await eventually(async () => new URL(page.url()).hash.startsWith('#z='), 'rewritten compressed');
});

test('every gallery scenario\'s link is under 2 KB, carries no meta and opens', async () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json') && !f.endsWith('.outcome.json')).sort();
  assert.ok(files.length >= 17, `${files.length} gallery files`);
  // A session unlike any file, so that each import changes the link.
  await send('SIGTERM');
  await eventually(async () => new URL(page.url()).hash.startsWith('#z='), 'a link');
  await page.getByRole('button', { name: 'Import / export' }).click();
  const json = page.getByRole('textbox', { name: 'The session as a sigscene/1 file' });
  const lengths = [];
  for (const f of files) {
    const text = readFileSync(SCENARIOS + f, 'utf8');
    const before = page.url();
    await json.fill(text);
    await page.getByRole('button', { name: 'Apply this JSON' }).click();
    await eventually(async () => /^Imported:/.test(await statusText()), `${f} imported`);
    await eventually(async () => page.url() !== before && new URL(page.url()).hash.startsWith('#z='), `${f}: its link`);
    const url = page.url();
    lengths.push([f, url.length, text.length]);
    assert.ok(url.length < 2048, `${f}: ${url.length} bytes`);
  }
  console.log(lengths.map(([f, n, raw]) => `  ${f}: link ${n} B (file ${raw} B)`).join('\n'));
  console.log(`longest gallery link: ${Math.max(...lengths.map((l) => l[1]))} B`);
  // The last one reopens, without its words.
  const url = page.url();
  await page.evaluate(() => localStorage.clear());
  await open(url);
  await page.getByRole('button', { name: 'Import / export' }).click();
  const back = JSON.parse(await page.getByRole('textbox', { name: 'The session as a sigscene/1 file' }).inputValue());
  const file = JSON.parse(readFileSync(SCENARIOS + files.at(-1), 'utf8'));
  assert.equal(back.meta, undefined, 'a link carries no meta');
  delete file.meta;
  assert.deepEqual(back.processes, file.processes);
  assert.deepEqual(back.actions ?? [], file.actions ?? []);
});

/** Opens `hash` and checks it is refused and kept aside, the page as without it. */
async function refused(hash, why) {
  // Cleared from a page of the same origin that runs no app: the page
  // before may still be saving what it kept aside (a race seen once).
  await page.goto(`${BASE_URL}favicon.svg`);
  await page.evaluate(() => localStorage.clear());
  await open(BASE_URL + hash);
  await eventually(async () => /^Refused:/.test(await statusText()), 'refused');
  assert.match(await statusText(), why);
  await page.getByRole('region', { name: KEPT_LINK }).waitFor();
  // The default world: the link never becomes the session.
  await processNode('ctr-init').waitFor();
  assert.equal(await page.getByRole('region', { name: /^Event log/ }).getByRole('listitem').count(), 0);
}

test('compressed garbage, a cut-short stream and a deflate bomb are refused and kept aside', async () => {
  const json = readFileSync(SCENARIOS + 'default.json', 'utf8');
  const good = deflateRawSync(Buffer.from(json));
  // Bytes that are not deflate at all.
  await refused('#z=3q2-7wAAAP8A_wD_3q2-7w&how=kill', /it does not inflate|damaged/);
  await page.screenshot({ path: `${SHOTS}60-compressed-garbage-refused.png`, fullPage: true });
  const kept = page.getByRole('region', { name: KEPT_LINK });
  await kept.getByText('show what could not be loaded').click();
  assert.match(await kept.getByRole('textbox').inputValue(), /^z=3q2-7w/, 'the fragment is kept whole');
  // A stream cut in the middle.
  await refused(`#z=${good.subarray(0, good.length >> 1).toString('base64url')}&how=kill`, /damaged/);
  // 3 MiB of spaces in 3 KB: inflating stops at 2 MiB.
  const bomb = deflateRawSync(Buffer.alloc(3 << 20, 0x20), { level: 9 });
  assert.ok(bomb.length < 4096, `${bomb.length} B`);
  const t0 = Date.now();
  await refused(`#z=${bomb.toString('base64url')}&how=kill`, /inflates to more than 2 MiB/);
  assert.ok(Date.now() - t0 < 4000, 'refused quickly');
  // Good deflate of something that is not a scenario: the reader's error.
  await refused(`#z=${deflateRawSync(Buffer.from('{"format":"nope"}')).toString('base64url')}&how=kill`, /the link's scenario/);
  // Not base64url.
  await refused('#z=!!!&how=kill', /not base64url/);
});
