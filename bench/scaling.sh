#!/usr/bin/env bash
# The figures of docs/SCALING.md, in one run on one machine: the bench/ scenarios
# (GET /api/v1/diary?limit=20, PUT /api/v1/diary/{day}) against
#   1. one node on SQLite,
#   2. one node on PostgreSQL,
#   3. two nodes on that PostgreSQL database behind nginx (round robin),
# with the same seeded data in both databases (`ritme copy`) and a durable PostgreSQL
# (fsync on). Usage: bench/scaling.sh   (PEOPLE=1000 DAYS=365 DURATION=15s CONNECTIONS=64)
set -euo pipefail
cd "$(dirname "$0")/.."

PEOPLE=${PEOPLE:-1000}
DAYS=${DAYS:-365}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
BUILD=${BUILD:-build/release}
DATA=bench/data
DB="$DATA/seed-${PEOPLE}x${DAYS}.db"
PASSWORD=seed-password-2026
PERSON=persoon00002@voorbeeld.nl

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light curl >/dev/null; break; }
done
[ "${SKIP_BUILD:-0}" = 1 ] || cmake --build "$BUILD" --target ritme >/dev/null

mkdir -p "$DATA" bench/results
if [ ! -f "$DB" ]; then
  echo "Seeding $PEOPLE people x $DAYS days into $DB"
  "$BUILD/ritme" dev seed --db "sqlite:$DB" --people "$PEOPLE" --days "$DAYS" --password "$PASSWORD" >/dev/null
fi

work=$(mktemp -d)
pg_state="$work/pg"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  tests/pg/with_postgres.sh stop "$pg_state" || true
  rm -rf "$work"
}
trap cleanup EXIT

pg_url=$(RITME_PG_DURABLE=1 tests/pg/with_postgres.sh start "$pg_state")
echo "Copying $DB to PostgreSQL"
/usr/bin/time -f "copy: %e s" "$BUILD/ritme" copy --from "sqlite:$DB" --to "$pg_url"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
serve() {  # serve DB_URL PORT
  "$BUILD/ritme" serve --db "$1" --listen "127.0.0.1:$2" 2>>"$work/ritme-$2.log" &
  pids+=($!)
  for _ in $(seq 200); do curl -fs "http://127.0.0.1:$2/healthz" >/dev/null && return; sleep 0.1; done
  echo "node on port $2 did not start" >&2; exit 1
}
token_at() {  # token_at PORT
  local base="http://127.0.0.1:$1/api/v1" login csrf
  login=$(curl -fs -c "$work/cookies-$1" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$PERSON\",\"password\":\"$PASSWORD\"}" "$base/auth/login")
  csrf=$(printf '%s' "$login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
  curl -fs -b "$work/cookies-$1" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"name":"bench"}' "$base/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

sqlite_port=$(free_port); serve "sqlite:$DB" "$sqlite_port"
pg_port=$(free_port); serve "$pg_url" "$pg_port"
pg_second_port=$(free_port); serve "$pg_url" "$pg_second_port"
gateway_port=$(free_port)
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work; uwsgi_temp_path $work; scgi_temp_path $work;
  upstream ritme { server 127.0.0.1:$pg_port; server 127.0.0.1:$pg_second_port; keepalive 64; }
  server {
    listen 127.0.0.1:$gateway_port;
    location / { proxy_pass http://ritme; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.3

sqlite_token=$(token_at "$sqlite_port")
pg_token=$(token_at "$pg_port")
export RITME_LAST_DAY=$(( $(date -u -d "$(date -u +%F)" +%s) - 2 * 86400 ))

result="bench/results/scaling-$(date -u +%Y-%m-%dT%H%MZ).txt"
{
  echo "# $(date -u +%FT%TZ) on $(nproc) cores; $PEOPLE people x $DAYS days; wrk -t2 -c$CONNECTIONS -d$DURATION --latency"
  for target in "sqlite one node:$sqlite_port:$sqlite_token" "postgresql one node:$pg_port:$pg_token" \
                "postgresql two nodes behind nginx:$gateway_port:$pg_token"; do
    IFS=: read -r name port token <<<"$target"
    export RITME_TOKEN=$token
    echo "## $name: GET /api/v1/diary?limit=20"
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk/bearer_get.lua "http://127.0.0.1:$port/api/v1/diary?limit=20"
    echo "## $name: PUT /api/v1/diary/{day}"
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk/diary_put.lua "http://127.0.0.1:$port/api/v1/diary/"
  done
} 2>&1 | tee "$result"
echo "Saved $result"
