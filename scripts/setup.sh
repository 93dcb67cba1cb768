#!/usr/bin/env bash
# Installs what `make serve`, `make test` and `make dist` need, and nothing
# that is already there. Idempotent and quick on a machine that has it all.
# Versions are pinned (see ARCHITECTURE.md, "Toolchain"): Trunk must never
# download a tool at build time.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
TERSER_VERSION=5.51.4
TOOLS=.tools            # npm-installed tools live here (git-ignored)

need_browser=${NEED_BROWSER:-1}
need_wasm=${NEED_WASM:-1}
# `make verify-era`: qemu, cpio, the static C library for the guest's init.
need_guest=${NEED_GUEST:-0}

log() { printf 'setup: %s\n' "$*" >&2; }

if [ "$need_wasm" = 1 ]; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
    log "installing trunk $TRUNK_VERSION (a one-off of several minutes)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # The locked build wants a webpki-roots the registry lacks; the unlocked one works.
    cargo install --locked wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
      || cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
  if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    log "installing wasm-opt from npm's binaryen $BINARYEN_VERSION"
    mkdir -p "$TOOLS"
    [ -f "$TOOLS/package.json" ] || echo '{"private":true}' > "$TOOLS/package.json"
    npm install --prefix "$TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
  fi
  # Minifies the JS glue after a release build (scripts/minify-js.sh).
  if ! "$TOOLS/node_modules/.bin/terser" --version 2>/dev/null | grep -q " $TERSER_VERSION"; then
    log "installing terser $TERSER_VERSION"
    mkdir -p "$TOOLS"
    [ -f "$TOOLS/package.json" ] || echo '{"private":true}' > "$TOOLS/package.json"
    npm install --prefix "$TOOLS" --no-audit --no-fund "terser@$TERSER_VERSION"
  fi
fi

if [ "$need_browser" = 1 ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing Debian's chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if [ ! -d e2e/node_modules/playwright-core ] && [ -f e2e/package.json ]; then
    log "installing the end-to-end test driver (playwright-core, no browser download)"
    (cd e2e && npm ci --no-audit --no-fund)
  fi
fi

if [ "$need_guest" = 1 ]; then
  missing=()
  command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
  command -v cpio >/dev/null || missing+=(cpio)
  [ -f /usr/lib/x86_64-linux-gnu/libc.a ] || missing+=(libc6-dev)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian's ${missing[*]} (for verify-era's guests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
