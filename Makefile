# Two commands do everything: `make serve` and `make test`. Each creates the
# virtual environment from the pinned requirements when it is missing or stale.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8866

.PHONY: help serve author test lint typecheck validate schemas guides audit unit notebooks browser bench live-bench eval browser-deps lock clean

help:
	@echo "make serve      serve the curriculum in Voilà (http://localhost:$(PORT)/)"
	@echo "make author     serve with the authoring page on, to adapt content in the browser (your computer only)"
	@echo "make test       run every check and test"
	@echo "make validate   check the content files and say what to fix"
	@echo "make guides     write the facilitator guides as printable pages in build/guides/"
	@echo "make audit      count who and what the stories represent, list gaps, write build/audit.html"
	@echo "make bench      time to interactive and kernel memory against a bare Voilà page"
	@echo "make live-bench live sessions: answers per second, and how soon the facilitator sees one"
	@echo "make eval       how well the apology feedback agrees with labelled examples"

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --config-settings editable_mode=compat -e .
	@touch $@

serve: $(STAMP)
	$(BIN)/harm-repair validate content
	$(BIN)/python -m curriculum.serve --port $(PORT)

# Authoring starts even when the content has problems: the page is where a trainer fixes them.
author: $(STAMP)
	-$(BIN)/harm-repair validate content
	$(BIN)/python -m curriculum.serve --port $(PORT) --authoring

validate: $(STAMP)
	$(BIN)/harm-repair validate content
	$(BIN)/harm-repair i18n check

schemas: $(STAMP)
	$(BIN)/harm-repair schemas

guides: $(STAMP)
	$(BIN)/harm-repair guides

audit: $(STAMP)
	$(BIN)/harm-repair audit

lint: $(STAMP)
	$(BIN)/ruff check curriculum widgets tests bench
	$(BIN)/ruff format --check curriculum widgets tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# A throw-away PostgreSQL (scripts/ensure-postgres.sh) runs the live-session store tests on
# PostgreSQL too; it is stopped and deleted when pytest ends, whatever the outcome.
unit: $(STAMP)
	url="$$(bash scripts/ensure-postgres.sh)" || exit 1; \
	trap '[ -z "$$url" ] || bash scripts/ensure-postgres.sh --stop "$$url"' EXIT; \
	HARM_REPAIR_TEST_DATABASE_URL="$$url" $(BIN)/pytest -q tests -m "not browser" -p no:cacheprovider

notebooks: $(STAMP)
	$(BIN)/pytest -q --nbval-lax --nbval-current-env modules -p no:cacheprovider

browser-deps: $(STAMP)
	@bash scripts/ensure-browser.sh $(BIN)/python

browser: browser-deps
	$(BIN)/pytest -q tests -m browser -p no:cacheprovider

test: lint typecheck validate unit notebooks browser
	@echo "All checks passed."

bench: browser-deps
	$(BIN)/python bench/tti.py

live-bench: browser-deps
	$(BIN)/python bench/live.py

eval: $(STAMP)
	$(BIN)/python bench/apology_eval.py

lock:
	bash scripts/lock.sh $(PYTHON)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
