#!/usr/bin/env bash
# Linux bundle: installs the pinned PyInstaller into the venv, builds the English translation,
# runs installer/rm_desktop.spec, smoke-tests the result with --self-test and prints its size.
#
#   installer/build.sh [DIST_DIR]      (default: dist/ in the repo; `make bundle` calls this)
#
# Env: PYTHON (default .venv/bin/python), RM_DESKTOP_BUILD_DIR (PyInstaller's work folder,
# default build/), SKIP_SELF_TEST=1 to skip the smoke test.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
DIST="$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)"
WORK="${RM_DESKTOP_BUILD_DIR:-$ROOT/build}"

# The build tools as pinned and hashed in requirements/build.txt, beside the runtime set they
# build on (a no-op when already there, as after `make bundle`).
"$PY" -m pip install -q --require-hashes -r requirements/runtime.txt -r requirements/build.txt

"$(dirname "$PY")/pyside6-lrelease" -silent resources/i18n/rm_desktop_en.ts -qm resources/i18n/rm_desktop_en.qm

RM_DESKTOP_VERSION="$("$PY" installer/release_version.py)"
export RM_DESKTOP_VERSION
echo "Building RM Desktop $RM_DESKTOP_VERSION into $DIST/rm-desktop"
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" installer/rm_desktop.spec
echo "PyInstaller took $(( $(date +%s) - start )) s"

# The .desktop file and icon go beside the programs, for installing the folder by hand (README).
cp installer/rm-desktop.desktop "$DIST/rm-desktop/"
cp resources/icons/rm-desktop.png "$DIST/rm-desktop/rm-desktop.png"

if [ "${SKIP_SELF_TEST:-0}" != 1 ]; then
  QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" "$DIST/rm-desktop/rm-desktop" --self-test
fi
echo "Bundle: $DIST/rm-desktop  $(du -sh "$DIST/rm-desktop" | cut -f1)" \
     "(compressed: $(tar -C "$DIST" -czf - rm-desktop | wc -c | awk '{printf "%.0f MB", $1/1048576}'))"
