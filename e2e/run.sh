#!/usr/bin/env bash
# End-to-end tests against an already built dist/ (trunk build --release
# --offline=true). Serves dist/ on 127.0.0.1 at a free port — from outside
# dist/, which Trunk replaces on every build — and runs the tests with plain
# node (node:test) driving Debian's Chromium through playwright-core.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dist="$(cd "$here/.." && pwd)/dist"
cd "$here"

if [ ! -f "$dist/index.html" ]; then
  echo "e2e: no dist/index.html — build first: trunk build --release --offline=true" >&2
  exit 2
fi
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.05
done

mkdir -p screenshots
# SIGSCOPE_DIST, SIGSCOPE_OFFLINE: the offline test opens dist/index.html
# and the one-file page from file://.
SIGSCOPE_URL="http://127.0.0.1:$port/" SIGSCOPE_DIST="$dist" SIGSCOPE_OFFLINE="$here/../offline/sigscope-offline.html" node --test --test-concurrency=1 tests/*.test.mjs
