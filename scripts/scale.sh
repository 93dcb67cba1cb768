#!/usr/bin/env bash
# Figures at scale (issue 12), not a test: a missed target is printed, not
# failed. In one run:
#   - the `sigsim` command on 10,000 processes over 32 nested namespaces
#     with 200 actions: wall time and peak memory (the kernel's ru_maxrss),
#     targets < 2 s and < 200 MB; with --trace beside it;
#   - the page's replay (`sigscope::replay::Replay::run`, natively) of one
#     kill(-1) over 8,000 processes.
#   - where a send's time goes in the page, natively (examples/page_scale.rs);
#   - the page itself in headless Chromium (e2e/scale.mjs): first render of
#     that world, a send, a kill(-1) across it and the frames while its
#     path plays; 2,000 sends and the wasm memory after them. Needs dist/
#     (make dist); SENDS=N sets how many sends.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "scale: $(date -u +%F), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM"
cargo bench -q -p sigsim-cli --bench kill --locked -- --scale
cargo run -q --release --locked --example replay_scale
cargo run -q --release --locked --example page_scale

if [ ! -f dist/index.html ]; then
  echo "scale: no dist/ — the page's figures need make dist first" >&2
  exit 0
fi
cd e2e
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 --directory ../dist >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 0.5
node scale.mjs "http://127.0.0.1:$port/"
