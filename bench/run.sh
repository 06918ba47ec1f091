#!/usr/bin/env bash
# Benchmarks of bench/README.md: wrk against ritme on the seeded database, with nginx
# serving a static file of the same size in the same run as the reference, and raw
# single-row SQLite commits on the same disk as the reference for durable writes.
# Usage: bench/run.sh            (PEOPLE=10000 DAYS=1000 DURATION=15s CONNECTIONS=64)
set -euo pipefail
cd "$(dirname "$0")/.."

PEOPLE=${PEOPLE:-10000}
DAYS=${DAYS:-1000}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
RITME_PORT=${RITME_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
BUILD=${BUILD:-build/release}
DATA=bench/data
DB=${DB:-$DATA/seed-${PEOPLE}x${DAYS}.db}
source bench/lib.sh

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light curl >/dev/null; break; }
done
[ "${SKIP_BUILD:-0}" = 1 ] || cmake --build "$BUILD" --target ritme bench_sqlite_commits >/dev/null

mkdir -p "$DATA" bench/results
if [ ! -f "$DB" ]; then
  echo "Seeding $PEOPLE people x $DAYS days into $DB (once; kept for later runs)"
  /usr/bin/time -f "seed: %e s, %M KiB max resident" "$BUILD/ritme" dev seed --db "sqlite:$DB" --people "$PEOPLE" --days "$DAYS" --password "$PASSWORD"
fi

work=$(mktemp -d)
cleanup() {
  [ -n "${ritme_pid:-}" ] && kill "$ritme_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_ritme "$DB" "$RITME_PORT"
log_in "$RITME_PORT"
token=$RITME_TOKEN
base="http://127.0.0.1:$RITME_PORT/api/v1"

# nginx serves a static file exactly as large as the diary answer.
mkdir -p "$work/www"
curl -fs -H "Authorization: Bearer $token" "$base/diary?limit=20" >"$work/www/diary.json"
size=$(stat -c %s "$work/www/diary.json")
# ... and another as large as the dashboard ("Vandaag") of that person.
curl -fs -H "Cookie: $RITME_COOKIE" -H 'Accept-Language: nl' "http://127.0.0.1:$RITME_PORT/" >"$work/www/dashboard.html"
dashboard_size=$(stat -c %s "$work/www/dashboard.html")
cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work; uwsgi_temp_path $work; scgi_temp_path $work;
  server { listen 127.0.0.1:$NGINX_PORT; root $work/www; }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.3

result="bench/results/$(date -u +%Y-%m-%dT%H%MZ).txt"
{
  echo "# $(date -u +%FT%TZ) on $(nproc) cores; $PEOPLE people x $DAYS days; wrk -t2 -c$CONNECTIONS -d$DURATION --latency"
  echo "## body size: $size bytes"
  for run in 1 2; do
    echo "## run $run: nginx static file"
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$NGINX_PORT/diary.json"
    echo "## run $run: GET /api/v1/diary?limit=20"
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk/bearer_get.lua "$base/diary?limit=20"
  done
  echo "## dashboard body size: $dashboard_size bytes"
  for run in 1 2; do
    echo "## run $run: nginx static file as large as the dashboard"
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$NGINX_PORT/dashboard.html"
    echo "## run $run: GET / (the dashboard of a person with $DAYS diary days)"
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk/cookie_get.lua "http://127.0.0.1:$RITME_PORT/"
  done
  echo "## raw single-row SQLite commits on the same disk (WAL, synchronous=FULL)"
  rm -f "$DATA/commits.db"*
  "$BUILD/bench_sqlite_commits" "$DATA/commits.db" 5000
  echo "## PUT /api/v1/diary/{day}"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk/diary_put.lua "$base/diary/"
  echo "## raw single-row SQLite commits again, after"
  rm -f "$DATA/commits.db"*
  "$BUILD/bench_sqlite_commits" "$DATA/commits.db" 5000
} 2>&1 | tee "$result"
echo "Saved $result"
