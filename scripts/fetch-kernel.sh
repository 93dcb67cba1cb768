#!/usr/bin/env bash
# Fetches the Debian kernel package of one era once into a cache outside
# the repository and prints the path of its unpacked kernel image.
#
#   scripts/fetch-kernel.sh ERA        # 5.10 | 6.1 | 6.12 | 7.2
#
# apt runs with a configuration of its own (sources list, state, cache and
# preferences under the cache directory): the system's apt sources, lists
# and cache are never read or touched. Only Debian's archive keyring is
# borrowed, read-only. A second call finds everything in the cache and
# touches no network.
#
# The network is the flaky part: apt retries each download
# (Acquire::Retries), an index that fails to download is an error rather
# than a warning (an older kernel must not stand in unnoticed), and a failed
# attempt is tried again from scratch, SIGSCOPE_FETCH_TRIES times (3) in
# all, before the script fails saying so. Nothing is cached until the
# kernel image is unpacked.
set -euo pipefail

era=${1:?usage: fetch-kernel.sh ERA}
cache=${SIGSCOPE_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sigscope/kernels}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

log() { printf 'fetch-kernel: %s\n' "$*" >&2; }

# Which Debian suite serves which era (checked against the archive: the
# version each resolves to is recorded in $dir/release).
case "$era" in
  5.10) suites=("bullseye main" "bullseye-security main" "bullseye-updates main")
        archives=(debian debian-security debian) ;;
  6.1)  suites=("bookworm main" "bookworm-security main" "bookworm-updates main")
        archives=(debian debian-security debian) ;;
  6.12) suites=("trixie main" "trixie-security main" "trixie-updates main")
        archives=(debian debian-security debian) ;;
  7.2)  suites=("sid main"); archives=(debian) ;;
  *) echo "fetch-kernel: no Debian suite known for era $era (5.10, 6.1, 6.12, 7.2)" >&2; exit 2 ;;
esac

dir=$cache/$era
if [ -f "$dir/ok" ] && [ -s "$(cat "$dir/ok")" ]; then
  cat "$dir/ok"
  exit 0
fi
rm -f "$dir/ok"

# The attempts: each one is this script again (SIGSCOPE_FETCH_ATTEMPT
# set), so that `set -e` holds inside it.
if [ -z "${SIGSCOPE_FETCH_ATTEMPT:-}" ]; then
  tries=${SIGSCOPE_FETCH_TRIES:-3}
  for ((i = 1; i <= tries; i++)); do
    rc=0
    SIGSCOPE_FETCH_ATTEMPT=$i bash "$0" "$era" || rc=$?
    # 0: fetched; 3: the archive answered, but not with a kernel (trying
    # again would not help).
    case $rc in 0) exit 0 ;; 3) exit 1 ;; esac
    if [ "$i" -lt "$tries" ]; then
      log "era $era: attempt $i of $tries failed; trying again in $((15 * i)) s"
      sleep $((15 * i))
    fi
  done
  log "era $era: FAILED after $tries attempts: no kernel package from deb.debian.org (is the archive reachable? see the messages above); nothing was cached"
  exit 1
fi

apt_dir=$dir/apt
rm -rf "$apt_dir"
mkdir -p "$apt_dir"/{etc/sources.list.d,etc/preferences.d,etc/apt.conf.d,state/lists/partial,cache/archives/partial}
: > "$apt_dir/status"
: > "$apt_dir/etc/sources.list"
for i in "${!suites[@]}"; do
  echo "deb [signed-by=$keyring] http://deb.debian.org/${archives[$i]} ${suites[$i]}" >> "$apt_dir/etc/sources.list"
done
apt_opts=(
  -o "Dir::Etc=$apt_dir/etc"
  -o "Dir::Etc::SourceList=$apt_dir/etc/sources.list"
  -o "Dir::Etc::SourceParts=$apt_dir/etc/sources.list.d"
  -o "Dir::Etc::Preferences=$apt_dir/etc/preferences"
  -o "Dir::Etc::PreferencesParts=$apt_dir/etc/preferences.d"
  -o "Dir::Etc::Parts=$apt_dir/etc/apt.conf.d"
  -o "Dir::State=$apt_dir/state"
  -o "Dir::State::status=$apt_dir/status"
  -o "Dir::Cache=$apt_dir/cache"
  -o "APT::Architecture=amd64"
  -o "APT::Architectures=amd64"
  -o "Acquire::Languages=none"
  -o "Acquire::Retries=3"
  -o "Acquire::http::Timeout=60"
  -o "APT::Update::Error-Mode=any"
)
# apt drops to _apt to download, which cannot write into root's home.
[ "$(id -u)" != 0 ] || apt_opts+=(-o "APT::Sandbox::User=root")
log "era $era: apt-get update with its own configuration under $apt_dir (attempt $SIGSCOPE_FETCH_ATTEMPT)"
apt-get "${apt_opts[@]}" update -qq >&2

# linux-image-amd64 depends on the era's current ABI package.
pkg=$(apt-cache "${apt_opts[@]}" depends linux-image-amd64 \
  | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\(-unsigned\)\?\)$/\1/p' | head -n1)
[ -n "$pkg" ] || { echo "fetch-kernel: no linux-image-*-amd64 behind linux-image-amd64 for $era" >&2; exit 3; }
version=$(apt-cache "${apt_opts[@]}" policy "$pkg" | sed -n 's/^ *Candidate: //p')
log "era $era: $pkg $version"
# Since 7.x (sid) the image package is only a shell: the kernel lives in
# linux-binary-<abi>, its config in linux-base-<abi>.
pkgs=("$pkg" $(apt-cache "${apt_opts[@]}" depends "$pkg" \
  | sed -n 's/^ *Depends: \(linux-\(binary\|base\)-[0-9][^ ]*\)$/\1/p'))
rm -rf "$dir/deb" "$dir/root"
mkdir -p "$dir/deb" "$dir/root"
(cd "$dir/deb" && apt-get "${apt_opts[@]}" download -qq "${pkgs[@]}" >&2)
for deb in "$dir"/deb/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
# boot/vmlinuz-<abi> up to 6.x; usr/lib/modules/<abi>/vmlinuz in 7.x.
vmlinuz=$(ls "$dir"/root/boot/vmlinuz-* "$dir"/root/usr/lib/modules/*/vmlinuz 2>/dev/null | head -n1 || true)
[ -n "$vmlinuz" ] || { echo "fetch-kernel: no kernel image in ${pkgs[*]}" >&2; exit 3; }
cp "$vmlinuz" "$dir/vmlinuz"
case "$vmlinuz" in
  */boot/vmlinuz-*) abi=${vmlinuz##*/vmlinuz-}; config=$dir/root/boot/config-$abi ;;
  *) abi=$(basename "$(dirname "$vmlinuz")"); config=$dir/root/usr/lib/modules/$abi/config ;;
esac
cp "$config" "$dir/config" 2>/dev/null || true
# What the guest's uname -r will say, the package, its Debian version.
printf '%s %s %s\n' "$abi" "$pkg" "$version" > "$dir/release"
rm -rf "$dir/root" "$apt_dir/cache/archives"
echo "$dir/vmlinuz" > "$dir/ok"
cat "$dir/ok"
