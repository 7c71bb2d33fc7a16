#!/usr/bin/env bash
# HTTP load on loopback: seeds a throwaway demo, starts the real server on a
# free port, and drives it with wrk for a fixed, bounded time. Prints wrk's
# figures; asserts nothing. Usage: bench/http_load.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-64}
command -v wrk >/dev/null || { echo "wrk is not installed (make bench installs it)"; exit 1; }
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
build/liaison demo --data "$work/d" --password bench-password-2026 --personnel 0 >/dev/null
sed -i 's/^io_threads = .*/io_threads = 2/' "$work/d/liaison.toml"
build/liaison serve --data "$work/d" --listen 127.0.0.1:0 >"$work/out" 2>/dev/null &
pid=$!
for _ in $(seq 1 100); do grep -q '^listening on ' "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/out")
cookie=$(curl -s -i -X POST "$url/api/v1/session" -H 'Content-Type: application/json' \
  -H 'X-Liaison-Request: 1' -d '{"username":"pasf.admin","password":"bench-password-2026"}' |
  sed -n 's/^Set-Cookie: \(liaison_session=[^;]*\).*/\1/p')
token=$(curl -s -X POST "$url/api/v1/tokens" -H "Cookie: $cookie" -H 'Content-Type: application/json' \
  -H 'X-Liaison-Request: 1' -d '{"name":"bench","username":"pasf.admin"}' |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
echo "== GET /healthz (no auth) =="
wrk -t2 -c"$conns" -d"${secs}s" --latency "$url/healthz" | sed -n '1,20p'
echo "== GET /api/v1/me (session cookie: cache hit, one read) =="
wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Cookie: $cookie" "$url/api/v1/me" | sed -n '1,20p'
echo "== GET /api/v1/parties (bearer token: token lookup + query) =="
wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Authorization: Bearer $token" "$url/api/v1/parties" | sed -n '1,20p'
