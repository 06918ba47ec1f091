#!/usr/bin/env bash
# A private PostgreSQL server for the tests: its own cluster in a temporary folder, run by
# an unprivileged user, on a free loopback port and a private socket folder, with trust
# authentication for the user `ritme` (nobody else can reach it), and a database `ritme`.
#
#   with_postgres.sh COMMAND [ARG...]   start a cluster, run COMMAND with RITME_TEST_PG_URL
#                                       set, stop and remove the cluster (also on failure)
#   with_postgres.sh start STATE_DIR    start a cluster that outlives this script; its URL
#                                       goes to STATE_DIR/url (ctest's fixture set-up)
#   with_postgres.sh exec STATE_DIR COMMAND [ARG...]
#                                       run COMMAND with RITME_TEST_PG_URL of that cluster
#   with_postgres.sh stop STATE_DIR     stop and remove it (ctest's fixture clean-up)
#
# Installs Debian's `postgresql` package first when no server is installed. As root the
# server runs as the system user `ritme-pg` (made when missing): PostgreSQL refuses root.
set -euo pipefail

say() { echo "with_postgres: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

server_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    say "installing the postgresql package"
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends postgresql >&2
    found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$found"
}

# The user the server runs as: this one, or, for root, an unprivileged system user.
server_user() {
  if [ "$(id -u)" -ne 0 ]; then id -un; return; fi
  if ! id ritme-pg >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin ritme-pg >&2 \
      || { echo nobody; return; }
  fi
  echo ritme-pg
}

as_server_user() {
  local user=$1
  shift
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start STATE_DIR: the cluster's files go to a folder of their own under /tmp (the server's
# user must own them and reach them); STATE_DIR keeps url, data (that folder's path), user.
start_cluster() {
  local state=$1 bin user data port
  mkdir -p "$state"
  stop_cluster "$state"  # one left over from a run that was killed
  bin=$(server_bin)
  user=$(server_user)
  data=$(mktemp -d /tmp/ritme-pg-XXXXXX)
  mkdir -p "$data/socket"
  chmod 700 "$data"
  [ "$(id -u)" -ne 0 ] || chown -R "$user" "$data"
  echo "$data" >"$state/data"
  echo "$user" >"$state/user"
  echo "$bin" >"$state/bin"

  as_server_user "$user" "$bin/initdb" -D "$data/cluster" -U ritme --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 --no-sync >"$data/initdb.log" 2>&1 || { cat "$data/initdb.log" >&2; return 1; }
  # Only loopback, a socket folder of its own; durability traded for speed (a test
  # cluster), unless RITME_PG_DURABLE=1 (benchmarks: every commit reaches the disk).
  cat >>"$data/cluster/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data/socket'
max_connections = 300
log_min_messages = warning
CONF
  if [ "${RITME_PG_DURABLE:-0}" = 1 ]; then
    echo "shared_buffers = 1GB" >>"$data/cluster/postgresql.conf"
  else
    printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nshared_buffers = 64MB\n' \
      >>"$data/cluster/postgresql.conf"
  fi
  local attempt
  for attempt in 1 2 3; do
    port=$(free_port)
    if as_server_user "$user" "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -o "-p $port" -w -t 60 \
         start >/dev/null 2>&1; then
      echo "$port" >"$state/port"
      "$bin/psql" -q -h 127.0.0.1 -p "$port" -U ritme -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE ritme" >/dev/null
      echo "postgresql://ritme@127.0.0.1:$port/ritme" >"$state/url"
      cat "$state/url"
      return 0
    fi
    say "could not start on port $port (attempt $attempt)"
  done
  tail -n 20 "$data/server.log" >&2 || true
  return 1
}

stop_cluster() {
  local state=$1 data user bin
  [ -f "$state/data" ] || return 0
  data=$(cat "$state/data")
  user=$(cat "$state/user")
  bin=$(cat "$state/bin")
  if [ -f "$data/cluster/postmaster.pid" ]; then
    as_server_user "$user" "$bin/pg_ctl" -D "$data/cluster" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$data" in /tmp/ritme-pg-*) rm -rf "$data" ;; esac
  rm -f "$state/url" "$state/data" "$state/user" "$state/bin" "$state/port"
}

exec_with() {
  local state=$1
  shift
  [ -f "$state/url" ] || { say "no cluster running for $state (run: $0 start $state)"; return 1; }
  RITME_TEST_PG_URL=$(cat "$state/url")
  export RITME_TEST_PG_URL
  "$@"
}

case "${1:-}" in
  start) start_cluster "$2" >/dev/null && cat "$2/url" ;;
  stop) stop_cluster "$2" ;;
  exec) state=$2; shift 2; exec_with "$state" "$@" ;;
  "" | -h | --help) sed -n '2,16p' "$0"; exit 2 ;;
  *)
    state=$(mktemp -d /tmp/ritme-pg-state-XXXXXX)
    trap 'stop_cluster "$state"; rm -rf "$state"' EXIT
    trap 'exit 130' INT TERM
    start_cluster "$state" >/dev/null
    status=0
    exec_with "$state" "$@" || status=$?
    exit "$status"
    ;;
esac
