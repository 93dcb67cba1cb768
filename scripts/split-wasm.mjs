#!/usr/bin/env node
// Splits the release build's wasm in two (after `trunk build --release`
// and after scripts/one-file.mjs, which inlines the whole module): what the
// page runs before its first paint stays in the module the page loads,
// everything else moves to a second module that static/start.js fetches
// once the page has painted. The page's budget (issue 9: ≤ 250 KiB gzip
// before the first paint) is about the first; the reader pays for the
// second while reading the tree.
//
// Which functions the first paint runs is measured, not listed by hand:
// binaryen's wasm-split instruments the module, headless Chromium opens
// the page the ways a reader first meets it (desk, phone, 简体中文, the
// blog's embed with a preset), each visit writes a profile, and wasm-split
// splits by the merged profile. A function the profile missed still works:
// its table slot holds a placeholder that loads the second module at once
// (static/start.js), so a stale or thin profile costs time, never
// correctness.
//
// Usage: node scripts/split-wasm.mjs [DIST]
import { readFileSync, writeFileSync, mkdtempSync, rmSync, copyFileSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname, resolve, extname } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { gzipSync, deflateRawSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] || join(root, 'dist'));
const tools = join(root, '.tools');
const wasmOpt = join(tools, 'node_modules', '.bin', 'wasm-opt');
const { launch } = await import(pathToFileURL(join(root, 'e2e', 'browser.js')).href);

// The visits whose first paint the primary module must hold on its own.
const VISITS = [
  { query: '', width: 1366, height: 768 },
  { query: '', width: 390, height: 844 },
  { query: '?lang=zh', width: 1366, height: 768 },
  { query: '?embed', width: 960, height: 540 },
  { query: '?embed&lang=zh', width: 390, height: 600 },
  // A page that opens on a session draws its starting world before the
  // rest is in (src/main.rs): the rest is held back for good here, so the
  // profile is that drawing's — a preset, a compressed link, an autosave.
  { query: '?embed&preset=sigkill-pid1-from-host', width: 960, height: 540, opening: true },
  { query: '?preset=sigterm-pid1-from-inside&lang=zh', width: 390, height: 844, opening: true },
  { query: '', hash: 'compressed link', width: 1366, height: 768, opening: true },
  { query: '', autosave: true, width: 1366, height: 768, opening: true },
];

// A session as a compressed link and as an autosave (src/permalink.rs):
// a gallery scenario's world and actions, without its words.
function sessionOf(name) {
  const scenario = JSON.parse(readFileSync(join(dist, 'scenarios', `${name}.json`), 'utf8'));
  delete scenario.meta;
  return scenario;
}
const base64url = (bytes) => Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

// What rustc's wasm32 target and wasm-bindgen's output use (Trunk's
// wasm-opt strips the target-features section, so the tools are told):
// --all-features would let wasm-opt write encodings browsers reject.
const FEATURES = ['--enable-bulk-memory', '--enable-multivalue', '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int', '--enable-reference-types', '--enable-sign-ext'];

function fail(why) {
  console.error(`split-wasm: ${why}`);
  process.exit(1);
}

function run(cmd, args, env = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env }, maxBuffer: 1 << 30 });
}
const split = (args) => run('bash', [join(root, 'scripts', 'wasm-split.sh'), ...args]);

const digest = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

const htmlPath = join(dist, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
if (html.includes('name=sigscope-later')) fail('dist/ is already split (build it again with trunk first)');
// Trunk's preload of the wasm (minified HTML: attributes in any order, unquoted).
const preload = [...html.matchAll(/<link\b[^>]*>/g)]
  .find((m) => /\brel="?preload\b/.test(m[0]) && /\bas="?fetch\b/.test(m[0]));
if (!preload) fail('dist/index.html has no <link rel=preload as=fetch> of the wasm');
const wasmName = preload[0].match(/href="?\.\/([\w.-]+_bg\.wasm)/)?.[1];
if (!wasmName) fail(`cannot read the wasm's file name in ${preload[0]}`);
const wasmPath = join(dist, wasmName);
const whole = readFileSync(wasmPath);

const work = mkdtempSync(join(tmpdir(), 'sigscope-split-'));
try {
  // 1. The instrumented page: a copy of dist/ with the instrumented module
  //    (no digest on it: start.js fetches with whatever the link says).
  const instrumented = join(work, 'instrumented.wasm');
  split(['--instrument', ...FEATURES, wasmPath, '-o', instrumented]);
  const site = join(work, 'site');
  copyTree(dist, site);
  copyFileSync(instrumented, join(site, wasmName));
  const siteHtml = html.replace(preload[0], preload[0].replace(/ integrity="?[^" >]+"?/, ''));
  writeFileSync(join(site, 'index.html'), siteHtml);

  // 2. Each visit writes its profile.
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  const profiles = [];
  try {
    for (const [i, visit] of VISITS.entries()) {
      const context = await browser.newContext({ viewport: { width: visit.width, height: visit.height } });
      if (visit.opening) {
        await context.addInitScript(() => { window.sigscopeLinking = new Promise(() => {}); });
      }
      if (visit.autosave) {
        const saved = JSON.stringify({ scenario: sessionOf('sigkill-pid1-from-host'), how: 'kill' });
        await context.addInitScript((text) => localStorage.setItem('sigscope.session', text), saved);
      }
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const hash = visit.hash
        ? `#z=${base64url(deflateRawSync(JSON.stringify(sessionOf('sigterm-pid1-from-inside'))))}`
        : '';
      const what = `${visit.query || '/'}${visit.hash ? ` (${visit.hash})` : ''}${visit.autosave ? ' (an autosave)' : ''}`;
      await page.goto(base + visit.query + hash);
      const drawn = visit.opening ? '.opening ~ .app [role=button][aria-label*="PID "]' : '[role=button][aria-label*="PID "]';
      await page.waitForSelector(drawn, { timeout: 20000 })
        .catch(() => fail(`the instrumented page drew no process for ${what} (${errors.join('; ') || 'no error'})`));
      // What the page does right after its first paint (effects, the
      // first animation frames) belongs to the first paint too.
      await page.waitForTimeout(600);
      const bytes = await page.evaluate(() => {
        const wasm = window.sigscopeWasm;
        const memory = wasm.memory;
        const at = memory.grow(1) * 65536;
        const size = wasm.__write_profile(at, 65536);
        return Array.from(new Uint8Array(memory.buffer, at, size));
      });
      if (errors.length) fail(`the instrumented page failed for ${what}: ${errors.join('; ')}`);
      const file = join(work, `profile-${i}.data`);
      writeFileSync(file, Buffer.from(bytes));
      profiles.push(file);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const profile = join(work, 'merged.data');
  split(['--merge-profiles', ...profiles, '-o', profile]);

  // 3. The split, then each half optimised again for size.
  const primary = join(work, 'primary.wasm');
  const secondary = join(work, 'secondary.wasm');
  split(['--split', ...FEATURES, `--profile=${profile}`, '--export-prefix=%', wasmPath, '-o1', primary, '-o2', secondary]);
  for (const f of [primary, secondary]) {
    run(wasmOpt, [...FEATURES, '-Oz', '--low-memory-unused', '--strip-producers', '--strip-debug', f, '-o', f]);
  }

  // 4. Which of the first module's tables holds the placeholders (wasm-split
  //    adds a table of its own for them): the loader calls through it.
  const wat = run(join(tools, 'node_modules', '.bin', 'wasm-dis'), [...FEATURES, primary]).toString();
  const placeholders = new Set([...wat.matchAll(/\(import "placeholder" "\d+" \(func (\$\S+)/g)].map((m) => m[1]));
  const placeholderTables = new Set();
  for (const m of wat.matchAll(/^ \(elem \S+ \(table (\$\S+)\) \([^)]*\) func ([^\n]*)\)$/gm)) {
    if (m[2].split(' ').some((f) => placeholders.has(f))) placeholderTables.add(m[1]);
  }
  if (placeholders.size === 0 || placeholderTables.size !== 1) {
    fail(`expected the placeholders in one table of the first module, found ${placeholders.size} placeholders in ${placeholderTables.size} tables`);
  }
  const [placeholderTable] = placeholderTables;
  const tableExport = [...wat.matchAll(/\(export "([^"]+)" \(table (\$\S+)\)\)/g)].find((m) => m[2] === placeholderTable)?.[1];
  if (!tableExport) fail(`the placeholders' table ${placeholderTable} is not exported`);

  // 5. dist/: the primary in place of the whole module, the secondary beside
  //    it, both held to their digests.
  const first = readFileSync(primary);
  const later = readFileSync(secondary);
  const laterName = wasmName.replace(/_bg\.wasm$/, '_later.wasm');
  writeFileSync(wasmPath, first);
  writeFileSync(join(dist, laterName), later);
  const oldDigest = preload[0].match(/integrity="?(sha384-[A-Za-z0-9+/=]+)/)?.[1];
  if (!oldDigest) fail(`no integrity digest on ${preload[0]}`);
  html = html.replace(oldDigest, digest(first));
  const meta = `<meta name=sigscope-later content="./${laterName}" data-integrity="${digest(later)}" data-table="${tableExport}">`;
  if (!html.includes('</head>')) fail('no </head> in dist/index.html');
  html = html.replace('</head>', `${meta}</head>`);
  writeFileSync(htmlPath, html);
  console.log(`split-wasm: ${wasmName} ${gz(whole)} B gzip → before the first paint ${gz(first)} B, after it ${gz(later)} B (${laterName}); ${profiles.length} visits profiled`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function copyTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const a = join(from, name);
    const b = join(to, name);
    if (statSync(a).isDirectory()) copyTree(a, b);
    else copyFileSync(a, b);
  }
}

function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}
