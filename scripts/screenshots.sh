#!/usr/bin/env bash
# Takes the README's screenshots (docs/screenshots/) from the real window on a virtual X
# screen: each scene in a fresh data folder, in English and Chinese, light and dark, at
# 1280x800 and 800x600. Run it inside scripts/with-test-keyring.sh (a private keyring).
set -euo pipefail
out=${1:-docs/screenshots}
mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
unset QT_QPA_PLATFORM DISPLAY

shot() {  # NAME SCREEN SCENE SETTINGS_JSON
  local data="$scratch/$1"
  mkdir -p "$data"
  echo "$4" >"$data/settings.json"
  xvfb-run -a -s "-screen 0 ${2}x24" .venv/bin/python -m tests.e2e.screenshot \
    "$out/$1.png" "$data" "$3" >/dev/null
  echo "$out/$1.png"
}

shot welcome 1280x800 welcome '{"language": "en"}'
shot chat 1280x800 chat '{"language": "en"}'
shot settings 1280x800 settings '{"language": "en"}'
shot library 1280x800 library '{"language": "en"}'
shot documents 1280x800 documents '{"language": "en"}'
shot sources 1280x800 sources '{"language": "en"}'
shot chat-dark 1280x800 chat '{"language": "en", "theme": "dark"}'
shot library-dark 1280x800 library '{"language": "en", "theme": "dark"}'
shot welcome-800x600 800x600 welcome '{"language": "en"}'
shot chat-800x600 800x600 chat '{"language": "en"}'
shot welcome-zh 1280x800 welcome '{"language": "zh_CN"}'
shot chat-zh 1280x800 chat '{"language": "zh_CN"}'
shot settings-zh 1280x800 settings '{"language": "zh_CN"}'
shot chat-zh-800x600 800x600 chat '{"language": "zh_CN"}'
