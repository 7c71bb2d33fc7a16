# Liaison: `make run` serves the demo, `make test` runs every test.
# Both install what is missing (Debian packages, npm modules) and build first.

SHELL := /bin/bash
MAKEFLAGS += --no-print-directory
.DEFAULT_GOAL := build

PRESET        ?= release
BUILD_DIR     := build/$(PRESET)
JOBS          ?= $(shell nproc)
PYTHON        ?= /usr/bin/python3
DEMO_DIR      ?= build/demo-data
DEMO_PASSWORD ?= liaison-demo-2026
LISTEN        ?= 127.0.0.1:8080

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

DEB_PACKAGES := build-essential cmake pkg-config \
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev \
  libsqlite3-dev sqlite3 libsodium-dev libssl-dev libpq-dev libspdlog-dev libcli11-dev \
  libtomlplusplus-dev libgtest-dev libgmock-dev libbenchmark-dev \
  python3-pytest python3-requests python3-websockets chromium openssl \
  postgresql-15-postgis-3

WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig.json -type f 2>/dev/null)

.PHONY: deps build run test unit-test api-test web-test e2e-test bench-test clean asan bench

## deps: install missing Debian packages and the console's npm modules (idempotent)
deps: build/.deps-apt web/node_modules/.stamp

build/.deps-apt: Makefile
	@missing=$$(for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v node >/dev/null && command -v npm >/dev/null || \
	  { echo "Node.js 20.19+ and npm are needed for the console"; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' || \
	  { echo "Node.js 20.19 or newer is needed (found $$(node --version))"; exit 1; }
	@mkdir -p build && touch $@

web/node_modules/.stamp: web/package-lock.json build/.deps-apt
	cd web && npm ci --no-audit --no-fund
	@touch $@

## build: the server at build/liaison and the console at web/dist
build: deps build/liaison web/dist/index.html

build/liaison: deps FORCE
	@cmake --preset $(PRESET) >/dev/null
	cmake --build $(BUILD_DIR) -j$(JOBS)
	@cp -f $(BUILD_DIR)/liaison build/liaison

web/dist/index.html: web/node_modules/.stamp $(WEB_SOURCES) web/package.json
	cd web && npm run build

FORCE:

## run: seed the demo (first time) and serve it on http://127.0.0.1:8080
run: build
	@build/liaison demo --data $(DEMO_DIR) --password $(DEMO_PASSWORD) --sample-requests
	@echo
	@echo "Open http://$(LISTEN) and log in, e.g. as pasf.jenin, isf.jenin or ussc.duty, password $(DEMO_PASSWORD)"
	@echo "Stop with Ctrl-C."
	@exec build/liaison serve --data $(DEMO_DIR) --listen $(LISTEN)

## test: every test (unit, API, console unit, browser, the engine against PostGIS)
test: build unit-test api-test web-test e2e-test bench-test
	@echo "all test suites passed"

unit-test: build/liaison
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j$(JOBS)

api-test: build/liaison
	LIAISON_BIN=$(CURDIR)/build/liaison $(PYTHON) -m pytest -q tests/api

web-test: web/node_modules/.stamp
	cd web && npm test

e2e-test: build
	tests/e2e/run.sh

## bench-test: a small deconfliction benchmark whose conflict sets must equal PostGIS's, on a
## throwaway PostgreSQL (bench/postgis.sh); fails on any difference, never on timing
bench-test: build/liaison
	bench/postgis.sh build/liaison bench deconflict --active 20000 --checks 1000 \
	  --postgis {dsn} --postgis-checks 1000

## bench: the shipped benchmarks (figures; no timing is asserted, only that PostGIS agrees)
bench: build
	@command -v wrk >/dev/null || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
	build/liaison bench writer --commands 20000 --clients 64
	build/liaison bench requests --requests 20000 --clients 32
	bench/http_load.sh 10 64
	build/liaison bench stream --clients 1000 --rate 50 --seconds 10
	build/liaison bench personnel --persons 100000 --iterations 100
	bench/postgis.sh build/liaison bench deconflict --active 100000 --checks 10000 \
	  --postgis {dsn} --postgis-checks 1000

## asan: unit tests under AddressSanitizer and UBSan
asan: deps
	cmake --preset asan >/dev/null
	cmake --build build/asan -j$(JOBS)
	ctest --test-dir build/asan --output-on-failure -j$(JOBS)

clean:
	rm -rf build web/dist
