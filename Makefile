# Two commands do everything on a fresh machine: `make site` and `make test`.
# Each creates .venv and installs the pinned dependencies it needs (re-installing when a
# lock file changes): Python packages from requirements*.lock; for the tests also npm
# packages from package-lock.json and the few programs neither can give (Node, Java,
# Chromium) from Debian's packages through .ci/system-deps. Nothing is installed by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
NPM_CI := npm ci --no-audit --no-fund --loglevel=error

.PHONY: site test serve check bench clean test-tools

$(VENV)/.site-deps: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

# npm packages for the tests: axe-core and the HTML checker
node_modules/.installed-lock.json: package.json package-lock.json
	$(NPM_CI)
	cp package-lock.json $@

test-tools:
	.ci/system-deps node java chromium

## make site: regenerate docs/ from seeds/ and build the site into build/site/
site: $(VENV)/.site-deps
	$(BIN)/python -m scripts build

## make test: the whole test suite (unit, end-to-end build, gold sample, fidelity audit, and the
## browser gates: Chromium end to end, axe, the Nu HTML Checker, links, reproducibility)
test: test-tools $(VENV)/.test-deps node_modules/.installed-lock.json
	$(BIN)/python -m pytest

## make serve: live preview at http://127.0.0.1:8000
serve: $(VENV)/.site-deps
	$(BIN)/python -m scripts serve

## make check: the fidelity audit of build/site/ against the seeds
check: $(VENV)/.site-deps
	$(BIN)/python -m scripts check

## make bench: time and memory of the pipeline and the MkDocs build, then Lighthouse scores and
## page weight of a fresh build (see BENCHMARKS.md). Lighthouse comes from benchmarks/lighthouse's
## lock file (`npm ci`, again only when that lock changes); it runs Debian's Chromium.
bench: test-tools $(VENV)/.site-deps node_modules/.installed-lock.json
	cd benchmarks/lighthouse && { cmp -s package-lock.json node_modules/.installed-lock.json || \
	  { $(NPM_CI) && cp package-lock.json node_modules/.installed-lock.json; }; }
	$(BIN)/python -m benchmarks.bench
	$(BIN)/python -m benchmarks.web

clean:
	rm -rf build $(VENV) node_modules benchmarks/lighthouse/node_modules
