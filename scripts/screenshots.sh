#!/usr/bin/env bash
# Takes the README's screenshots (docs/screenshots/) from the real window on a virtual X
# screen, each in a fresh data folder: five screens (welcome, chat, library, documents,
# settings), each as SCREEN.png (English, light, 1280x800, normal text) and in five variants,
# SCREEN-dark.png, SCREEN-zh.png, SCREEN-800x600.png, SCREEN-1920x1080.png and
# SCREEN-larger.png (the largest text): 30 pictures, a few seconds each. Run it inside
# scripts/with-test-keyring.sh (a private keyring). Give screen names to take only those.
set -euo pipefail
out=${SOTTO_SCREENSHOT_OUT:-docs/screenshots}
mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
unset QT_QPA_PLATFORM DISPLAY

shot() {  # NAME SCREEN SCENE SETTINGS_JSON
  local data="$scratch/$1"
  mkdir -p "$data"
  echo "$4" >"$data/settings.json"
  # The machine's speed, measured by the first shot that needs it, is found by the others.
  if [ -f "$scratch/speed.json" ]; then
    mkdir -p -m 700 "$data/cache"
    cp "$scratch/speed.json" "$data/cache/"
  fi
  xvfb-run -a -s "-screen 0 ${2}x24" .venv/bin/python -m tests.e2e.screenshot \
    "$out/$1.png" "$data" "$3" >/dev/null
  [ ! -f "$data/cache/speed.json" ] || cp "$data/cache/speed.json" "$scratch/"
  echo "$out/$1.png"
}

screens=("$@")
[ ${#screens[@]} -gt 0 ] || screens=(welcome chat library documents settings)
started=$SECONDS
for screen in "${screens[@]}"; do
  shot "$screen" 1280x800 "$screen" '{"language": "en", "theme": "light"}'
  shot "$screen-dark" 1280x800 "$screen" '{"language": "en", "theme": "dark"}'
  shot "$screen-zh" 1280x800 "$screen" '{"language": "zh_CN", "theme": "light"}'
  shot "$screen-800x600" 800x600 "$screen" '{"language": "en", "theme": "light"}'
  shot "$screen-1920x1080" 1920x1080 "$screen" '{"language": "en", "theme": "light"}'
  shot "$screen-larger" 1280x800 "$screen" \
    '{"language": "en", "theme": "light", "font_size": "larger"}'
done
echo "$((SECONDS - started)) s"
