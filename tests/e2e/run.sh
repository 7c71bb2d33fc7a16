#!/usr/bin/env bash
# Browser tests: seeds a demo data directory, starts the real server on a free
# loopback port, drives the console in Debian's Chromium (the console test,
# then the deconfliction test with two parties and the coordinator, then the
# messaging test with two parties in a crisis room, then the personnel test:
# an HR officer imports a CSV and sees the rank pyramid), and stops the server.
# The training test (a trainer's enrolment refused, with the reason) runs on a
# second server whose demo holds the sample programmes (--sample-requests).
# Screenshots land in build/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
server_pid=""
sample_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$sample_pid" ]; then kill "$sample_pid" 2>/dev/null || true; wait "$sample_pid" 2>/dev/null || true; fi
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
BASE_URL="$url" E2E_PASSWORD="$password" SCREENSHOT_DIR="$shots" npm run --silent e2e:personnel || status=1
# The training test reads the demo's sample courses, sessions and clearances,
# seeded with --sample-requests as `make run` does. The tests above expect a
# demo without sample records, so it has a server of its own.
cd ..
build/liaison demo --data "$work/sample" --password "$password" --sample-requests >/dev/null
build/liaison serve --data "$work/sample" --listen 127.0.0.1:0 >"$work/sample.out" 2>"$work/sample.err" &
sample_pid=$!
for _ in $(seq 1 100); do
  grep -q '^listening on ' "$work/sample.out" 2>/dev/null && break
  sleep 0.1
done
sample_url=$(sed -n 's/^listening on //p' "$work/sample.out" | head -1)
if [ -n "$sample_url" ]; then
  (cd web && BASE_URL="$sample_url" E2E_PASSWORD="$password" SCREENSHOT_DIR="$shots" npm run --silent e2e:training) || status=1
else
  echo "sample server did not start:"; cat "$work/sample.err"; status=1
fi
exit "$status"
