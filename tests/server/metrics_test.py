"""/metrics against the real server: on the main port only with an admin's bearer token
(401 anonymous, 403 for a member); with `--metrics-listen HOST:PORT` (or
RITME_METRICS_LISTEN) a second listener answers GET /metrics without a token and nothing
else; a malformed address is refused at start.

    python3 tests/server/metrics_test.py --binary build/release/ritme
"""

import argparse
import subprocess
import sys

from raw_http import Checks, one, request_bytes
from ritme_server import API, RitmeServer, free_port


def get(port, path, token=None):
    headers = [("Authorization", "Bearer " + token)] if token else []
    return one(port, request_bytes("GET", path, headers))


def run(checks, binary, label, serve_args=(), environment=None, metrics_port=None):
    server = RitmeServer(binary, label="metrics", serve_args=list(serve_args), environment=environment)
    try:
        server.start()
        admin = server.setup_admin()
        member = server.add_actor("member")
        port = server.port
        checks.check(get(port, "/metrics").status == 401, "%s: anonymous /metrics on the main port: 401" % label)
        checks.check(get(port, "/metrics", member.token).status == 403, "%s: a member's token: 403" % label)
        answer = get(port, "/metrics", admin.token)
        checks.check(answer.status == 200 and "ritme_http_requests_total" in answer.text,
                     "%s: an admin's bearer token: 200 with the counts" % label)
        if metrics_port is None:
            return
        answer = get(metrics_port, "/metrics")
        checks.check(answer.status == 200 and 'route="/metrics",method="GET",status="401"' in answer.text,
                     "%s: the metrics listener answers without a token, the main port's requests counted" % label)
        checks.check((answer.header("Content-Type") or "").startswith("text/plain"), "%s: as Prometheus text" % label)
        for path in ("/healthz", API + "/me", "/", API + "/openapi.json"):
            refused = get(metrics_port, path, admin.token)
            checks.check(refused.status == 404, "%s: the metrics listener serves nothing else: %s %d"
                         % (label, path, refused.status))
        posted = one(metrics_port, request_bytes("POST", "/metrics", [("Content-Length", "0")]))
        checks.check(posted.status == 405, "%s: POST /metrics there: 405 (%d)" % (label, posted.status))
    finally:
        if checks.failures:
            print(server.log_tail(10))
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    arguments = parser.parse_args()
    checks = Checks()
    run(checks, arguments.binary, "no metrics listener")
    port = free_port()
    run(checks, arguments.binary, "--metrics-listen", ["--metrics-listen", "127.0.0.1:%d" % port], metrics_port=port)
    port = free_port()
    run(checks, arguments.binary, "RITME_METRICS_LISTEN", environment={"RITME_METRICS_LISTEN": "127.0.0.1:%d" % port},
        metrics_port=port)
    result = subprocess.run([arguments.binary, "serve", "--db", "sqlite::memory:", "--listen", "127.0.0.1:%d" % free_port(),
                             "--metrics-listen", "metrics.example"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=30)
    said = result.stderr.decode("utf-8", errors="replace")
    checks.check(result.returncode != 0 and "--metrics-listen" in said,
                 "a malformed --metrics-listen is refused at start (%d: %s)" % (result.returncode, said.strip()[:120]))
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
