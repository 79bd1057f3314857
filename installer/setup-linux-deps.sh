#!/usr/bin/env bash
# Installs the Debian/Ubuntu system libraries Qt 6 needs (offscreen and X11), a CJK font,
# python3-venv and poppler-utils (the tests read drawn PDF text back with pdftotext, as a reader
# would), only when something is missing. Runs apt-get as root, or through sudo.
set -euo pipefail

libs="libEGL.so.1 libGL.so.1 libfontconfig.so.1 libxkbcommon.so.0 libxkbcommon-x11.so.0 libdbus-1.so.3
libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-shape.so.0 libxcb-render-util.so.0
libxcb-image.so.0 libxcb-randr.so.0 libX11-xcb.so.1 libglib-2.0.so.0"
pkgs="libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libxcb-cursor0
libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-randr0
libx11-xcb1 libglib2.0-0 fonts-wqy-microhei python3-venv poppler-utils"

# Captured first: `cmd | grep -q` under pipefail fails when grep exits early (SIGPIPE).
have_libs=$(ldconfig -p 2>/dev/null || true)
have_fonts=$(fc-list 2>/dev/null || true)
missing=""
for lib in $libs; do
  grep -q "$lib" <<<"$have_libs" || missing="$missing $lib"
done
grep -qi "wqy\|noto sans cjk\|source han" <<<"$have_fonts" || missing="$missing cjk-font"
python3 -c "import ensurepip" 2>/dev/null || missing="$missing python3-venv"
command -v pdftotext >/dev/null || missing="$missing pdftotext"
[ -z "$missing" ] && exit 0

echo "Installing system packages for:$missing"
if ! command -v apt-get >/dev/null; then
  echo "apt-get not found: install the Qt 6 runtime libraries and a CJK font by hand." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
