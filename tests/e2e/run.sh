#!/usr/bin/env bash
# Browser tests: seeds a demo data directory, starts the real server on a free
# loopback port, drives the console in Debian's Chromium (the console test,
# then the deconfliction test with two parties and the coordinator, then the
# messaging test with two parties in a crisis room), and stops the server.
# Screenshots land in build/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
password="e2e-password-2026"
build/liaison demo --data "$work/data" --password "$password" >/dev/null
build/liaison serve --data "$work/data" --listen 127.0.0.1:0 >"$work/out" 2>"$work/err" &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q '^listening on ' "$work/out" 2>/dev/null && break
  sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$work/out" | head -1)
[ -n "$url" ] || { echo "server did not start:"; cat "$work/err"; exit 1; }
mkdir -p build/screenshots
shots="$(pwd)/build/screenshots"
cd web
# The tests run against the same server; the script fails if any does.
status=0
BASE_URL="$url" E2E_USER=pasf.jenin E2E_PASSWORD="$password" SCREENSHOT_DIR="$shots" npm run --silent e2e || status=1
BASE_URL="$url" E2E_PASSWORD="$password" SCREENSHOT_DIR="$shots" npm run --silent e2e:deconfliction || status=1
BASE_URL="$url" E2E_PASSWORD="$password" SCREENSHOT_DIR="$shots" npm run --silent e2e:messaging || status=1
exit "$status"
