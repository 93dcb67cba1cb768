#!/usr/bin/env bash
# The page's budget, as figures (not a test: a missed target is printed,
# not failed):
#   - the release bundle's gzip size: what loads before the first paint
#     (every wasm, js, css and html file of dist/ but the second wasm
#     module), target <= 250 KiB (issue 9), and the second module and the
#     whole of dist/ beside it;
#   - the time from navigation to the first rendered tree in headless
#     Chromium, target <= 300 ms; and for a blog's embed that opens on a
#     session, the time to its first tree and to its kernel path.
# Run after `trunk build --release --offline=true`.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_TARGET_KIB=250
RENDER_TARGET_MS=300

if [ ! -f dist/index.html ]; then
  echo "budget: no dist/ — build first: trunk build --release --offline=true" >&2
  exit 2
fi

kib() { printf '%d.%d KiB' $(($1 / 1024)) $((($1 % 1024) * 10 / 1024)); }
echo "Bundle (dist/, gzip -9):"
total=0
later=0
while IFS= read -r f; do
  raw=$(wc -c < "$f")
  gz=$(gzip -9c "$f" | wc -c)
  # The second wasm module (scripts/split-wasm.mjs) loads after the first paint.
  case $f in
    *_later.wasm) later=$((later + gz)); note=" (after the first paint)" ;;
    *) total=$((total + gz)); note="" ;;
  esac
  printf '  %-44s %8d B raw %8d B gzip%s\n' "${f#dist/}" "$raw" "$gz" "$note"
done < <(find dist -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' \) | sort)
verdict=$([ "$total" -le $((SIZE_TARGET_KIB * 1024)) ] && echo "within" || echo "OVER")
printf 'before the first paint: %d B = %s gzip — %s the %d KiB target\n' \
  "$total" "$(kib "$total")" "$verdict" "$SIZE_TARGET_KIB"
printf 'after the first paint (the second wasm module): %d B = %s gzip; in all %s\n' \
  "$later" "$(kib "$later")" "$(kib $((total + later)))"
if [ "$later" -gt 0 ]; then
  echo "a page that opens on a session (a link, ?preset=, an autosave): the same $(kib "$total") before its"
  echo "  first paint (its starting world), the second module before the session replays on it"
fi
# The one-file page (offline/, beside dist/) repeats the bundle and the
# port's sources for a machine without a server: shown apart.
if [ -f offline/sigscope-offline.html ]; then
  printf 'one-file offline page (offline/, not served): %d B raw, %d B gzip\n' \
    "$(wc -c < offline/sigscope-offline.html)" "$(gzip -9c offline/sigscope-offline.html | wc -c)"
fi

echo
echo "First rendered tree (headless Chromium, navigation start to the first process node):"
if [ ! -d e2e/node_modules/playwright-core ]; then
  (cd e2e && npm ci --no-audit --no-fund >/dev/null)
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.05
done
out=$(node e2e/first-render.mjs "http://127.0.0.1:$port/" 5)
echo "$out"
median=$(echo "$out" | sed -n 's/^median \([0-9]*\) ms.*/\1/p')
if [ -n "$median" ]; then
  verdict=$([ "$median" -le "$RENDER_TARGET_MS" ] && echo "within" || echo "OVER")
  echo "median ${median} ms — $verdict the ${RENDER_TARGET_MS} ms target"
fi
echo
echo "A blog's embed (?embed&preset=sigkill-pid1-from-host): first tree, then its kernel path (the session in):"
node e2e/first-render.mjs "http://127.0.0.1:$port/?embed&preset=sigkill-pid1-from-host" 5 '.app:not([inert]) .kernel-path [role=group]'
