#!/usr/bin/env bash
# `make test`'s last step (`make guests`): the whole corpus on a real
# kernel of every era a guest boots (5.10, 6.1, 6.12 and 7.2 by default),
# each compared with the port's rules of that era (scripts/verify-eras.sh:
# per era, the time its kernel's fetch and its guest took, then a total).
# It fails if an era disagrees on a scenario, if a kernel cannot be
# fetched, or if a guest fails or hangs (VERIFY_TIMEOUT per guest: 600 s
# here, ten times a corpus run on a busy 2-core machine).
#
#   scripts/test-guests.sh ERA...
#
# Guests need Linux on x86-64 (the runner is built for the host and booted
# as the guest's init), Debian's apt and dpkg (the kernels are Debian
# packages), and qemu, cpio and libc6-dev, which scripts/setup.sh installs
# as root. Without them it says why and skips the guests — unless
# SIGSCOPE_REQUIRE_REAL=1 (CI: .ci/run), where it fails instead, as
# `make native` does for the tests that need root.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$#" -gt 0 ] || { echo "usage: test-guests.sh ERA..." >&2; exit 2; }

why=
if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  why="this is $(uname -s) on $(uname -m), not Linux on x86-64"
elif ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  why="no apt-get and dpkg-deb to fetch Debian's kernels"
elif [ "$(id -u)" != 0 ]; then
  missing=()
  command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
  command -v cpio >/dev/null || missing+=(cpio)
  [ -f /usr/lib/x86_64-linux-gnu/libc.a ] || missing+=(libc6-dev)
  [ "${#missing[@]}" = 0 ] || why="${missing[*]} missing, and not root to install them (uid $(id -u))"
fi
if [ -n "$why" ]; then
  if [ "${SIGSCOPE_REQUIRE_REAL:-0}" != 0 ]; then
    echo "make guests: SIGSCOPE_REQUIRE_REAL=1 but the eras' guests cannot run: $why" >&2
    exit 1
  fi
  echo "make guests: SKIPPED, the corpus was not played on the eras' kernels ($*): $why" >&2
  exit 0
fi

NEED_BROWSER=0 NEED_WASM=0 NEED_GUEST=1 bash scripts/setup.sh
VERIFY_TIMEOUT=${VERIFY_TIMEOUT:-600} VERIFY_RANDOM=0 exec bash scripts/verify-eras.sh corpus "$@"
