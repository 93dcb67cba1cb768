#!/usr/bin/env bash
# binaryen's wasm-split as scripts/setup.sh unpacked it (.tools/binaryen-split):
# Debian trixie's build, run through trixie's own loader and libraries, so
# that it runs on an older system without touching the system's.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)/.tools/binaryen-split/root"
libs="$root/usr/lib/x86_64-linux-gnu"
exec "$libs/ld-linux-x86-64.so.2" --library-path "$libs" "$root/usr/bin/wasm-split" "$@"
