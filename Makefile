# Spiegel — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= Pipeline.yml
VENV := .venv
PYTHON := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libxlsxwriter-dev zlib1g-dev pkg-config python3-venv time

.PHONY: deps run test fuzz bench format format-check clean

## deps: install what building and testing need (apt packages, a Python venv with openpyxl and frictionless)
deps: $(VENV)/.installed
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing$$missing with apt-get"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	else echo "deps: apt packages present ($(APT_PACKAGES))"; fi

$(VENV)/.installed: requirements-dev.txt
	@command -v python3 >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3 python3-venv; }
	@python3 -m venv $(VENV) 2>/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && python3 -m venv $(VENV); }
	@echo "deps: installing Python test tools into $(VENV) (openpyxl, frictionless)"
	@$(PYTHON) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

## run: build the release binary and run the nightly job on the sample data into Reports/
run: deps
	$(SWIFT) build -c release --product spiegel
	@test -f .spiegel-key || ./.build/release/spiegel keygen --output .spiegel-key
	./.build/release/spiegel run --config $(CONFIG) || [ $$? -eq 3 ]

## test: build and run the whole test suite
test: deps
	SPIEGEL_PYTHON=$(abspath $(PYTHON)) $(SWIFT) build --build-tests
	SPIEGEL_PYTHON=$(abspath $(PYTHON)) $(SWIFT) test --skip-build

## fuzz: the export mutation run at scale (FUZZ_MUTANTS, default 50,000 CSV and XLSX mutants; `make test` runs 2,000)
FUZZ_MUTANTS ?= 50000
fuzz: deps
	SPIEGEL_PYTHON=$(abspath $(PYTHON)) $(SWIFT) build --build-tests
	SPIEGEL_PYTHON=$(abspath $(PYTHON)) SPIEGEL_FUZZ_MUTANTS=$(FUZZ_MUTANTS) $(SWIFT) test --skip-build --filter ExportMutationTests

## bench: the whole job against a DuckDB peer, the workbooks against libxlsxwriter alone, memory per 100,000 forms; writes docs/benchmarks.md (about 15 min on an idle machine; BENCH_ARGS=--quick: a couple of minutes)
bench: deps
	$(SWIFT) build -c release --product spiegel
	@$(PYTHON) -c "import duckdb, yaml" 2>/dev/null || $(PYTHON) -m pip install -q --disable-pip-version-check duckdb pyyaml
	$(PYTHON) scripts/bench.py $(BENCH_ARGS)

## format: rewrite Sources/ and Tests/ in the project's style (.swift-format)
format:
	$(SWIFT) format --in-place --recursive --parallel Sources Tests Package.swift

## format-check: fail when a file is not in the project's style (CI runs it)
format-check:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Package.swift

clean:
	rm -rf .build $(VENV)
