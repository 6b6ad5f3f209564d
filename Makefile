# Two commands do everything on a fresh machine: `make site` and `make test`.
# Each creates .venv and installs the pinned dependencies it needs (re-installing when a
# lock file changes). Nothing is installed by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: site test serve check bench clean

$(VENV)/.site-deps: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

## make site: regenerate docs/ from seeds/ and build the site into build/site/
site: $(VENV)/.site-deps
	$(BIN)/python -m scripts build

## make test: the whole test suite (unit, end-to-end build, gold sample, fidelity audit)
test: $(VENV)/.test-deps
	$(BIN)/python -m pytest

## make serve: live preview at http://127.0.0.1:8000
serve: $(VENV)/.site-deps
	$(BIN)/python -m scripts serve

## make check: the fidelity audit of build/site/ against the seeds
check: $(VENV)/.site-deps
	$(BIN)/python -m scripts check

## make bench: time and memory of the pipeline and the MkDocs build (see BENCHMARKS.md)
bench: $(VENV)/.site-deps
	$(BIN)/python -m benchmarks.bench

clean:
	rm -rf build $(VENV)
