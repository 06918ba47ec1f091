#!/usr/bin/env bash
# The write-ahead log's size under writes, the first minutes after start, and the stop:
# on a seeded database (DB=PATH, which this changes: give it a copy), runs the PUT load
# RUNS times from the moment the server answers, sampling the WAL file every 0.2 s, then
# lets the upkeep merge the search index for MERGE seconds, then stops the server with
# SIGTERM; prints requests/s of each run, the largest and the last WAL size of each phase,
# and how long the stop took.
# Usage: DB=copy-of-a-seed.db bench/wal.sh     (RUNS=2 DURATION=15s CONNECTIONS=64 MERGE=60)
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DB:?DB=PATH of a seeded database (ritme dev seed), which the run changes}"
RUNS=${RUNS:-2}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
MERGE=${MERGE:-60}
RITME_PORT=${RITME_PORT:-18090}
BUILD=${BUILD:-build/release}
source bench/lib.sh

work=$(mktemp -d)
cleanup() {
  [ -n "${sampler_pid:-}" ] && kill "$sampler_pid" 2>/dev/null || true
  [ -n "${ritme_pid:-}" ] && kill "$ritme_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
wal_bytes() { stat -c %s "$DB-wal" 2>/dev/null || echo 0; }
# Samples the WAL's size into $work/samples until killed.
sample() { while :; do wal_bytes >>"$work/samples"; sleep 0.2; done; }
# phase NAME: the largest and the last sample since the previous phase.
phase() {
  local largest last
  largest=$(sort -n "$work/samples" | tail -1)
  last=$(wal_bytes)
  echo "$1: WAL largest $(mib "${largest:-0}"), after $(mib "$last")"
  : >"$work/samples"
}

echo "# $(date -u +%FT%TZ) on $(nproc) cores; $(du -h --apparent-size "$DB" | cut -f1) database; WAL before: $(mib "$(wal_bytes)")"
: >"$work/samples"
sample &
sampler_pid=$!
started=$(date +%s.%N)
start_ritme "$DB" "$RITME_PORT"
echo "server answered after $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
log_in "$RITME_PORT"
for run in $(seq "$RUNS"); do
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk/diary_put.lua \
    "http://127.0.0.1:$RITME_PORT/api/v1/diary/" >"$work/wrk"
  echo "PUT run $run: $(awk '/Requests\/sec/ {print $2}' "$work/wrk") requests/s, p50 $(awk '$1 == "50%" {print $2}' "$work/wrk"), p99 $(awk '$1 == "99%" {print $2}' "$work/wrk")"
  phase "PUT run $run"
done
sleep "$MERGE"
phase "$MERGE s of upkeep (search index merges)"
stopping=$(date +%s.%N)
kill -TERM "$ritme_pid"
wait "$ritme_pid" || true
ritme_pid=
echo "SIGTERM to exit: $(awk -v s="$stopping" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s; WAL left: $(mib "$(wal_bytes)")"
