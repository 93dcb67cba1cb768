#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): minifies wasm-bindgen's JS glue in a
# release build. Trunk's own JS minifier stops at the glue's
# `export … as default` and leaves it whole (~1.8 KB gzip more). The page
# loads the glue with Subresource Integrity, so the digest Trunk wrote into
# index.html is replaced by the minified file's.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
staging=${TRUNK_STAGING_DIR:?run by trunk}
terser="$(dirname "$0")/../.tools/node_modules/.bin/terser"
if [ ! -x "$terser" ]; then
  echo "minify-js: terser missing (scripts/setup.sh installs it); the JS glue ships unminified" >&2
  exit 0
fi
digest() { openssl dgst -sha384 -binary "$1" | openssl base64 -A; }
for js in "$staging"/*.js; do
  [ -e "$js" ] || continue
  before=$(digest "$js")
  "$terser" "$js" --module --compress --mangle --output "$js.min"
  mv "$js.min" "$js"
  after=$(digest "$js")
  # Base64 digests hold only [A-Za-z0-9+/=]; '|' cannot clash.
  sed -i "s|sha384-$before|sha384-$after|g" "$staging/index.html"
  grep -q "sha384-$after" "$staging/index.html" || {
    echo "minify-js: no integrity digest for $(basename "$js") in index.html" >&2
    exit 1
  }
done
