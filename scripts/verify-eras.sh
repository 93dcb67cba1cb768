#!/usr/bin/env bash
# verify-era.sh for every era given, one after the other, then a table:
# era, exact release, the port's version compared with, agreement, time.
#
#   scripts/verify-eras.sh DIR ERA...      (make verify-eras DIR=corpus)
#
# Exit status: 0 if every era agrees on every scenario, else 1.
set -uo pipefail
cd "$(dirname "$0")/.."

dir=${1:?usage: verify-eras.sh DIR ERA...}
shift
rows=()
status=0
interrupted=0
trap 'interrupted=1' INT TERM
for era in "$@"; do
  start=$(date +%s)
  out=$(bash scripts/verify-era.sh "$era" "$dir")
  rc=$?
  secs=$(( $(date +%s) - start ))
  printf '%s\n' "$out"
  [ "$interrupted" = 1 ] && { echo "verify-eras: interrupted" >&2; exit 130; }
  head=$(grep '^era ' <<<"$out" | tail -n1)
  agree=$(grep '^agree ' <<<"$out" | tail -n1)
  release=$(sed -n 's/^era [^:]*: Linux \([^ ]*\) (\([^)]*\)), port \([^,]*\),.*/\1 (\2)|\3/p' <<<"$head")
  case $rc in
    0) result=${agree#agree } ;;
    1) result="${agree#agree } (disagreements above)"; status=1 ;;
    *) result="FAILED (see above)"; status=1 ;;
  esac
  rows+=("$era|${release:-?|?}|$result|${secs}s")
done
echo
printf '%-5s  %-58s  %-5s  %-30s  %s\n' era release port "agree ($dir)" time
for r in "${rows[@]}"; do
  IFS='|' read -r era release port result secs <<<"$r"
  printf '%-5s  %-58s  %-5s  %-30s  %s\n' "$era" "$release" "$port" "$result" "$secs"
done
exit "$status"
