#!/usr/bin/env bash
# A throwaway PostgreSQL 15 with PostGIS on loopback, for one command.
#
# Usage: bench/postgis.sh [COMMAND [ARGS...]]
#
# Creates a cluster in a temporary directory, starts it on 127.0.0.1 on a free
# private port, creates the extensions postgis and btree_gist in the database
# `postgres`, and runs COMMAND with the connection string in the environment
# variable LIAISON_PG_DSN; an argument that is exactly `{dsn}` is replaced by
# it too. With no COMMAND it runs psql on the database. Whatever happens (the
# command fails, Ctrl-C, TERM), the server is stopped and the directory
# removed; the script exits with the command's status.
#
#   bench/postgis.sh build/liaison bench deconflict --active 20000 --checks 2000 --postgis {dsn}
#
# PostgreSQL refuses to run as root: as root the server runs as the `postgres`
# user, otherwise as the current user. Durability is off (fsync,
# full_page_writes, synchronous_commit): the data is thrown away.
# PG_SHARED_BUFFERS (default 1GB) sets shared_buffers.
set -uo pipefail

bin=/usr/lib/postgresql/15/bin
[ -x "$bin/postgres" ] || {
  echo "postgis.sh: PostgreSQL 15 is not installed (apt-get install postgresql-15-postgis-3)" >&2
  exit 2
}
[ -f /usr/share/postgresql/15/extension/postgis.control ] || {
  echo "postgis.sh: PostGIS is not installed (apt-get install postgresql-15-postgis-3)" >&2
  exit 2
}

dir=$(mktemp -d /tmp/liaison-pg.XXXXXX) || exit 2
as_server=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_server=(runuser -u postgres --)
fi
started=""
child=""

cleanup() {
  if [ -n "$started" ]; then
    "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      { [ -f "$dir/data/postmaster.pid" ] && kill -9 "$(head -1 "$dir/data/postmaster.pid")" 2>/dev/null; }
  fi
  rm -rf "$dir"
}
# The command runs in the background so that a signal to this script is
# handled at once (bash defers traps until a foreground command ends); it is
# passed on as TERM, since background commands ignore INT.
on_signal() {
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

if ! "${as_server[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale \
  >"$dir/initdb.log" 2>&1; then
  echo "postgis.sh: initdb failed:" >&2
  cat "$dir/initdb.log" >&2
  exit 2
fi

# A free port: try random private ones until the server binds one. Letting the
# server itself find out leaves no window for another process to take it.
port=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
  candidate=$((40000 + RANDOM % 20000))
  rm -f "$dir/server.log"
  if "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $candidate -k $dir -c listen_addresses=127.0.0.1 -c fsync=off \
        -c full_page_writes=off -c synchronous_commit=off -c max_wal_size=4GB \
        -c shared_buffers=${PG_SHARED_BUFFERS:-1GB}" start >/dev/null 2>&1; then
    port=$candidate
    started=1
    break
  fi
  # pg_ctl may give up waiting on a server that still runs: stop it before retrying.
  started=1
  "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  started=""
  grep -q 'could not bind\|Address already in use' "$dir/server.log" 2>/dev/null || break
done
if [ -z "$port" ]; then
  echo "postgis.sh: the server did not start:" >&2
  tail -20 "$dir/server.log" >&2
  exit 2
fi

dsn="host=127.0.0.1 port=$port user=postgres dbname=postgres"
if ! "$bin/psql" -X -q -v ON_ERROR_STOP=1 -d "$dsn" \
  -c 'CREATE EXTENSION postgis; CREATE EXTENSION btree_gist;' >/dev/null; then
  echo "postgis.sh: could not create the extensions postgis and btree_gist" >&2
  exit 2
fi

export LIAISON_PG_DSN="$dsn"
if [ $# -eq 0 ]; then
  "$bin/psql" -X -d "$dsn"
  exit $?
fi
args=()
for a in "$@"; do
  if [ "$a" = "{dsn}" ]; then args+=("$dsn"); else args+=("$a"); fi
done
"${args[@]}" <&0 &
child=$!
wait "$child"
exit $?
