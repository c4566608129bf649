#!/bin/sh
# Adds Sotto to your applications menu, starting it from this folder: ./install.sh
# Removes it from the menu again: ./install.sh --uninstall
# Run it again after moving the folder. Nothing is written outside your own profile, and your
# conversations are never touched (`./sotto forget-everything` deletes those).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
entry=$data/applications/sotto.desktop
icons=$data/icons/hicolor

refresh_menus() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$data/applications" >/dev/null 2>&1 || true
  fi
  # Only a cache that exists is refreshed: a new one would hide icons other apps add later.
  if [ -e "$icons/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache --quiet --ignore-theme-index "$icons" >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  --uninstall)
    rm -f "$entry"
    for icon in "$icons"/*/apps/sotto.png; do
      [ -e "$icon" ] && rm -f "$icon"
    done
    refresh_menus
    echo "Sotto is no longer in your applications menu. This folder is left as it is."
    ;;
  "")
    mkdir -p "$data/applications"
    for png in "$here"/icons/sotto-*.png; do
      size=${png##*/sotto-}
      size=${size%.png}
      mkdir -p "$icons/${size}x${size}/apps"
      cp "$png" "$icons/${size}x${size}/apps/sotto.png"
    done
    # Exec takes a quoted path: escape what the desktop entry format treats specially.
    quoted=$(printf '%s' "$here/sotto" | sed -e 's/[\\"`$]/\\\\&/g' -e 's/%/%%/g')
    while IFS= read -r line; do
      case $line in
        Exec=*) printf 'Exec="%s"\n' "$quoted" ;;
        *) printf '%s\n' "$line" ;;
      esac
    done <"$here/sotto.desktop" >"$entry.tmp"
    mv "$entry.tmp" "$entry"
    refresh_menus
    echo "Sotto is in your applications menu, started from $here."
    ;;
  *)
    echo "usage: $0 [--uninstall]" >&2
    exit 2
    ;;
esac
