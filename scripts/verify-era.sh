#!/usr/bin/env bash
# Plays every scenario of DIR on a real kernel of another era, in a qemu
# guest, and on the port; prints the disagreements and `agree N/M` last.
#
#   scripts/verify-era.sh ERA DIR        (make verify-era ERA=6.1 DIR=corpus)
#   scripts/verify-era.sh --build        (only builds the guest's runner)
#
# DIR=none plays no files. VERIFY_RANDOM=N (make … RANDOM=N) also plays N
# seeded random scenarios (from VERIFY_SEED, default 1) in the guest, as
# `sigsim random --real --kernel` does; its summary comes before the last
# line, or is the last line with DIR=none.
#
# The era's Debian kernel package is fetched once into a cache outside the
# repository (scripts/fetch-kernel.sh). The guest's initramfs holds only
# sigsim-guest (sigsim-cli/src/bin/sigsim-guest.rs, built static) as /init
# and the scenarios. The guest has no network and no disk; its results come
# back on its second serial port. The guest is killed on success, failure,
# Ctrl-C, and after VERIFY_TIMEOUT seconds (a hung guest is a failure).
#
# Exit status: 0 if every scenario agrees, 1 if some do not, 2 if the
# harness or the guest failed, 3 if the guest hung (killed at the limit).
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=${CARGO_TARGET_DIR:-target}
guest_bin=$target_dir/x86_64-unknown-linux-gnu/release/sigsim-guest
build_guest() {
  RUSTFLAGS="-C target-feature=+crt-static" cargo build -q --release --locked \
    --target x86_64-unknown-linux-gnu -p sigsim-cli --bin sigsim-guest
}
if [ "${1:-}" = --build ]; then
  build_guest
  exit 0
fi

era=${1:?usage: verify-era.sh ERA DIR}
dir=${2:-corpus}
timeout=${VERIFY_TIMEOUT:-2400}
# Software emulation runs the runner's time limits this many times longer.
slow=${VERIFY_SLOW:-10}
mem=${VERIFY_MEM:-1024}
random=${VERIFY_RANDOM:-0}
seed=${VERIFY_SEED:-1}
cpus=${VERIFY_CPUS:-2}

log() { printf 'verify-era %s: %s\n' "$era" "$*" >&2; }

# The port's version to compare with: the era itself if the port follows
# it, else the nearest it follows (said on every run; see README).
known=$(sed -n 's/^ *#\[serde(rename = "\([0-9.]*\)")\]$/\1/p' sigsim/src/version.rs)
port_era=$era
if ! grep -qx "$era" <<<"$known"; then
  port_era=${VERIFY_PORT_ERA:-6.18}
fi

command -v qemu-system-x86_64 >/dev/null || { log "qemu-system-x86_64 missing: run scripts/setup.sh (make setup)"; exit 2; }
command -v cpio >/dev/null || { log "cpio missing: run scripts/setup.sh (make setup)"; exit 2; }

kernel=$(bash scripts/fetch-kernel.sh "$era")
read -r release pkg version < "$(dirname "$kernel")/release"
# The release the port's version was verified on (KernelVersion::
# verified_release): the archive moves on, and a cache made later holds a
# later release. Said, not refused: the comparison is still with that era.
verified=$(sed -n "s/^ *KernelVersion::V${port_era//./_} => Some(\"\([0-9.]*\)\"),\$/\1/p" sigsim/src/version.rs)
if [ -n "$verified" ] && [ "${version%%-*}" != "$verified" ]; then
  log "note: this kernel is ${version%%-*}; the port's $port_era follows $verified, verified on that release"
fi

log "building sigsim-guest (static)"
build_guest

work=$(mktemp -d "${TMPDIR:-/tmp}/sigscope-verify-$era.XXXXXX")
qemu_pid=
cleanup() {
  if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
    kill -KILL "$qemu_pid" 2>/dev/null || true
    wait "$qemu_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'log "interrupted: guest killed"; exit 130' INT TERM

# The initramfs: /init, /sigscope/scenarios/*.json, mount points.
root=$work/root
mkdir -p "$root"/{proc,dev,tmp,sigscope/scenarios}
cp "$guest_bin" "$root/init"
n=0
if [ "$dir" != none ]; then
  for f in "$dir"/*.json; do
    [ -e "$f" ] || continue
    case "$f" in *.outcome.json) continue ;; esac
    cp "$f" "$root/sigscope/scenarios/"
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || { log "no scenarios in $dir"; exit 2; }
fi
[ "$n" -gt 0 ] || [ "$random" -gt 0 ] || { log "nothing to play: DIR=none and no VERIFY_RANDOM"; exit 2; }
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet --owner 0:0) > "$work/initrd"

if [ "$port_era" != "$era" ]; then
  log "the port has no $era era yet: its $port_era rules stand in"
fi
log "booting $pkg $version ($release) under TCG with $n scenarios and $random random ones (limit ${timeout}s)"
start=$(date +%s)
qemu-system-x86_64 -accel tcg -nographic -no-reboot \
  -m "$mem" -smp "$cpus" -nodefaults -monitor none \
  -kernel "$kernel" -initrd "$work/initrd" \
  -append "console=ttyS0 panic=-1 quiet SIGSCOPE_ERA=$era SIGSCOPE_PORT_ERA=$port_era SIGSCOPE_SLOW=$slow SIGSCOPE_RANDOM=$random SIGSCOPE_SEED=$seed" \
  -serial "file:$work/console" -serial "file:$work/results" \
  </dev/null >"$work/qemu.out" 2>&1 &
qemu_pid=$!
hung=0
while kill -0 "$qemu_pid" 2>/dev/null; do
  if [ $(( $(date +%s) - start )) -ge "$timeout" ]; then
    hung=1
    kill -KILL "$qemu_pid" 2>/dev/null || true
    break
  fi
  sleep 1
done
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=
secs=$(( $(date +%s) - start ))

results=$(tr -d '\r' < "$work/results")
if [ "$hung" = 1 ] || ! grep -q '^done ' <<<"$results"; then
  [ "$hung" = 1 ] && log "FAILED: the guest did not finish within ${timeout}s: killed"
  log "FAILED: the guest gave no complete result; its console and results follow"
  tail -n 40 "$work/console" >&2 || true
  cat "$work/qemu.out" >&2 || true
  printf '%s\n' "$results" >&2
  [ "$hung" = 1 ] && exit 3
  exit 2
fi
guest_release=$(sed -n 's/^kernel //p' <<<"$results")
if [ "$guest_release" != "$release" ]; then
  log "FAILED: the guest runs $guest_release, the package is $release"
  exit 2
fi
agree=$(grep -c '^agree ' <<<"$results" || true)
total=$(grep -cE '^(agree|disagree|no-single-outcome|refused|failed) ' <<<"$results" || true)
# The disagreements (and failures) of DIR's scenarios, then random ones.
grep -vE '^(agree|kernel|done|random|random-disagree|random-failed) ' <<<"$results" || true
grep -E '^random-(disagree|failed) ' <<<"$results" || true
[ "$total" = "$n" ] || { log "FAILED: $total results for $n scenarios"; exit 2; }
random_ok=1
if [ "$random" -gt 0 ]; then
  summary=$(sed -n 's/^random //p' <<<"$results")
  [ -n "$summary" ] || { log "FAILED: no random summary"; exit 2; }
  read -r _ ratio _ <<<"$summary"
  [ "${ratio%/*}" = "${ratio#*/}" ] || random_ok=0
fi
extra=
[ "$random" = 0 ] || extra=" + $random random"
echo "era $era: Linux $guest_release ($pkg $version), port $port_era, $dir$extra, ${secs}s"
if [ "$n" -gt 0 ]; then
  [ "$random" = 0 ] || echo "random: $summary"
  echo "agree $agree/$total"
else
  echo "$summary"
fi
[ "$agree" = "$total" ] && [ "$random_ok" = 1 ]
