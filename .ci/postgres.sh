#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1:${PGPORT:-54329} for the test suite.
# Source it: it exports FRONTWATCH_TEST_POSTGRES_URL. Installs Debian's postgresql when missing.
set -euo pipefail
PGPORT="${PGPORT:-54329}"
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
DATA="$(mktemp -d /tmp/frontwatch-pg.XXXXXX)"
chown postgres "$DATA"
su postgres -c "$PGBIN/initdb -D $DATA -A trust -U postgres" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $DATA -w -l $DATA/server.log \
    -o '-p $PGPORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null
su postgres -c "$PGBIN/createdb -h 127.0.0.1 -p $PGPORT -U postgres frontwatch_test"
export FRONTWATCH_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/frontwatch_test"
echo "PostgreSQL $($PGBIN/postgres --version | awk '{print $3}') on 127.0.0.1:$PGPORT ($DATA)"
