"""`ritme serve --log-level` (and RITME_LOG_LEVEL), against the real server: the log
holds the lines of that level and above, and nothing below it. info (the default) has a
line per request but not the probes (/healthz), debug has those too, warn has neither,
error not even the warnings; an unknown level is refused at start.

    python3 tests/server/log_level_test.py --binary build/release/ritme
"""

import argparse
import json
import os
import subprocess
import sys
import time

from raw_http import Checks
from ritme_server import API, RitmeServer

RANK = {"debug": 0, "info": 1, "warning": 2, "warn": 2, "error": 3, "critical": 4}


def log_records(server):
    records = []
    for line in list(server.stderr_lines):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and "level" in record:
            records.append(record)
    return records


def run_at(checks, binary, label, serve_args=(), environment=None):
    server = RitmeServer(binary, label="log", serve_args=list(serve_args), environment=environment)
    try:
        server.start()
        server.request("GET", API + "/openapi.json")
        server.request("GET", "/healthz")
        server.request("POST", API + "/auth/login", body={"email": "nobody@example.test", "password": "wrong-wrong"})
        time.sleep(0.3)  # the last lines on their way through the pipe
        return log_records(server)
    finally:
        if checks.failures:
            print(server.log_tail(10))
        server.stop()


def events(records, event, level=None):
    return [r for r in records if r.get("event") == event and (level is None or r.get("level") == level)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    arguments = parser.parse_args()
    checks = Checks()

    default = run_at(checks, arguments.binary, "default")
    checks.check(events(default, "listening", "info"), "default (info): the listening line")
    checks.check(events(default, "setup_token", "warning"), "default: the set-up token (a warning)")
    requests = events(default, "request")
    checks.check(any(r.get("route") == API + "/openapi.json" for r in requests), "default: a line per request")
    checks.check(not any(r.get("route") == "/healthz" for r in requests), "default: no line for a probe")
    checks.check(events(default, "login_failed", "info"), "default: the failed login")

    debug = run_at(checks, arguments.binary, "debug", ["--log-level", "debug"])
    checks.check(any(r.get("route") == "/healthz" and r.get("level") == "debug" for r in events(debug, "request")),
                 "--log-level debug: the probe's line too, at debug")

    warn = run_at(checks, arguments.binary, "warn", environment={"RITME_LOG_LEVEL": "warn"})
    checks.check(events(warn, "setup_token"), "RITME_LOG_LEVEL=warn: the set-up token")
    checks.check(all(RANK.get(r["level"], -1) >= RANK["warn"] for r in warn),
                 "RITME_LOG_LEVEL=warn: nothing below warn (%s)" % sorted({r["level"] for r in warn}))
    checks.check(not events(warn, "request") and not events(warn, "listening"), "warn: no request or listening lines")

    error = run_at(checks, arguments.binary, "error", ["--log-level", "error"])
    checks.check(all(RANK.get(r["level"], -1) >= RANK["error"] for r in error),
                 "--log-level error: nothing below error (%d lines)" % len(error))

    # The flag wins over the environment.
    flag = run_at(checks, arguments.binary, "flag", ["--log-level", "debug"], {"RITME_LOG_LEVEL": "error"})
    checks.check(events(flag, "listening"), "--log-level debug beats RITME_LOG_LEVEL=error")

    for serve_args, environment in ((["--log-level", "loud"], {}), ([], {"RITME_LOG_LEVEL": "trace"})):
        result = subprocess.run([arguments.binary, "serve", "--db", "sqlite::memory:", "--listen", "127.0.0.1:1"]
                                + serve_args, env=dict(os.environ, **environment), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=30)
        said = result.stderr.decode("utf-8", errors="replace")
        checks.check(result.returncode != 0 and "log-level" in said,
                     "an unknown level %s is refused at start (%d: %s)" % (serve_args or environment, result.returncode,
                                                                         said.strip()[:120]))
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
