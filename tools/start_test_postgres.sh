#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the test suite (CI and developers), idempotently.
#
#   PROPDESK_TEST_DATABASE_URL=$(tools/start_test_postgres.sh)   # prints only the URL on stdout
#
# Works as root on a fresh Debian: installs the `postgresql` package when missing, runs initdb and
# pg_ctl as the `postgres` user into $PGDATA (default /tmp/propdesk-pgdata) on $PGPORT (default 5433),
# trusts local connections only, creates the database $PGDATABASE (default propdesk_test).
# Running it again with the server up does nothing but print the export line.
set -euo pipefail

PGPORT="${PGPORT:-5433}"
PGDATA="${PGDATA:-/tmp/propdesk-pgdata}"
PGDATABASE="${PGDATABASE:-propdesk_test}"
SOCKDIR="${PGSOCKDIR:-/tmp}"

log() { echo "start_test_postgres: $*" >&2; }

find_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
    done
    return 1
}

BINDIR="$(find_bindir || true)"
if [ -z "$BINDIR" ]; then
    log "installing postgresql (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    BINDIR="$(find_bindir)"
fi

# as_pg CMD...: run as the postgres user (initdb/postgres refuse to run as root)
as_pg() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    log "initdb into $PGDATA"
    mkdir -p "$PGDATA"
    [ "$(id -u)" = "0" ] && chown postgres: "$PGDATA"
    chmod 700 "$PGDATA"
    as_pg "$BINDIR/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2 \
        || as_pg "$BINDIR/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C >&2
fi

if ! as_pg "$BINDIR/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    log "starting server on port $PGPORT"
    as_pg "$BINDIR/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
        -o "-p $PGPORT -k $SOCKDIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >&2
fi

for _ in $(seq 1 30); do
    "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" && break
    sleep 1
done

if ! "$BINDIR/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -Atqc \
        "SELECT 1 FROM pg_database WHERE datname = '$PGDATABASE'" postgres | grep -q 1; then
    log "creating database $PGDATABASE"
    "$BINDIR/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres -E UTF8 -T template0 "$PGDATABASE"
fi

# (pg_dump for the backup tests comes with the package: /usr/bin/pg_dump)
echo "postgresql+psycopg://postgres@127.0.0.1:$PGPORT/$PGDATABASE"
