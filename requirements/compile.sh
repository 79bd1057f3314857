#!/usr/bin/env bash
# Regenerates the hashed lock files from the ranges in pyproject.toml (`make lock`):
#
#   runtime.txt  the app: [project] dependencies, plus runtime.in (what installing the project needs)
#   build.txt    the bundle: [project.optional-dependencies] build (PyInstaller), less what runtime.txt has
#   test.txt     tests and checks: [project.optional-dependencies] test (pytest and its plugins, ruff,
#                mypy and the stub packages it needs), less what the two sets above have
#
# Install them in that order, in one pip call (each later file leaves out what the earlier ones pin):
#   pip install --require-hashes -r requirements/runtime.txt [-r requirements/build.txt] [-r requirements/test.txt]
#
# The resolution is universal for Python 3.11: one file for Linux, Windows and macOS, with
# environment markers (pywin32-ctypes, pefile, colorama on Windows; SecretStorage on Linux), and
# every file of each pinned release is hashed, Windows wheels included, so installer/build.ps1
# installs from the same files. Versions already in the files are kept; to move one:
#   make lock UPGRADE="--upgrade-package ruff"      (or UPGRADE=--upgrade for everything)
# To add a package (a types-* stub for mypy, say): add it to the right list in pyproject.toml,
# then `make lock`, and commit pyproject.toml with the changed files.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.8 # the resolver, in a throwaway venv: nothing of it stays in the project's venv
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools/venv"
"$tools/venv/bin/python" -m pip install -q "uv==$UV_VERSION"

# shellcheck disable=SC2086 # UPGRADE holds options
compile() {
  "$tools/venv/bin/uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes \
    --no-strip-markers --custom-compile-command "make lock" ${UPGRADE:-} "$@"
}
# --no-emit-package for each package pinned in the given files (a later set leaves them out).
pinned_in() {
  sed -nE 's/^([A-Za-z0-9._-]+)==.*/--no-emit-package \1/p' "$@"
}

compile pyproject.toml requirements/runtime.in -o requirements/runtime.txt
# shellcheck disable=SC2046
compile pyproject.toml --extra build -c requirements/runtime.txt $(pinned_in requirements/runtime.txt) \
  -o requirements/build.txt
# shellcheck disable=SC2046
compile pyproject.toml --extra test -c requirements/runtime.txt -c requirements/build.txt \
  $(pinned_in requirements/runtime.txt requirements/build.txt) -o requirements/test.txt
echo "requirements/: $(grep -cE '^[A-Za-z]' requirements/runtime.txt) runtime," \
  "$(grep -cE '^[A-Za-z]' requirements/build.txt) build, $(grep -cE '^[A-Za-z]' requirements/test.txt) test packages"
