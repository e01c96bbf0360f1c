# Two commands matter: `make run` (see the terminal work) and `make test` (the whole suite).
# Everything they need, Debian packages included, is installed on first use into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run demo tour test lint typecheck pytest bench lock clean translations

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt scripts/system-packages.sh
	./scripts/system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m pos_app.app --demo

demo: $(STAMP)
	$(BIN)/python -m pos_app.cli.demo_story

tour: $(STAMP)
	./scripts/cli-tour.sh

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks store

# The terminal as one folder that runs without Python (build.spec): dist/loyalty-pos/loyalty-pos.
# Check it with `QT_QPA_PLATFORM=offscreen dist/loyalty-pos/loyalty-pos --self-test`.
bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--workpath build/pyinstaller --distpath dist build.spec

# Move constraints.txt forward on purpose (then run `make test` on the new set).
lock:
	./scripts/lock.sh

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache

# The translations: refresh the .ts sources from the code (new texts come in unfinished, for
# Qt Linguist), then compile the .qm files the package ships (committed, so a clean clone and
# a wheel have them). English carries only the plural forms.
TS_DIR := pos_app/resources/translations
UI_SOURCES := $(wildcard pos_app/ui/*.py)
translations: $(STAMP)
	$(BIN)/pyside6-lupdate $(UI_SOURCES) -locations none -no-obsolete \
		-ts $(TS_DIR)/loyalty_de.ts $(TS_DIR)/loyalty_fr.ts $(TS_DIR)/loyalty_es.ts
	$(BIN)/pyside6-lupdate $(UI_SOURCES) -locations none -no-obsolete -pluralonly \
		-ts $(TS_DIR)/loyalty_en.ts
	for ts in $(TS_DIR)/*.ts; do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm; done
