#!/usr/bin/env bash
# Figures at scale (issue 12), not a test: a missed target is printed, not
# failed. In one run:
#   - the `sigsim` command on 10,000 processes over 32 nested namespaces
#     with 200 actions: wall time and peak memory (the kernel's ru_maxrss),
#     targets < 2 s and < 200 MB; with --trace beside it;
#   - the page's replay (`sigscope::replay::Replay::run`, natively) of one
#     kill(-1) over 8,000 processes.
# The page's own figures in the browser (first render, a send, frame
# times) are the end-to-end tests' to print.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "scale: $(date -u +%F), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM"
cargo bench -q -p sigsim-cli --bench kill --locked -- --scale
cargo run -q --release --locked --example replay_scale
