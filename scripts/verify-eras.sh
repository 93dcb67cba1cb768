#!/usr/bin/env bash
# verify-era.sh for every era given, one after the other, then a table:
# era, exact release, the port's version compared with, agreement, and how
# long each era took — the fetch of its kernel (0 s once cached) and its
# guest (boot and scenarios) — then the total, with the build of the
# guest's runner.
#
#   scripts/verify-eras.sh DIR ERA...      (make verify-eras DIR=corpus)
#
# Exit status: 0 if every era agrees on every scenario, else 1: a
# disagreement, a kernel that could not be fetched, a guest that failed or
# hung (each one named in the table; the other eras still run).
set -uo pipefail
cd "$(dirname "$0")/.."

dir=${1:?usage: verify-eras.sh DIR ERA...}
shift
[ "$#" -gt 0 ] || { echo "usage: verify-eras.sh DIR ERA..." >&2; exit 2; }
log() { printf 'verify-eras: %s\n' "$*" >&2; }
rows=()
status=0
interrupted=0
trap 'interrupted=1' INT TERM
stop_if_interrupted() {
  [ "$interrupted" = 0 ] || { log "interrupted"; exit 130; }
}

begin=$(date +%s)
log "building the guest's runner (sigsim-guest, static)"
if ! bash scripts/verify-era.sh --build; then
  stop_if_interrupted
  log "FAILED: sigsim-guest did not build"
  exit 1
fi
build=$(($(date +%s) - begin))
fetch_total=0
guest_total=0
for era in "$@"; do
  start=$(date +%s)
  fetched=1
  bash scripts/fetch-kernel.sh "$era" >/dev/null || fetched=0
  stop_if_interrupted
  now=$(date +%s)
  fetch=$((now - start))
  fetch_total=$((fetch_total + fetch))
  if [ "$fetched" = 0 ]; then
    log "era $era: FAILED: its kernel could not be fetched (${fetch}s)"
    rows+=("$era|?|?|-|-|${fetch}s|-|FAILED: no kernel (see above)")
    status=1
    continue
  fi
  out=$(bash scripts/verify-era.sh "$era" "$dir")
  rc=$?
  printf '%s\n' "$out"
  stop_if_interrupted
  guest=$(($(date +%s) - now))
  guest_total=$((guest_total + guest))
  log "era $era: fetch ${fetch}s, boot and scenarios ${guest}s"
  head=$(grep '^era ' <<<"$out" | tail -n1)
  agree=$(grep '^agree ' <<<"$out" | tail -n1)
  random=$(sed -n 's/^random: agree \([^ ]*\) .*/\1/p' <<<"$out")
  [ "$dir" != none ] || random=$(sed -n 's/^agree \([^ ]*\) (seeds.*/\1/p' <<<"$out")
  release=$(sed -n 's/^era [^:]*: Linux \([^ ]*\) (\([^)]*\)), port \([^,]*\),.*/\1 (\2)|\3/p' <<<"$head")
  corpus=${agree#agree }
  [ "$dir" != none ] || corpus=-
  case $rc in
    0) note= ;;
    1) note="disagreements above"; status=1 ;;
    3) note="FAILED: hung, killed after ${VERIFY_TIMEOUT:-2400}s"; corpus=-; random=; status=1 ;;
    *) note="FAILED (see above)"; corpus=-; random=; status=1 ;;
  esac
  rows+=("$era|${release:-?|?}|$corpus|${random:--}|${fetch}s|${guest}s|$note")
done
echo
fmt='%-5s  %-66s  %-5s  %-12s  %-12s  %-6s  %-6s  %s\n'
printf "$fmt" era release port "$dir" random fetch guest ""
for r in "${rows[@]}"; do
  IFS='|' read -r era release port corpus random fetch guest note <<<"$r"
  printf "$fmt" "$era" "$release" "$port" "$corpus" "$random" "$fetch" "$guest" "$note"
done
total=$(($(date +%s) - begin))
echo "total ${total}s: build ${build}s, fetch ${fetch_total}s, guests ${guest_total}s ($# eras)"
exit "$status"
