#!/usr/bin/env bash
# Instructions per request, the same on every machine: valgrind's callgrind counts what
# the request handlers (ritme::http::Api::handle, Pages::handle) execute, on the seeded database of
# bench/run.sh, for the diary list, the dashboard and a PUT of a diary day.
# Usage: bench/callgrind.sh [BINARY]   (REQUESTS=30, DB=bench/data/seed-10000x1000.db)
set -euo pipefail
cd "$(dirname "$0")/.."

BINARY=${1:-build/release/ritme}
DB=${DB:-bench/data/seed-10000x1000.db}
REQUESTS=${REQUESTS:-30}
PORT=${PORT:-18090}
PASSWORD=seed-password-2026
PERSON=persoon00002@voorbeeld.nl
[ -f "$DB" ] || { echo "No seeded database at $DB: run bench/run.sh once first" >&2; exit 1; }
command -v valgrind >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
valgrind --tool=callgrind --collect-atstart=no --toggle-collect='ritme::http::Api::handle*' \
  --toggle-collect='ritme::http::Pages::handle*' \
  --callgrind-out-file="$work/callgrind.%p" "$BINARY" serve --db "sqlite:$DB" --listen "127.0.0.1:$PORT" --threads 1 \
  2>"$work/server.log" &
server=$!
for _ in $(seq 600); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

base="http://127.0.0.1:$PORT/api/v1"
csrf=$(curl -fs -c "$work/cookies" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$PERSON\",\"password\":\"$PASSWORD\"}" "$base/auth/login" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
token=$(curl -fs -b "$work/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"name":"callgrind"}' "$base/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
body=$(sed -n 's/^wrk.body = \[\[\(.*\)\]\]$/\1/p' bench/wrk/diary_put.lua)

list() { curl -fs -o /dev/null -H "Authorization: Bearer $token" "$base/diary?limit=20"; }
dashboard() { curl -fs -o /dev/null -b "$work/cookies" -H 'Accept-Language: nl-NL,nl;q=0.9' "http://127.0.0.1:$PORT/"; }
put() { curl -fs -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "$body" "$base/diary/$(date -u -d "-$((2 + $1 % 900)) days" +%F)"; }

pid=$(pgrep -f "callgrind.*--listen 127.0.0.1:$PORT" | head -n 1)
echo "# $(date -u +%FT%TZ) $BINARY on $DB, $REQUESTS requests each, instructions in Api::handle and Pages::handle"
for scenario in list dashboard put; do
  for i in 1 2 3; do "$scenario" "$i"; done  # warm: statements prepared, pages parsed
  callgrind_control -z "$pid" >/dev/null 2>&1
  for i in $(seq "$REQUESTS"); do "$scenario" "$i"; done
  callgrind_control -d "$scenario" "$pid" >/dev/null 2>&1
  file=$(ls -t "$work"/callgrind.*.* | head -n 1)
  total=$(callgrind_annotate "$file" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}')
  [ -z "${KEEP:-}" ] || cp "$file" "$KEEP/$scenario.callgrind"
  echo "$scenario: $((total / REQUESTS)) instructions per request"
done
