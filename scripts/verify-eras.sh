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
  random=$(sed -n 's/^random: agree \([^ ]*\) .*/\1/p' <<<"$out")
  [ "$dir" != none ] || random=$(sed -n 's/^agree \([^ ]*\) (seeds.*/\1/p' <<<"$out")
  release=$(sed -n 's/^era [^:]*: Linux \([^ ]*\) (\([^)]*\)), port \([^,]*\),.*/\1 (\2)|\3/p' <<<"$head")
  corpus=${agree#agree }
  [ "$dir" != none ] || corpus=-
  case $rc in
    0) note= ;;
    1) note="disagreements above"; status=1 ;;
    *) note="FAILED (see above)"; corpus=-; random=; status=1 ;;
  esac
  rows+=("$era|${release:-?|?}|$corpus|${random:--}|${secs}s|$note")
done
echo
fmt='%-5s  %-58s  %-5s  %-12s  %-12s  %-6s  %s\n'
printf "$fmt" era release port "$dir" random time ""
for r in "${rows[@]}"; do
  IFS='|' read -r era release port corpus random secs note <<<"$r"
  printf "$fmt" "$era" "$release" "$port" "$corpus" "$random" "$secs" "$note"
done
exit "$status"
