#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests of shared mode (RENKEI_TEST_PG).
#   scripts/pg-test-cluster.sh start   — creates it if missing, starts it if stopped, prints its postgres:// URL
#   scripts/pg-test-cluster.sh url     — prints the URL
#   scripts/pg-test-cluster.sh stop    — stops it and removes its folder
# The server refuses to run as root, so as root it runs as the `postgres` user Debian's package creates.
# Collation C: text sorts by code point, as SQLite sorts it, so both engines list things in one order.
set -euo pipefail

PORT="${RENKEI_PG_PORT:-55432}"
DIR="${RENKEI_PG_DIR:-/tmp/renkei-pg-test}"
BIN="${RENKEI_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"

if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  echo "PostgreSQL's server programs are not installed (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if [ ! -s "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
      chmod 700 "$DIR"
      as_owner "$BIN/initdb" -D "$DIR" -A trust -U postgres -E UTF8 --locale=C >"$DIR.initdb.log" 2>&1 ||
        { cat "$DIR.initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$DIR" -w -l "$DIR/server.log" \
        -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    fi
    echo "$URL"
    ;;
  url)
    echo "$URL"
    ;;
  stop)
    if [ -s "$DIR/PG_VERSION" ]; then
      as_owner "$BIN/pg_ctl" -D "$DIR" -w -m fast stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR" "$DIR.initdb.log"
    ;;
  *)
    echo "usage: $0 start|url|stop" >&2
    exit 2
    ;;
esac
