#!/usr/bin/env bash
# Packs Sotto.app into a compressed disk image with a link to /Applications beside it, so
# that installing is a drag. packaging/build.py runs it on macOS; sign the app before, and
# the image after (packaging/README.md).
#   packaging/macos/make_dmg.sh dist/Sotto.app dist/Sotto-0.1.0-macos-arm64.dmg
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 APP DMG" >&2
  exit 2
fi
app=$1
dmg=$2
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
# ditto keeps the app's symbolic links, extended attributes and signature as they are.
ditto "$app" "$staging/$(basename "$app")"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Sotto" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"
