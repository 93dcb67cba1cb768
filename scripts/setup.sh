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
  # wasm-split, which npm's binaryen lacks, for the release build's second
  # module (scripts/split-wasm.mjs): Debian trixie's binaryen (bookworm's
  # 108 cannot read wasm-bindgen's output), with the C and C++ libraries it
  # was built against, unpacked into .tools and run through their own
  # loader (scripts/wasm-split.sh). apt reads a configuration of its own
  # here: the system's sources and state are left alone.
  split_dir="$TOOLS/binaryen-split"
  if ! bash scripts/wasm-split.sh --version >/dev/null 2>&1; then
    log "unpacking wasm-split from Debian trixie's binaryen (with trixie's libc and libstdc++)"
    rm -rf "$split_dir"
    apt_dir="$PWD/$split_dir/apt"
    mkdir -p "$apt_dir"/{etc/sources.list.d,etc/preferences.d,etc/apt.conf.d,state/lists/partial,cache/archives/partial} "$split_dir/root"
    : > "$apt_dir/status"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
      > "$apt_dir/etc/sources.list"
    apt_opts=(
      -o "Dir::Etc=$apt_dir/etc" -o "Dir::Etc::SourceList=$apt_dir/etc/sources.list"
      -o "Dir::Etc::SourceParts=$apt_dir/etc/sources.list.d" -o "Dir::Etc::Preferences=$apt_dir/etc/preferences"
      -o "Dir::Etc::PreferencesParts=$apt_dir/etc/preferences.d" -o "Dir::Etc::Parts=$apt_dir/etc/apt.conf.d"
      -o "Dir::State=$apt_dir/state" -o "Dir::State::status=$apt_dir/status" -o "Dir::Cache=$apt_dir/cache"
      -o "APT::Architecture=amd64" -o "APT::Architectures=amd64" -o "Acquire::Languages=none"
    )
    [ "$(id -u)" != 0 ] || apt_opts+=(-o "APT::Sandbox::User=root")
    apt-get "${apt_opts[@]}" update -qq
    (cd "$split_dir" && apt-get "${apt_opts[@]}" download binaryen libc6 libstdc++6 libgcc-s1 \
      && for deb in ./*.deb; do dpkg-deb -x "$deb" root; done && rm ./*.deb)
    rm -rf "$apt_dir"
    bash scripts/wasm-split.sh --version >&2
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
  # A CJK font, so that the screenshots of the Chinese page show Chinese
  # (without one, Chromium draws boxes; the tests read text, not pixels).
  if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    log "installing a CJK font for the browser (fonts-wqy-microhei)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null; }
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
