# calendar-build — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
YEAR ?= $(shell $(PYTHON) -c 'import datetime; print(datetime.date.today().year + 1)')
# Debian packages: WeasyPrint's libraries (harfbuzz-subset makes font subsetting fast), fonts for every
# script we print (Noto; CJK only as the source of a subset), a free CMYK profile (ghostscript's SWOP).
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libjpeg62-turbo \
	fonts-noto-core fonts-noto-cjk libgs-common fontconfig

.PHONY: help install calendar test bench snapshots photos clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

install: $(VENV)/.installed ## Install system packages (Debian), virtualenv and Python dependencies

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

photos: install ## Generate the sample edition's placeholder photos
	$(PY) tools/make_sample_photos.py

calendar: install photos ## Install everything and build the default edition (next year)
	$(PY) -m calendar_build build --year $(YEAR)

test: install photos ## Run the test suite
	$(PY) -m pytest -q

bench: install photos ## Run the benchmarks (timings and memory, printed side by side)
	$(PY) tools/bench.py

snapshots: install ## Regenerate the golden holiday tables (review the diff!)
	for y in 2026 2027 2028 2029 2030; do \
	  $(PY) -m calendar_build holidays --year $$y --format json > tests/snapshots/holidays-$$y.json || exit 1; \
	done

clean: ## Remove generated output and caches
	rm -rf output .cache
