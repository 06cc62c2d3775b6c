# rmbench-site — build, test, benchmark. Every target installs missing system packages first.
SHELL := /bin/bash
SWIFT ?= swift
# Real public data for the real-data tests (skipped with a message when absent).
RMBENCH_SHARED_DATA ?= $(abspath ../shared/data)
export RMBENCH_SHARED_DATA

# jq and python3-yaml: the tests run `init`'s workflows offline (scripts/run-workflow.py).
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libssl-dev jq python3-yaml

# install / dist
PREFIX ?= /usr/local
VERSION := $(shell sed -n 's/.*current = "\(.*\)"/\1/p' Sources/RMBenchSite/ToolVersion.swift)
# Scratch folders: the release build for install/site, and the static one for dist, kept apart
# so neither rebuilds the other's objects.
RELEASE_BUILD ?= .build
DIST_BUILD ?= .build-dist
DIST_DIR ?= dist
DIST_NAME := rmbench-site-$(VERSION)-linux-x86_64
# cmark-gfm and libcrypto from Debian's static archives: a folder holding only the .a files and
# a libcmark-gfm.pc naming it. SwiftPM puts a pkg-config library folder first on the link line
# (before -Xlinker flags), so with PKG_CONFIG_PATH there -lcmark-gfm… and -lcrypto find the
# archives; the extensions come first because the static link resolves in order.
DIST_LIBS := $(DIST_BUILD)/static-libs
STATIC_ARCHIVES := libcmark-gfm.a libcmark-gfm-extensions.a libcrypto.a
LIBDIR := $(shell gcc -print-multiarch 2>/dev/null | sed 's|^|/usr/lib/|')

.PHONY: deps build test site bench clean browser-test fuzz release install dist

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

## release: the optimised binary (what install and site use; `score` is ~20× faster than debug)
release: deps
	$(SWIFT) build -c release --product rmbench-site --scratch-path $(RELEASE_BUILD)

## install: the release binary to $(PREFIX)/bin (templates are inside it; nothing else is installed)
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 "$$($(SWIFT) build -c release --scratch-path $(RELEASE_BUILD) --show-bin-path)/rmbench-site" "$(DESTDIR)$(PREFIX)/bin/rmbench-site"
	"$(DESTDIR)$(PREFIX)/bin/rmbench-site" --version

## dist: a self-contained binary for CI (Swift runtime, cmark-gfm and libcrypto linked in; only
## glibc, libstdc++ and libgcc_s from the system), as $(DIST_DIR)/$(DIST_NAME).tar.gz and its
## .sha256; scripts/check-dist.sh then checks ldd and runs it alone in an empty folder.
dist: deps
	mkdir -p "$(DIST_LIBS)/pkgconfig"
	for a in $(STATIC_ARCHIVES); do ln -sf "$(LIBDIR)/$$a" "$(DIST_LIBS)/$$a"; done
	printf 'libdir=%s\nName: libcmark-gfm\nDescription: cmark-gfm from its static archives\nVersion: 0.29.0\nLibs: -L$${libdir} -lcmark-gfm-extensions -lcmark-gfm\nCflags:\n' \
	  "$(abspath $(DIST_LIBS))" > "$(DIST_LIBS)/pkgconfig/libcmark-gfm.pc"
	PKG_CONFIG_PATH="$(abspath $(DIST_LIBS))/pkgconfig" \
	  $(SWIFT) build -c release --product rmbench-site --scratch-path $(DIST_BUILD) --static-swift-stdlib
	rm -rf "$(DIST_DIR)/$(DIST_NAME)" && mkdir -p "$(DIST_DIR)/$(DIST_NAME)/bin"
	install -m 755 "$$($(SWIFT) build -c release --scratch-path $(DIST_BUILD) --show-bin-path)/rmbench-site" "$(DIST_DIR)/$(DIST_NAME)/bin/"
	strip "$(DIST_DIR)/$(DIST_NAME)/bin/rmbench-site"
	tar -C "$(DIST_DIR)" --owner=0 --group=0 --numeric-owner -czf "$(DIST_DIR)/$(DIST_NAME).tar.gz" "$(DIST_NAME)"
	cd "$(DIST_DIR)" && sha256sum "$(DIST_NAME).tar.gz" > "$(DIST_NAME).tar.gz.sha256"
	scripts/check-dist.sh "$(DIST_DIR)/$(DIST_NAME).tar.gz"

## site: build the default Data/ into Site/ with the release binary (built-in templates)
site: release
	"$$($(SWIFT) build -c release --scratch-path $(RELEASE_BUILD) --show-bin-path)/rmbench-site" build --data Data --output Site
	@echo "Open Site/index.html in a browser (file:// works), or serve Site/ from any static host." >&2

## bench: reader MB/s and the five performance targets (cold and no-change builds against
## Python's json.load + the official loop, peak RSS, rank bootstrap scaling, `score`), each
## with its measured ratio and PASS/MISSED; scripts/bench.sh says how each is measured
bench: deps
	$(SWIFT) build -c release --product rmbench-bench
	$(SWIFT) build -c release --product rmbench-site
	scripts/bench.sh "$$($(SWIFT) build -c release --show-bin-path)"

## fuzz: libFuzzer on the input readers for SECONDS (default 60); see scripts/fuzz.sh
SECONDS ?= 60
fuzz: deps
	scripts/fuzz.sh $(SECONDS)

## browser-test: the default site in headless Chromium (installs chromium, chromium-driver, selenium);
## screenshots go to browser-screenshots/
browser-test: deps
	SWIFT="$(SWIFT)" scripts/browser-test.sh

clean:
	rm -rf .build $(DIST_BUILD) $(DIST_DIR)
