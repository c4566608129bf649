#!/usr/bin/env bash
# Runs a command in a private D-Bus session with a fresh, unlocked GNOME keyring (a real
# Secret Service), whose files live in a temporary folder: the tests use a real OS keyring,
# never the user's own.
set -euo pipefail
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" XDG_CONFIG_HOME="$scratch/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME"
dbus-run-session -- bash -c '
  echo -n sotto-tests | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  "$@"' _ "$@"
