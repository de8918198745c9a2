# Set-up and the two jobs: `make demo` translates input/ into output/,
# `make test` runs the test suite. Both install what they need first.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# torch is pulled in by argostranslate (through stanza). Pin it so pip does not
# pick a multi-GB CUDA build; set TORCH_INDEX to PyTorch's CPU wheel index
# (https://download.pytorch.org/whl/cpu) where that index is reachable.
TORCH_SPEC ?= torch==2.13.0
TORCH_INDEX ?=
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEBIAN_PACKAGES := apertium apertium-eng-spa python3-venv
TEST_DEBIAN_PACKAGES := chromium chromium-driver

.PHONY: demo test system-deps test-system-deps venv lint bench clean

demo: system-deps $(VENV)/.installed
	$(BIN)/bilingual translate input/ -o output/ -g glossaries/cuba-migration.csv --engine auto

test: system-deps test-system-deps $(VENV)/.installed-test
	$(BIN)/python -m pytest

system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

test-system-deps:
	@missing=""; for p in $(TEST_DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.torch: $(BIN)/python
	$(BIN)/pip install -q $(TORCH_SPEC) $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.torch
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

venv: $(VENV)/.installed-test

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(VENV)/.installed-test
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/run_all.py

clean:
	rm -rf output .pytest_cache tests/artifacts
