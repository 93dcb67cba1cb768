// Starts the app. Trunk's own loader is an inline script, which the page's
// CSP refuses (Trunk.toml turns it off); this loads what Trunk preloads,
// held to the digests written there (scripts/minify-js.sh keeps them true
// after minifying). The wasm is fetched with its digest, so a file changed
// since the build is refused, not run. The glue is checked the same way
// before it is imported: import() has no integrity of its own, and after a
// modulepreload that failed its check Chromium fetches the module again,
// unchecked; after one that passed, import() takes the checked copy. A
// failure is left unhandled for the boot watchdog (static/boot.js) to show;
// no top-level await, which would report it as "Uncaught Error: …".
const glue = document.querySelector('link[rel=modulepreload]');
const wasm = document.querySelector('link[rel=preload][as=fetch]');
const checked = (link) => fetch(link.href, { integrity: link.integrity }).catch(() => {
  throw new Error(`could not load ${link.href} (missing, or changed since the build)`);
});
checked(glue)
  .then(() => import(glue.href))
  .then(({ default: init }) => withPlaceholders(() => init({ module_or_path: checked(wasm) })))
  .then((exports) => {
    // For e2e/scale.mjs, which reads the wasm's memory.
    window.sigscopeWasm = exports;
    const later = fetchLater('low');
    if (later) later.then(linkModule, () => {});
  });

// The release build's wasm is two modules (scripts/split-wasm.mjs): what
// the first paint of the default world runs, loaded above, and the rest,
// fetched with its digest once the first has started, at low priority.
// Until the rest is linked, each of its functions is a placeholder import
// of the first module; a placeholder called before then loads the rest at
// once (a synchronous request: the call cannot wait), then calls through.
// Linking writes the real functions into the first module's table. A page
// that opens on a session (a link's, a preset's, the reader's autosave)
// replays it with the port, which is in the rest: it fetches the rest as
// soon as the first module is in (not beside it: on a slow network they
// would share it and the first paint would wait for both); if the rest is
// in within a moment, it is linked before the app starts, else the app
// first draws the session's starting world and replays the session once
// `window.sigscopeLinking` settles. A build without the meta (trunk
// serve) is one module: nothing to do.
const laterMeta = document.querySelector('meta[name=sigscope-later]');
// How long a page that opens on a session waits for the rest before it
// draws the session's starting world instead.
const STARTING_WORLD_AFTER_MS = 200;
let first = null; // { imports, exports } of the first module
let linked = false;
let stopped = false;
let laterModule = null; // the fetch and compilation of the second module
let laterRefused = null; // why that fetch failed

function opensOnSession() {
  if (/[?&]preset=/.test(location.search) || /(^#|&)[sz]=/.test(location.hash)) return true;
  try {
    return localStorage.getItem('sigscope.session') !== null;
  } catch (e) {
    return false; // no storage, no autosave
  }
}

function withPlaceholders(start) {
  if (!laterMeta) return start();
  // A page that opens on a session needs the rest too, but fetches it
  // once the first module is in: on a slow network the two would share it,
  // and the first paint (the session's starting world) would wait for both.
  const opensOnASession = opensOnSession();
  const placeholder = new Proxy({}, {
    get: (_, index) => (...args) => {
      if (!linked) {
        // The page's own fetch was refused (its digest, or the network):
        // the same file must not run unchecked; the page stops, and says so.
        if (laterRefused) stop(laterRefused);
        try {
          link(fetchNow(laterMeta.content));
        } catch (e) {
          stop(e);
        }
      }
      // Linked, the slot holds the function itself (scripts/split-wasm.mjs
      // names the table).
      return first.exports[laterMeta.dataset.table].get(Number(index))(...args);
    },
  });
  const { instantiate, instantiateStreaming } = WebAssembly;
  const keep = (imports, result) => {
    first = { imports, exports: (result.instance || result).exports };
    if (!opensOnASession) return result;
    // In already, or within a moment: linked before the glue starts the
    // app, which draws the session at once (no starting world flashing
    // past on a fast network). Else the app draws the session's starting
    // world, waits for `sigscopeLinking`, then replays the session
    // (src/main.rs). A refused fetch is left to the first placeholder,
    // which stops the page.
    const linking = fetchLater('high').then(linkModule);
    const moment = new Promise((ok) => { setTimeout(ok, STARTING_WORLD_AFTER_MS); });
    return Promise.race([linking, moment]).catch(() => {}).then(() => {
      if (!linked) window.sigscopeLinking = linking.finally(() => { delete window.sigscopeLinking; });
      return result;
    });
  };
  WebAssembly.instantiate = (source, imports) =>
    instantiate(source, { ...imports, placeholder }).then((r) => keep(imports, r));
  WebAssembly.instantiateStreaming = (source, imports) =>
    instantiateStreaming(source, { ...imports, placeholder }).then((r) => keep(imports, r));
  const restore = () => Object.assign(WebAssembly, { instantiate, instantiateStreaming });
  return start().then((x) => { restore(); return x; }, (e) => { restore(); throw e; });
}

function fetchLater(priority) {
  if (!laterMeta) return null;
  if (!laterModule) {
    laterModule = fetch(laterMeta.content, { integrity: laterMeta.dataset.integrity, priority })
      .then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.arrayBuffer();
      })
      .then((bytes) => WebAssembly.compile(bytes));
    laterModule.catch((e) => {
      laterRefused = new Error(`could not load ${laterMeta.content} (changed since the build, or the network failed: ${e.message})`);
    });
  }
  return laterModule;
}

// Bytes from the synchronous request: linked at once, checked after (a
// synchronous request cannot be held to a digest), and a changed file
// stops the page. (No digests outside a secure context: a plain-http
// classroom server.)
function link(bytes) {
  linkModule(new WebAssembly.Module(bytes));
  if (crypto.subtle) {
    crypto.subtle.digest('SHA-384', bytes).then((d) => {
      const got = `sha384-${btoa(String.fromCharCode(...new Uint8Array(d)))}`;
      if (got !== laterMeta.dataset.integrity) {
        try { stop(new Error(`${laterMeta.content} changed since the build`)); } catch (e) { /* stopped */ }
      }
    });
  }
}

function linkModule(module) {
  if (linked) return;
  new WebAssembly.Instance(module, { ...first.imports, primary: first.exports });
  linked = true;
}

// The boot script's "sigscope stopped" panel, with the reader's session
// kept as the wasm's own panics keep it (src/panic.rs); then a throw, to
// leave the wasm call that needed the module.
function stop(error) {
  let autosave = null;
  try { autosave = localStorage.getItem('sigscope.session'); } catch (e) { /* no storage */ }
  if (!stopped && window.sigscopeStopped) {
    stopped = true;
    window.sigscopeStopped(String(error.message || error), location.hash, autosave, null);
  }
  throw error;
}

function fetchNow(href) {
  const request = new XMLHttpRequest();
  request.open('GET', href, false);
  // Bytes through a synchronous request: each char's low byte is one.
  request.overrideMimeType('text/plain; charset=x-user-defined');
  request.send();
  if (request.status !== 200) throw new Error(`could not load ${href} (${request.status})`);
  const text = request.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}
