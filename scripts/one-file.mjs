#!/usr/bin/env node
// dist/index.html → offline/sigscope-offline.html: the whole page in one file
// that works opened from file:// (a classroom machine, no server, no
// network). Chromium gives a file:// page the origin 'null', and refuses it
// module scripts, fetch and preloads from anywhere but data:/blob: — so
// everything the page loads is put inside it: the stylesheets as <style>,
// the boot watchdog (static/boot.js) as an inline script, the icon as a
// data: URL, the wasm-bindgen glue inside a module script that does what
// static/start.js does over http, the wasm gzipped as base64 (unpacked by
// the browser's DecompressionStream: the page is a third of its size
// unpacked, small enough to mail) handed to init() as bytes, and the port's
// Rust sources (for the source pane) as inert
// <script type="text/plain" data-port="…"> elements that
// src/call_chain/source.rs reads before it would fetch port/*.rs. Inline
// scripts are what the served page's CSP refuses; a page opened from
// file:// has no such policy.
//
// Trunk's output is matched exactly, and anything unexpected stops the
// script with a non-zero exit: a Trunk or wasm-bindgen upgrade that changes
// the page must break the build, not ship a page that fails in a classroom.
//
// Usage: node scripts/one-file.mjs [dist-dir [out-file]]   (after trunk build --release)
import { readFileSync, writeFileSync, existsSync, rmSync, mkdirSync, readdirSync } from 'node:fs';
import { join, dirname, resolve, basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] || join(root, 'dist'));
// Beside dist/, not in it: dist/ is the served bundle and its budget; this
// file repeats all of it for a machine without a server.
const out = resolve(process.argv[3] || join(root, 'offline', 'sigscope-offline.html'));
const OUT = basename(out);

// An older page left beside a failed run would look like this build's.
rmSync(out, { force: true });

function fail(why) {
  console.error(`one-file: ${why}`);
  console.error(`one-file: ${OUT} was not written; see scripts/one-file.mjs.`);
  process.exit(1);
}

function read(rel, encoding) {
  const p = join(dist, rel);
  if (!existsSync(p)) fail(`${rel} is missing from ${dist} (dist/index.html or index.html refers to it)`);
  return readFileSync(p, encoding);
}

// ---- a tolerant reading of Trunk's (minified) tags -----------------------

/** The attributes of an opening tag, by lower-case name (quoted or not). */
function attributes(tag) {
  const inner = tag.replace(/^<[a-z]+/i, '').replace(/\/?>$/, '');
  const attrs = new Map();
  const re = /([^\s"'=<>\/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
  for (const m of inner.matchAll(re)) {
    let v = m[2] ?? '';
    if (/^["']/.test(v)) v = v.slice(1, -1);
    attrs.set(m[1].toLowerCase(), v.replaceAll('&amp;', '&'));
  }
  return attrs;
}

/** A page-relative asset path ("./x.css" or "x.css") → "x.css"; else null. */
function local(href) {
  if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/')) return null;
  return href.replace(/^\.\//, '');
}

// Inside <script>/<style> the HTML parser ends the element at the first
// "</script" / "</style" and treats "<!--" specially, whatever the type.
// The port sources are text the app reads back, so their escape must be
// exactly reversible: "</" → "<\/" and "<!" → "<\!", undone in source.rs.
function escapeRawText(text, what) {
  if (text.includes('<\\/') || text.includes('<\\!')) {
    fail(`${what} already contains "<\\/" or "<\\!": the embedding escape would not be reversible`);
  }
  return text.replaceAll('</', '<\\/').replaceAll('<!', '<\\!');
}

// JavaScript: "<\/" means "</" in a string, a template or a regexp, so the
// replacement keeps the code's meaning; "<!--" could only be escaped by
// rewriting the code, so it is refused instead.
function escapeScript(js, what) {
  if (/<!--/.test(js)) fail(`${what} contains "<!--", which cannot be inlined in a <script> safely`);
  return js.replace(/<\/(script)/gi, '<\\/$1');
}

function escapeStyle(css, what) {
  if (/<!--/.test(css)) fail(`${what} contains "<!--"`);
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

// ---- the pieces ------------------------------------------------------------

if (!existsSync(join(dist, 'index.html'))) {
  fail(`no ${join(dist, 'index.html')} — build first: trunk build --release --offline=true`);
}
let html = readFileSync(join(dist, 'index.html'), 'utf8');
// It inlines the whole module: scripts/split-wasm.mjs runs after it.
if (/name="?sigscope-later/.test(html)) fail('dist/ is already split in two modules (scripts/split-wasm.mjs); build again with trunk first');

// The scripts: static/start.js (a module: it starts the app from the
// preloads, with fetch and import(), both refused from file://) is replaced
// by a module script of this page's own at the end; static/boot.js (the
// classic boot watchdog) is put inside the page.
const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => {
  const tag = m[0].slice(0, m[0].indexOf('>') + 1);
  const a = attributes(tag);
  return { element: m[0], body: m[1], src: a.has('src') ? local(a.get('src')) : undefined, module: a.get('type') === 'module', tag };
});
for (const s of scripts) {
  if (s.src === undefined || s.body.trim() !== '') fail(`an inline script in dist/index.html (expected none: the page's CSP refuses them): ${s.tag}`);
  if (!s.src) fail(`a script that is not a file of dist/: ${s.tag}`);
}
const loaders = scripts.filter((s) => s.module);
if (loaders.length !== 1) fail(`expected one <script type=module src=…> (static/start.js) in dist/index.html, found ${loaders.length}`);
const loader = loaders[0];
const loaderJs = read(loader.src, 'utf8');
if (!/modulepreload/.test(loaderJs) || !/module_or_path/.test(loaderJs)) {
  fail(`${loader.src} does not read as static/start.js (init({ module_or_path }) from the modulepreload): this script would start the app twice or not at all`);
}
const classic = scripts.filter((s) => !s.module);
if (classic.length !== 1) fail(`expected one classic <script src=…> (static/boot.js) in dist/index.html, found ${classic.length}`);

// The glue and the wasm: what Trunk preloads, and static/start.js loads.
const links = [...html.matchAll(/<link\b[^>]*>/gi)].map((m) => attributes(m[0]));
const rels = (a) => (a.get('rel') || '').toLowerCase().split(/\s+/);
const gluePreloads = links.filter((a) => rels(a).includes('modulepreload'));
const wasmPreloads = links.filter((a) => rels(a).includes('preload') && a.get('as') === 'fetch');
if (gluePreloads.length !== 1 || !/^[\w.-]+\.js$/.test(local(gluePreloads[0].get('href')) || '')) {
  fail(`expected one <link rel=modulepreload> of the wasm-bindgen glue (./sigscope-HASH.js), found ${gluePreloads.length}`);
}
if (wasmPreloads.length !== 1 || !/^[\w.-]+_bg\.wasm$/.test(local(wasmPreloads[0].get('href')) || '')) {
  fail(`expected one <link rel=preload as=fetch> of the wasm (./sigscope-HASH_bg.wasm), found ${wasmPreloads.length}`);
}
const jsFile = local(gluePreloads[0].get('href'));
const wasmFile = local(wasmPreloads[0].get('href'));

html = html.replace(loader.element, () => '');
const boot = read(classic[0].src, 'utf8');
html = html.replace(classic[0].element, () => `<script>${escapeScript(boot, classic[0].src)}</script>`);

// Stylesheets become <style> and the icon a data: URL; the preloads of the
// glue and the wasm go (they would be refused from file://, and their
// content is inline now).
let styles = 0;
const preloads = new Set();
html = html.replace(/<link\b[^>]*>/gi, (tag) => {
  const a = attributes(tag);
  const rel = (a.get('rel') || '').toLowerCase().split(/\s+/);
  const href = local(a.get('href'));
  if (rel.includes('stylesheet')) {
    if (!href) fail(`a stylesheet that is not a file of dist/: ${tag}`);
    const css = read(href, 'utf8');
    if (/url\(\s*['"]?(?!data:|#)/i.test(css) || /@import/i.test(css)) {
      fail(`${href} refers to another file (url() or @import), which a file:// page may not load`);
    }
    styles++;
    return `<style>${escapeStyle(css, href)}</style>`;
  }
  if (rel.includes('modulepreload') || rel.includes('preload')) {
    if (href !== jsFile && href !== wasmFile) fail(`an unexpected preload: ${tag}`);
    preloads.add(href);
    return '';
  }
  if (rel.includes('icon') && href) {
    if (!/\.svg$/.test(href)) fail(`an icon that is not an SVG: ${tag}`);
    return `<link rel=icon href="data:image/svg+xml;base64,${read(href).toString('base64')}">`;
  }
  if (a.has('href') && !/^data:/i.test(a.get('href'))) fail(`a link to a file that would not be inlined: ${tag}`);
  return tag;
});
if (styles === 0) fail('no stylesheet <link> found in dist/index.html');
if (preloads.size !== 2) fail(`expected the modulepreload of ${jsFile} and the preload of ${wasmFile}, found ${[...preloads].join(', ') || 'none'}`);

// Every tag should be self-contained now: no src=, no integrity= (the
// inlined content has no URL to check it against).
for (const m of html.matchAll(/<(script|img|iframe|source|link)\b[^>]*>/gi)) {
  const a = attributes(m[0]);
  if (a.has('integrity')) fail(`an integrity attribute is left: ${m[0].slice(0, 120)}`);
  if (a.has('src')) fail(`a tag still loads a file: ${m[0].slice(0, 120)}`);
}

// The port's sources: the files index.html has Trunk copy into port/.
const source = readFileSync(join(root, 'index.html'), 'utf8');
const portFiles = [...source.matchAll(/<link\b[^>]*>/gi)]
  .map((m) => attributes(m[0]))
  .filter((a) => a.get('rel') === 'copy-file' && a.get('data-target-path') === 'port')
  .map((a) => a.get('href').split('/').pop());
if (portFiles.length === 0) fail('index.html copies no port source (copy-file … data-target-path="port")');
const ports = portFiles.map((name) => {
  if (!/^[\w.-]+\.rs$/.test(name)) fail(`unexpected port file name ${name}`);
  const text = read(`port/${name}`, 'utf8');
  return `<script type="text/plain" data-port="${name}">${escapeRawText(text, `port/${name}`)}</script>`;
});
// The gallery: every scenarios/NAME.json but the outcomes and the default
// world (which the wasm embeds). A JSON text has "<" only inside its
// strings, where \u003c means the same: nothing can end the element early.
const scenarioDir = join(dist, 'scenarios');
if (!existsSync(scenarioDir)) fail('dist/scenarios/ is missing (index.html copies scenarios/ with copy-dir)');
const presets = readdirSync(scenarioDir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.outcome.json') && f !== 'default.json')
  .sort()
  .map((f) => {
    const name = f.slice(0, -'.json'.length);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) fail(`unexpected gallery file name ${f}`);
    const text = read(`scenarios/${f}`, 'utf8');
    return `<script type="application/json" data-preset="${name}">${text.replaceAll('<', '\\u003c')}</script>`;
  });
if (presets.length === 0) fail('dist/scenarios/ holds no gallery scenario');
if (!/<\/body>/i.test(html)) fail('no </body> in dist/index.html');
html = html.replace(/<\/body>/i, () => `${ports.join('')}${presets.join('')}</body>`);

// The boot script's failure hint reads this: on this page, "open the
// offline page instead" would be no help.
if (!/<html\b/i.test(html)) fail('no <html> tag in dist/index.html');
html = html.replace(/<html\b/i, '<html data-one-file');
if (!/boot-message/.test(html)) fail('the boot message (id=boot-message) is gone from dist/index.html');

// The wasm-bindgen glue, made a plain function body: its exports become the
// fields of an object standing in for the module namespace. A release build
// has it minified (scripts/minify-js.sh), so statements may share a line:
// a statement starts at a line start or after `;` or `}`.
let glue = read(jsFile, 'utf8');
const exported = new Map(); // exported name → local name
glue = glue.replace(/(?:^|(?<=[;}]))[ \t]*export\s*\{([^}]*)\}[ \t]*;?/gm, (_, list) => {
  for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = item.match(/^(\w+)(?:\s+as\s+(\w+))?$/);
    if (!m) fail(`${jsFile}: cannot read the export "${item}"`);
    exported.set(m[2] || m[1], m[1]);
  }
  return '';
});
glue = glue.replace(/(?:^|(?<=[;}]))[ \t]*export\s+((?:async\s+)?function\*?|class|const|let|var)\s+(\w+)/gm, (_, kind, name) => {
  exported.set(name, name);
  return `${kind} ${name}`;
});
for (const [re, what] of [
  [/(?:^|[;}])\s*export\b/m, 'an export form this script does not know'],
  [/(?:^|[;}])\s*import\s*[\w{*'"]/m, 'a static import (wasm-bindgen snippets?) that a file:// page cannot load'],
  [/\bimport\s*\(/, 'a dynamic import() that a file:// page cannot load'],
]) {
  if (re.test(glue)) fail(`${jsFile} has ${what}`);
}
if (!exported.has('default')) fail(`${jsFile} exports no default init function`);
// import.meta.url would be the page's own URL here. wasm-bindgen uses it
// only to find the .wasm when init() is given nothing, and the page always
// passes the bytes; any other use would need a file next to the page.
for (const m of glue.matchAll(/import\.meta(\.\w+)?/g)) {
  const line = glue.slice(glue.lastIndexOf('\n', m.index) + 1, glue.indexOf('\n', m.index));
  if (!/new URL\(\s*['"][^'"]+_bg\.wasm['"]\s*,\s*import\.meta\.url\s*\)/.test(line)) {
    fail(`${jsFile} uses import.meta other than as the default .wasm location: ${line.trim()}`);
  }
}

const wasm = read(wasmFile);
if (wasm.length < 8 || wasm.readUInt32BE(0) !== 0x0061736d) fail(`${wasmFile} is not a WebAssembly module`);

const namespace = [...exported].map(([name, localName]) => `${JSON.stringify(name)}: ${localName}`).join(', ');
// What static/start.js does over http, with the glue and the wasm inside
// the page. A failure is left unhandled for the boot watchdog to show.
const starter = [
  'const bindings = (() => {',
  glue.trimEnd(),
  `return Object.freeze({ __proto__: null, [Symbol.toStringTag]: 'Module', ${namespace} });`,
  '})();',
  // Unpacked here rather than fetched from a data: URL: nothing is
  // requested. init() awaits the promise.
  'const sigscopeWasmBytes = (async () => {',
  `  const s = atob(${JSON.stringify(gzipSync(wasm, { level: 9 }).toString('base64'))});`,
  '  const b = new Uint8Array(s.length);',
  '  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);',
  "  if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot unpack the page (no DecompressionStream)');",
  "  return new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();",
  '})();',
  'bindings.default({ module_or_path: sigscopeWasmBytes });',
].join('\n');

// Last, so that no check or replacement above reads the inlined code.
html = html.replace(/<\/body>/i, () => `<script type=module>${escapeScript(starter, `${jsFile} (inlined)`)}</script></body>`);

// Its own policy in place of dist's (which allows files from 'self', and
// this page has none): exactly its inline scripts and styles, by digest;
// nothing fetched; the wasm compiled from bytes.
const digests = (re) => [...html.matchAll(re)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`).join(' ');
const ownPolicy = [
  "default-src 'none'",
  `script-src ${digests(/<script(?: type=module)?>([\s\S]*?)<\/script>/gi)} 'wasm-unsafe-eval'`,
  `style-src ${digests(/<style>([\s\S]*?)<\/style>/gi)}`,
  'img-src data:',
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');
const policyTag = /<meta http-equiv=Content-Security-Policy content="[^"]*">/;
if (!policyTag.test(html)) fail('dist/index.html has no <meta http-equiv=Content-Security-Policy> (scripts/minify-js.sh writes it)');
html = html.replace(policyTag, () => `<meta http-equiv=Content-Security-Policy content="${ownPolicy}">`);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`one-file: wrote ${out} (${Buffer.byteLength(html)} B; ${styles} stylesheets, ${classic[0].src}, ${jsFile}, ${wasmFile} gzipped as base64, ${ports.length} port sources, ${presets.length} gallery scenarios)`);
