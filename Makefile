# rmbench-site — build, test, benchmark. Every target installs missing system packages first.
SHELL := /bin/bash
SWIFT ?= swift
# Real public data for the real-data tests (skipped with a message when absent).
RMBENCH_SHARED_DATA ?= $(abspath ../shared/data)
export RMBENCH_SHARED_DATA

APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libssl-dev

.PHONY: deps build test site bench clean browser-test fuzz

## deps: install the system libraries (idempotent; apt-get as root, sudo otherwise)
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing" >&2; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

## test: the whole suite (unit tests and, when ../shared/data exists, the real-data tests)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

## site: build the default Data/ into Site/
site: deps
	$(SWIFT) build
	$$($(SWIFT) build --show-bin-path)/rmbench-site build --data Data --templates Templates --output Site
	@echo "Open Site/index.html in a browser (file:// works), or serve Site/ from any static host." >&2

## bench: reader MB/s, `score` against Python's json.load + the official loop, and site build times
bench: deps
	$(SWIFT) build -c release --product rmbench-bench
	$(SWIFT) build -c release --product rmbench-site
	scripts/bench.sh "$$($(SWIFT) build -c release --show-bin-path)"
	scripts/bench-site.sh "$$($(SWIFT) build -c release --show-bin-path)" 50

## fuzz: libFuzzer on the input readers for SECONDS (default 60); see scripts/fuzz.sh
SECONDS ?= 60
fuzz: deps
	scripts/fuzz.sh $(SECONDS)

## browser-test: the default site in headless Chromium (installs chromium, chromium-driver, selenium);
## screenshots go to browser-screenshots/
browser-test: deps
	SWIFT="$(SWIFT)" scripts/browser-test.sh

clean:
	rm -rf .build
