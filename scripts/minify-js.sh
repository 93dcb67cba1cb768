#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml) of a release build: makes the page
# smaller, then makes every integrity digest in index.html the digest of
# the file as shipped.
#   - The stylesheets become one file: together they compress ~0.8 KB gzip
#     better (they share their custom properties and selector names), and
#     the page makes one request less.
#   - terser minifies the JavaScript: Trunk's minifier stops at
#     wasm-bindgen's `export … as default` and leaves the glue whole
#     (~1.8 KB gzip more).
#   - The page loads its stylesheet, its loader, the glue and the wasm with
#     Subresource Integrity (static/start.js): a digest taken before this
#     step would stop the page.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
staging=${TRUNK_STAGING_DIR:?run by trunk}
html="$staging/index.html"
terser="$(dirname "$0")/../.tools/node_modules/.bin/terser"
digest() { openssl dgst -sha384 -binary "$1" | openssl base64 -A; }
# The tag of index.html that refers to the file $1 (public_url is "./");
# the file a tag refers to; a tag's integrity digest.
tag_of() { grep -Eo "<[a-z]+ [^>]*=\"?\./${1//./\\.}\"?( [^>]*)?>" "$html" || true; }
href_of() { sed -nE 's/.* (href|src)="?\.\/([^" >]+).*/\2/p' <<<"$1"; }
digest_of() { sed -nE 's/.* integrity="?sha384-([A-Za-z0-9+/=]+).*/\1/p' <<<"$1"; }

# Trunk's own directive, left on the tags that opt out of a digest.
sed -i 's/ data-integrity="\?none"\?//g' "$html"

# The stylesheets, in document order (so the cascade is unchanged), as
# one file named by its content like Trunk's own.
mapfile -t sheets < <(grep -Eo '<link [^>]*rel="?stylesheet"?[^>]*>' "$html")
if [ "${#sheets[@]}" -gt 1 ]; then
  joined="$staging/style.css.tmp"
  : >"$joined"
  for tag in "${sheets[@]}"; do
    file=$(href_of "$tag")
    [ -n "$file" ] && [ -f "$staging/$file" ] || { echo "minify-js: cannot read the stylesheet of $tag" >&2; exit 1; }
    cat "$staging/$file" >>"$joined"
    rm "$staging/$file"
  done
  name="style-$(sha256sum "$joined" | cut -c1-16).css"
  mv "$joined" "$staging/$name"
  first=${sheets[0]}
  page=$(<"$html")
  page=${page/"$first"/"${first/"./$(href_of "$first")"/"./$name"}"}
  for tag in "${sheets[@]:1}"; do page=${page/"$tag"/}; done
  printf '%s' "$page" >"$html"
fi

if [ -x "$terser" ]; then
  for js in "$staging"/*.js; do
    [ -e "$js" ] || continue
    # A classic script (the boot watchdog) keeps its top-level scope as
    # written; the others (wasm-bindgen's glue, static/start.js) are modules.
    tag=$(tag_of "$(basename "$js")")
    if [[ $tag == "<script "* && $tag != *type=module* && $tag != *'type="module"'* ]]; then
      mode=()
    else
      mode=(--module)
    fi
    "$terser" "$js" "${mode[@]}" --compress --mangle --output "$js.min"
    mv "$js.min" "$js"
  done
else
  echo "minify-js: terser missing (scripts/setup.sh installs it); the JS ships unminified" >&2
fi

# Every digest, recomputed from the file it names.
while IFS= read -r tag; do
  file=$(href_of "$tag")
  old=$(digest_of "$tag")
  if [ -z "$file" ] || [ -z "$old" ] || [ ! -f "$staging/$file" ]; then
    echo "minify-js: cannot check the integrity digest of $tag" >&2
    exit 1
  fi
  # Base64 digests hold only [A-Za-z0-9+/=]; '|' cannot clash.
  sed -i "s|sha384-$old|sha384-$(digest "$staging/$file")|g" "$html"
done < <(grep -Eo '<[a-z]+ [^>]*integrity=[^>]*>' "$html")

# What styles and runs the page must be checked: the stylesheet, the
# loader, the glue and the wasm. The boot watchdog goes without on purpose
# (static/boot.js says why).
for f in "$staging"/*.css "$staging"/*.js "$staging"/*.wasm; do
  name=$(basename "$f")
  case $name in boot-*.js) continue ;; esac
  d=$(digest "$f")
  grep -Fq -e " integrity=sha384-$d" -e " integrity=\"sha384-$d\"" <<<"$(tag_of "$name")" || {
    echo "minify-js: index.html loads $name without its integrity digest" >&2
    exit 1
  }
done

# The page's own policy, as a meta element (a host may send more as
# headers: README "Serving it"). In the release build only: `trunk serve`
# injects an inline reload script that it would refuse.
csp="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"
grep -q '<meta charset=utf-8>' "$html" || { echo "minify-js: no <meta charset=utf-8> to put the CSP after" >&2; exit 1; }
sed -i "s|<meta charset=utf-8>|&<meta http-equiv=Content-Security-Policy content=\"$csp\">|" "$html"
