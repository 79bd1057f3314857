# Two commands a newcomer needs:  `make run` (set up, then start the app)
#                                 `make test` (set up, then run the whole test suite)
VENV   ?= .venv
PY     := $(VENV)/bin/python
QM     := resources/i18n/rm_desktop_en.qm
REQ    := requirements
# The venv gets the hashed sets of requirements/ (requirements/compile.sh says what each holds),
# only what a target needs; a stamp per set reinstalls it when its file changes. The sets are
# always installed together with the ones before them, so pip checks every hash and every pin.
RUNTIME := $(VENV)/.runtime
BUILD   := $(VENV)/.build
TESTS   := $(VENV)/.test
INSTALL := $(PY) -m pip install -q --require-hashes
# pip itself is pinned, not hashed: it is the program that checks the hashes of everything after it.
PIP_VERSION := 26.3

.PHONY: run demo test lint system-deps translations bench bundle lock clean screenshots

system-deps:
	@bash installer/setup-linux-deps.sh

$(RUNTIME): $(REQ)/runtime.txt pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	python3 -m venv $(VENV)
	$(PY) -m pip install -q "pip==$(PIP_VERSION)"
	$(INSTALL) -r $(REQ)/runtime.txt
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(BUILD): $(RUNTIME) $(REQ)/build.txt
	$(INSTALL) -r $(REQ)/runtime.txt -r $(REQ)/build.txt
	touch $@

# The tests need the build set too: tests/architecture/test_installer.py builds the bundle.
$(TESTS): $(BUILD) $(REQ)/test.txt
	$(INSTALL) -r $(REQ)/runtime.txt -r $(REQ)/build.txt -r $(REQ)/test.txt
	touch $@

$(QM): resources/i18n/rm_desktop_en.ts $(RUNTIME)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

run: $(RUNTIME) $(QM)
	$(PY) main.py

demo: $(RUNTIME) $(QM)
	$(PY) main.py --demo

test: $(TESTS) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# Lint and types: ruff (rules and format in pyproject.toml) and mypy ([tool.mypy]).
lint: $(TESTS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The Linux one-folder bundle in dist/rm-desktop (PyInstaller; Windows: installer\build.ps1).
bundle: $(BUILD) $(QM)
	PYTHON=$(PY) bash installer/build.sh

# The README's screenshots (docs/screenshots/*.png) from a throwaway demo vault, in Chinese at
# 1366x768; offscreen when there is no display (tools/screenshots.py --help for pages, language).
screenshots: $(RUNTIME) $(QM)
	$(PY) tools/screenshots.py

# Every benchmarks/bench_*.py, one after the other, into benchmarks/RESULTS.md (goal / figure /
# pass, load average, date). `make bench BENCH_QUICK=1`: quick sizes (~15 min on 2 cores); without
# it the issues' sizes (100k clients...) take about an hour. benchmarks/run_all.py --help for more.
BENCH_QUICK ?=
bench: $(RUNTIME)
	BENCH_QUICK=$(BENCH_QUICK) $(PY) benchmarks/run_all.py

# Rewrite requirements/*.txt from pyproject.toml's lists, keeping the versions already pinned;
# `make lock UPGRADE="--upgrade-package NAME"` moves one (needs PyPI; see requirements/compile.sh).
lock:
	UPGRADE="$(UPGRADE)" bash $(REQ)/compile.sh

clean:
	rm -rf $(VENV) build dist *.egg-info $(QM)
