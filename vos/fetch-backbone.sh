#!/usr/bin/env bash
# Fetches the ImageNet MobileNetV2 that ships inside the npm package nsfwjs@4.4.0 (MIT), checks the
# tarball against its registry integrity hash, and converts it once with node into a standard TF.js
# layers model truncated after block_10 (model.json + weights.bin, 0.4 MB) in Engram's cache folder:
#   ${ENGRAM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/engram}/backbones/nsfwjs-4.4.0-mobilenet_v2-block_10/
# Engram uses it as its packaged backbone when it is there (vos.backbone=packaged) and runs weights-free
# otherwise. Needs npm and node; nothing else is downloaded. Re-running with the model present does nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${ENGRAM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/engram}"
dest="$cache/backbones/nsfwjs-4.4.0-mobilenet_v2-block_10"
integrity="sha512-krC1fgeTLXtZwgdpKJ0jm7hqv0gTSRQQRL+FhOaxaJ9Wj92t42BO3csO2odwgTAgZgf2RvkwPtp0R8Aa7dc+MA=="
if [[ -f "$dest/model.json" && -f "$dest/weights.bin" ]]; then
  echo "packaged backbone present: $dest"
  exit 0
fi
command -v npm >/dev/null && command -v node >/dev/null || { echo "fetch-backbone: npm and node are needed" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent nsfwjs@4.4.0 >/dev/null)
actual="sha512-$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$work/nsfwjs-4.4.0.tgz")"
if [[ "$actual" != "$integrity" ]]; then
  echo "fetch-backbone: nsfwjs-4.4.0.tgz has integrity $actual, expected $integrity; refusing it" >&2
  exit 1
fi
tar xzf "$work/nsfwjs-4.4.0.tgz" -C "$work" package/dist/models/mobilenet_v2
mkdir -p "$dest.tmp"
node "$here/src/main/node/convert-nsfwjs.js" "$work/package" "$dest.tmp"
echo "$integrity" > "$dest.tmp/SOURCE-INTEGRITY"
rm -rf "$dest" && mv "$dest.tmp" "$dest"
echo "packaged backbone written: $dest"
