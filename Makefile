# Workgroup — developer commands. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed


.PHONY: help run test lint bench venv screenshot docs dist smoke clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the project with its test tools

run: $(STAMP) ## open the app on the demo store (made on first run)
	@$(PY) -m workgroup_app.ui.launch --demo

screenshot: $(STAMP) ## render the main window of the demo store to screenshots/main.png
	@mkdir -p screenshots
	QT_QPA_PLATFORM=offscreen WORKGROUP_PASSWORD="$$($(PY) -c 'from workgroup_app.services.users import DEMO_PASSWORD; print(DEMO_PASSWORD)')" \
		$(VENV)/bin/workgroup-app --demo --user prosecutor --screenshot screenshots/main.png

test: $(STAMP) ## run the whole test suite headless (contracts, lint, unit, services, GUI, CLI)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check workgroup_app tests bench tools
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n auto --dist worksteal

lint: $(STAMP) ## ruff and the import contracts of DESIGN §2
	$(VENV)/bin/ruff check workgroup_app tests bench tools
	$(VENV)/bin/lint-imports

bench: $(STAMP) ## run the benchmarks (100,000 meetings, 1,000,000 actions; about 25 minutes)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run_all

docs: $(STAMP) ## make the user guide's pictures (docs/images/, by the app's --screenshot)
	$(PY) -m tools.doc_screenshots --lang en --out docs/images

DIST_STAMP := $(VENV)/.installed-dist

$(DIST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dist]'
	@touch $(DIST_STAMP)

dist: $(DIST_STAMP) ## build the self-contained Linux folder dist/workgroup/ (PyInstaller)
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.build_icons --out build/icons
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller installer/workgroup.spec
	@echo "dist/workgroup/: run dist/workgroup/workgroup-app, or installer/linux/install.sh"

smoke: ## run the frozen programs of dist/workgroup/ (versions, a screenshot, an exchange)
	bash installer/smoke_test.sh

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
