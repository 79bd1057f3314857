# Two commands a newcomer needs:  `make run` (set up, then start the app)
#                                 `make test` (set up, then run the whole test suite)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
QM     := resources/i18n/rm_desktop_en.qm

.PHONY: run demo test system-deps translations bench bundle clean

system-deps:
	@bash installer/setup-linux-deps.sh

$(STAMP): requirements.lock pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(QM): resources/i18n/rm_desktop_en.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

run: $(STAMP) $(QM)
	$(PY) main.py

demo: $(STAMP) $(QM)
	$(PY) main.py --demo

test: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# The Linux one-folder bundle in dist/rm-desktop (PyInstaller; Windows: installer\build.ps1).
bundle: $(STAMP) $(QM)
	PYTHON=$(PY) bash installer/build.sh

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info $(QM)
