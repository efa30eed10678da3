#!/usr/bin/env bash
# Start a throwaway PostgreSQL + PostGIS server for the tests and print the URL to use.
#
#   export EVENTATLAS_TEST_PG="$(scripts/ci_postgres.sh)"
#
# Installs postgresql-15 and postgresql-15-postgis-3 with apt when missing (needs root), initialises
# a cluster in $EVENTATLAS_PG_DIR (default /tmp/eventatlas-pg) owned by an unprivileged user (root
# cannot run postgres), starts it on 127.0.0.1:$EVENTATLAS_PG_PORT (default 54329) with trust auth,
# creates the database and the postgis and btree_gist extensions. Running it again reuses a running server.
# Everything but the final URL goes to stderr.
set -euo pipefail

PG_VERSION="${EVENTATLAS_PG_VERSION:-15}"
PGDIR="${EVENTATLAS_PG_DIR:-/tmp/eventatlas-pg}"
PORT="${EVENTATLAS_PG_PORT:-54329}"
DBNAME="${EVENTATLAS_PG_DB:-eventatlas_test}"
BIN="/usr/lib/postgresql/${PG_VERSION}/bin"

log() { echo "ci_postgres: $*" >&2; }

if [ ! -x "$BIN/pg_ctl" ] || [ ! -f "/usr/share/postgresql/${PG_VERSION}/extension/postgis.control" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        log "PostgreSQL ${PG_VERSION}/PostGIS missing and not root: install postgresql-${PG_VERSION} postgresql-${PG_VERSION}-postgis-3"
        exit 1
    fi
    log "installing postgresql-${PG_VERSION} and postgresql-${PG_VERSION}-postgis-3"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends "postgresql-${PG_VERSION}" "postgresql-${PG_VERSION}-postgis-3" >&2
fi

# The server must run as an unprivileged user.
if [ "$(id -u)" -eq 0 ]; then
    RUNAS="${EVENTATLAS_PG_USER:-postgres}"
    if ! id "$RUNAS" >/dev/null 2>&1; then
        useradd --system --home-dir "$PGDIR" --shell /bin/bash "$RUNAS"
    fi
    as_user() { runuser -u "$RUNAS" -- "$@"; }
else
    RUNAS="$(id -un)"
    as_user() { "$@"; }
fi

mkdir -p "$PGDIR"
if [ "$(id -u)" -eq 0 ]; then chown "$RUNAS" "$PGDIR"; fi
DATA="$PGDIR/data"
SOCKDIR="$PGDIR/socket"
as_user mkdir -p "$SOCKDIR"

if [ ! -f "$DATA/PG_VERSION" ]; then
    log "initdb in $DATA"
    as_user "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >&2
fi

if ! as_user "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    log "starting server on 127.0.0.1:$PORT"
    as_user "$BIN/pg_ctl" -D "$DATA" -l "$PGDIR/server.log" -w -t 60 \
        -o "-p $PORT -k $SOCKDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >&2
fi

psql_do() { as_user "$BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }
if ! psql_do -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'" | grep -q 1; then
    psql_do -d postgres -c "CREATE DATABASE $DBNAME" >&2
fi
psql_do -d "$DBNAME" -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2
psql_do -d "$DBNAME" -c "CREATE EXTENSION IF NOT EXISTS btree_gist" >&2

echo "postgresql://postgres@127.0.0.1:${PORT}/${DBNAME}"
