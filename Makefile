# calendar-build — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ROOT ?= .# the calendar project to build, e.g. ROOT=examples/berlin
# Debian packages: WeasyPrint's libraries (harfbuzz-subset makes font subsetting fast), fonts for every
# script we print (Noto; CJK only as the source of a subset), Fogra's FOGRA39 data (icc-profiles-free) and
# ArgyllCMS (argyll) to make the print profile from it, Ghostscript, MuPDF and Poppler (poppler-utils: the tests
# read text and pages with a third renderer) to check the print PDF,
# Chromium and Node.js for the website's browser tests (axe-core comes from npm, see package.json).
APT_PACKAGES := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libjpeg62-turbo \
	fonts-noto-core fonts-noto-cjk libgs-common fontconfig icc-profiles-free argyll ghostscript mupdf-tools \
	poppler-utils chromium nodejs

.PHONY: help install calendar test test-full bench bench-serve snapshots photos preview site serve clean messages

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

install: $(VENV)/.installed node_modules/.installed ## Install system packages (Debian), virtualenv, Python and npm dependencies
	@# byte-compile our package: start-up is part of every build, and PYTHONDONTWRITEBYTECODE may be set
	@$(PY) -m compileall -q calendar_build
	@# the gettext catalogues of the languages (calendar_build/i18n/locale/<lang>/LC_MESSAGES/calendar.po -> .mo)
	@$(VENV)/bin/pybabel -q compile -d calendar_build/i18n/locale -D calendar
	@# the FOGRA39 profile made from Fogra's data with colprof (once, about 40 s; see render/condition.py)
	@$(PY) -m calendar_build.render.condition

$(VENV)/.installed: pyproject.toml Makefile
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installiere Systempakete: $$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# npm: Debian's package, unless a Node.js that brings its own (NodeSource) is installed already
node_modules/.installed: package.json package-lock.json $(VENV)/.installed
	@command -v npm >/dev/null || { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

preview: install photos ## PNG previews (PAGES=1,5-6 for some pages; ROOT=examples/wien for an example)
	$(PY) -m calendar_build preview --root $(ROOT) $(if $(PAGES),--pages $(PAGES))

photos: install ## Generate placeholder photos of sample portraits (ROOT=examples/… also copies catalogue, templates)
	$(PY) tools/example_project.py $(ROOT)

calendar: install photos ## Install everything and build print PDF, screen PDF, ICS (ROOT=examples/berlin: an example)
	$(PY) -m calendar_build build --variant all --root $(ROOT)

# The tests' temporary folders (about 300 copies of the sample project, the builds, the caches: 1 GB a run) lie in
# memory where the machine has /dev/shm: on ext4, creating their files cost a sixth of the quick run's time
# (measured side by side: 116 and 125 s against 136 and 151 s). Only the last run's folders are kept.
TEST_TMP := $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm || echo $${TMPDIR:-/tmp})
PYTEST := TMPDIR=$(TEST_TMP) env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest -q -p no:cacheprovider \
	-o tmp_path_retention_count=1 -n auto --dist loadgroup

test: install photos ## Type-check (mypy, strict) and run the quick tests (under two minutes on two cores)
	@# pytest keeps the test modules it rewrote for its assertions (tests/__pycache__): 3 s less per worker
	@# in every later run, also where PYTHONDONTWRITEBYTECODE is set.
	@# mypy runs beside the tests (in a fresh checkout 6.5 s on one core, later 0.3 s: it fills the cores the
	@# workers leave idle while they start and finish); its verdict follows theirs, and either failing fails.
	@typed=$$(mktemp); echo "$(PY) -m mypy (beside the tests)"; $(PY) -m mypy > "$$typed" 2>&1 & mypy=$$!; \
	echo '$(PYTEST) -m "not full"'; $(PYTEST) -m "not full"; tests=$$?; \
	wait $$mypy; types=$$?; cat "$$typed"; rm -f "$$typed"; test $$tests -eq 0 -a $$types -eq 0

test-full: install photos ## The rest: every product, language and year, other regions, every renderer, faults
	$(PYTEST) -m full

bench: install photos ## Run the benchmarks (timings and memory, printed side by side; then bench-serve)
	$(PY) tools/bench.py
	$(PY) tools/bench_serve.py

bench-serve: install photos ## Measure how fast `serve` reloads a page in the browser after a change
	$(PY) tools/bench_serve.py

site: install photos ## Write the website of the default edition (output/YEAR/site/)
	$(PY) -m calendar_build site

serve: install photos ## Live preview of site and print pages on http://127.0.0.1:8000/
	$(PY) -m calendar_build serve

snapshots: install ## Regenerate the golden holiday tables (review the diff!)
	$(PY) tools/snapshots.py

messages: install ## Extract the texts of program and templates and update every language's catalogue
	@mkdir -p .cache
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k _ -k gettext -k N_ --no-location --sort-output -o .cache/calendar.pot .
	$(VENV)/bin/pybabel -q update -i .cache/calendar.pot -d calendar_build/i18n/locale -D calendar --no-fuzzy-matching -w 100

clean: ## Remove generated output and caches
	rm -rf output .cache
