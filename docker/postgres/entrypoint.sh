#!/bin/sh
# Makes the cluster on first start (superuser POSTGRES_USER with POSTGRES_PASSWORD, database POSTGRES_DB; passwords
# for network clients, trust on the socket inside the container as in the official image), then runs PostgreSQL in
# the foreground. Written for this image only: the official image's entry point comes with its own PostgreSQL build,
# which a machine without Docker Hub cannot download.
set -eu
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "POSTGRES_PASSWORD is not set: it is the password of '$user', the account the portal connects with" >&2
    exit 1
  fi
  password_file=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$password_file"
  initdb --username="$user" --pwfile="$password_file" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$password_file"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    echo "CREATE DATABASE \"$database\" OWNER \"$user\";" | postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "Created the cluster in $PGDATA: database $database, owner $user"
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
