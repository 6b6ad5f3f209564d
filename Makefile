# Two commands do everything on a fresh machine: `make site` and `make test`.
# Each creates .venv and installs the pinned, hashed dependencies it needs, and syncs them
# when a lock file, or the way this file installs them, changes (a package dropped from a lock
# is removed): Python packages from requirements*.lock, with their bytecode (through uv, itself
# pinned by hash in requirements-bootstrap.lock); for the tests also npm packages from
# package-lock.json (`npm ci --ignore-scripts`) and the few programs neither can give (Node,
# Java, Chromium, epubcheck) from Debian's packages through .ci/system-deps. Nothing is
# installed by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
#: --compile-bytecode: the packages' bytecode written once, when they are installed. Where the
#: environment sets PYTHONDONTWRITEBYTECODE (as containers and CI images often do), Python never
#: writes it, and each build compiled MkDocs, Material, Jinja, Markdown and Beautiful Soup from
#: their source again: seconds of every build.
SYNC   := $(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode
NPM_CI := npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
#: the edition's own bytecode, for the same reason (Python checks it against each source, so an
#: edited module is compiled again, in memory where the environment says so)
PYC    := $(BIN)/python -m compileall -q scripts
#: makes `scripts` importable by every tool in the venv (mkdocs.yml names its Markdown extension)
PTH    := $(BIN)/python -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'reading-edition.pth').write_text(str(pathlib.Path.cwd()) + '\n')"
LINT   := scripts tests benchmarks

.PHONY: site test test-fast lint serve check bench lock clean python-check test-tools

## the one Python check, first: the floor the README names, and venv support
python-check:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "make: Python 3.11 or newer is needed, found: $$($(PYTHON) --version 2>&1 || echo 'no $(PYTHON)'). Fix: apt-get install python3 (Debian 12 has 3.11), or make PYTHON=/path/to/python3.11" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  echo "make: $(PYTHON) cannot make a virtual environment (no ensurepip). Fix: apt-get install python3-venv" >&2; exit 1; }

$(VENV)/.bootstrap: requirements-bootstrap.lock | python-check
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
	  -r requirements-bootstrap.lock
	touch $@

# a venv that has the test packages keeps them when the site's lock changes
$(VENV)/.site-deps: $(VENV)/.bootstrap requirements.lock Makefile
	$(SYNC) requirements.lock $(if $(wildcard $(VENV)/.test-deps),requirements-test.lock)
	$(PTH)
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-test.lock Makefile
	$(SYNC) requirements.lock requirements-test.lock
	$(PTH)
	touch $@

# npm packages for the tests: axe-core and the HTML checker (no install scripts run)
node_modules/.installed-lock.json: package.json package-lock.json
	$(NPM_CI)
	cp package-lock.json $@

test-tools:
	.ci/system-deps node java chromium epubcheck

## make site: regenerate docs/ from seeds/ and build the site into build/site/
site: $(VENV)/.site-deps
	$(PYC)
	$(BIN)/python -m scripts build

## make test: the linter, then the whole test suite (unit, end-to-end build, gold sample,
## fidelity audit, and the browser gates: Chromium end to end, axe, the Nu HTML Checker, links,
## reproducibility, hostile input)
test: test-tools $(VENV)/.test-deps node_modules/.installed-lock.json lint
	$(BIN)/python -m pytest

## make test-fast: the linter and every test that neither builds the site, nor starts a browser,
## nor needs the npm and Java tools (so it runs on a fresh clone with Python alone)
test-fast: $(VENV)/.test-deps lint
	$(BIN)/python -m pytest -m "not site and not browser and not tools"

lint: $(VENV)/.test-deps
	$(BIN)/ruff check $(LINT)

## make serve: live preview at http://127.0.0.1:8000
serve: $(VENV)/.site-deps
	$(BIN)/python -m scripts serve

## make check: the links, the markup and the fidelity audit of build/site/ against the seeds
check: $(VENV)/.site-deps
	$(BIN)/python -m scripts check

## make bench: time and memory of the pipeline and the full build (its stage times), the whole build
## at 1x, 10x and 50x the report (benchmarks/scale.py, issue 15: 50x takes tens of minutes), then every
## page's Lighthouse scores (served gzipped and uncompressed), page weights and the offline search
## timing of a fresh build (see BENCHMARKS.md). Lighthouse comes from
## benchmarks/lighthouse's lock file (`npm ci`, again only when that lock changes); it and the search
## timing (Playwright, from the test lock) run Debian's Chromium.
bench: test-tools $(VENV)/.test-deps node_modules/.installed-lock.json
	cd benchmarks/lighthouse && { cmp -s package-lock.json node_modules/.installed-lock.json || \
	  { $(NPM_CI) && cp package-lock.json node_modules/.installed-lock.json; }; }
	$(BIN)/python -m benchmarks.bench
	$(BIN)/python -m benchmarks.scale --k 1 10 50
	$(BIN)/python -m benchmarks.web

## make lock: the locks again from pyproject.toml, keeping every pin that still fits, for the
## oldest Python the README names (3.11.0); hashes for every file a pin may install
lock: $(VENV)/.bootstrap
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11.0 --generate-hashes --quiet --no-annotate \
	  -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11.0 --generate-hashes --quiet \
	  --no-annotate -c requirements.lock -o requirements-test.lock

clean:
	rm -rf build $(VENV) node_modules benchmarks/lighthouse/node_modules
