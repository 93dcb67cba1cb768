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
  .then(({ default: init }) => init({ module_or_path: checked(wasm) }))
  // For e2e/scale.mjs, which reads the wasm's memory.
  .then((exports) => { window.sigscopeWasm = exports; });
