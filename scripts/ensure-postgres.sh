#!/usr/bin/env bash
# A throw-away PostgreSQL for the live-session store tests (`make test` uses it).
#
#   bash scripts/ensure-postgres.sh              start one; print its SQLAlchemy URL on stdout (nothing else)
#   bash scripts/ensure-postgres.sh --stop URL   stop the server behind URL and delete its folder
#
# 1. Debian's postgresql, installed with apt when we are root and it is missing (like ensure-browser.sh).
#    No system-wide "main" cluster is created or started: the tests bring their own.
# 2. A fresh cluster in a folder under /tmp, listening only on a unix socket inside that folder: no TCP
#    port to clash with, and only its owner (and root) can connect. The server refuses to run as root,
#    so as root it runs as the `postgres` user that Debian's package creates.
# 3. Durability is off (fsync, synchronous_commit): the data is deleted after the run anyway.
#
# When PostgreSQL is missing and cannot be installed (not root, no apt), it says so on stderr, prints
# no URL and exits 0: the tests then skip their PostgreSQL variants and say why.
set -euo pipefail

say() { echo "ensure-postgres: $*" >&2; }

as_owner() {
  # Run a server command as the cluster's owner: `postgres` when we are root, else ourselves.
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

find_bindir() {
  # Debian keeps the server programs out of PATH, one folder per major version; take the newest.
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return 0
  fi
  return 1
}

if [ "${1:-}" = "--stop" ]; then
  url="${2:?usage: ensure-postgres.sh --stop URL}"
  socket="${url##*host=}"
  socket="${socket%%&*}"
  base="${socket%/socket}"
  case "$base" in
    /tmp/harm-repair-pg.*) ;;
    *) say "not a URL this script printed: $url"; exit 2 ;;
  esac
  if [ -d "$base/data" ] && bindir="$(find_bindir)"; then
    (cd "$base" && as_owner "$bindir/pg_ctl" -D "$base/data" -m immediate -w stop >/dev/null 2>&1) || true
  fi
  rm -rf "$base"
  exit 0
fi

if ! bindir="$(find_bindir)"; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's postgresql for the live-session store tests..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql-common >&2
    # Before the server package arrives: do not create (and start) a system-wide cluster.
    sed -ri 's/^#?[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' \
      /etc/postgresql-common/createcluster.conf
    apt-get install -y -qq --no-install-recommends postgresql >&2
    bindir="$(find_bindir)"
  else
    say "PostgreSQL is not installed and cannot be installed here (needs root and apt-get);"
    say "the PostgreSQL variants of the tests will be skipped."
    exit 0
  fi
fi

base="$(mktemp -d /tmp/harm-repair-pg.XXXXXX)"
mkdir "$base/socket"
if [ "$(id -u)" = "0" ]; then
  chown -R postgres: "$base"
fi
chmod 700 "$base" "$base/socket"
cd "$base"
as_owner "$bindir/initdb" -D "$base/data" -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync \
  >"$base/initdb.log" 2>&1 || { cat "$base/initdb.log" >&2; exit 1; }
cat >>"$base/data/postgresql.conf" <<EOF
# Written by scripts/ensure-postgres.sh: a throw-away cluster for tests.
listen_addresses = ''
unix_socket_directories = '$base/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
as_owner "$bindir/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 start >/dev/null \
  || { cat "$base/server.log" >&2; exit 1; }
as_owner "$bindir/createdb" -h "$base/socket" -U postgres harm_repair_test >&2
echo "postgresql+psycopg://postgres@/harm_repair_test?host=$base/socket"
