# Shared by the bench scripts (sourced): a server on a seeded database and a bearer token
# for the seed's persoon00002@voorbeeld.nl. Needs BUILD, work (a temp folder) and a port.
PASSWORD=${PASSWORD:-seed-password-2026}
PERSON=${PERSON:-persoon00002@voorbeeld.nl}

# start_ritme DB PORT: serves DB in the background (ritme_pid), waits for /healthz.
start_ritme() {
  "$BUILD/ritme" serve --db "sqlite:$1" --listen "127.0.0.1:$2" 2>>"$work/ritme.log" &
  ritme_pid=$!
  for _ in $(seq 600); do curl -fs "http://127.0.0.1:$2/healthz" >/dev/null && return 0; sleep 0.1; done
  echo "ritme did not answer on port $2" >&2
  return 1
}

# log_in PORT: exports RITME_TOKEN, RITME_COOKIE and RITME_LAST_DAY for the wrk scripts.
log_in() {
  local base="http://127.0.0.1:$1/api/v1" login csrf
  login=$(curl -fs -c "$work/cookies" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$PERSON\",\"password\":\"$PASSWORD\"}" "$base/auth/login")
  csrf=$(printf '%s' "$login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
  RITME_TOKEN=$(curl -fs -b "$work/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"name":"bench"}' "$base/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  RITME_COOKIE="ritme_session=$(awk '$6 == "ritme_session" {print $7}' "$work/cookies")"
  RITME_LAST_DAY=$(( $(date -u -d "$(date -u +%F)" +%s) - 2 * 86400 ))
  export RITME_TOKEN RITME_COOKIE RITME_LAST_DAY
}
