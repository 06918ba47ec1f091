"""TLS ended by a proxy in front, against the real server: without --behind-tls the
session cookie has no Secure and no Strict-Transport-Security is sent; with it (or with
RITME_BEHIND_TLS=1) both are; with --trusted-proxy 127.0.0.1 the client's address and
scheme come from X-Forwarded-For / X-Forwarded-Proto when the connection comes from
127.0.0.1, and are ignored when it comes from 127.0.0.2 (another loopback address). The
address is seen where the server uses it: login throttling by address.

    python3 tests/server/proxy_test.py --binary build/release/ritme
"""

import argparse
import json
import sys

import raw_http
from raw_http import Checks, one, request_bytes
from ritme_server import API, RitmeServer

TRUSTED = "127.0.0.1"
UNTRUSTED = "127.0.0.2"
MAX_TRIES = 150  # failed logins from one address before its throttle must have begun


def login(port, actor, source=TRUSTED, headers=()):
    body = json.dumps({"email": actor.email, "password": actor.password}).encode()
    return one(port, request_bytes("POST", API + "/auth/login", [("Content-Type", "application/json")] + list(headers),
                                   body), source=source)


def failed_login(port, number, source, headers=()):
    body = json.dumps({"email": "nobody-%d@example.test" % number, "password": "wrong-wrong-wrong"}).encode()
    return one(port, request_bytes("POST", API + "/auth/login", [("Content-Type", "application/json")] + list(headers),
                                   body), source=source).status


def session_cookie(answer):
    for value in answer.header_values("Set-Cookie"):
        if value.startswith("ritme_session="):
            return value
    return None


def cookie_and_hsts(checks, binary):
    for label, serve_args, environment, secure in (
            ("no flag", [], {}, False),
            ("--behind-tls", ["--behind-tls"], {}, True),
            ("RITME_BEHIND_TLS=1", [], {"RITME_BEHIND_TLS": "1"}, True)):
        server = RitmeServer(binary, label="tls", serve_args=serve_args, environment=environment)
        try:
            server.start()
            admin = server.setup_admin()
            answer = login(server.port, admin)
            cookie = session_cookie(answer) or ""
            checks.check(answer.status == 200 and ("; Secure" in cookie) == secure,
                         "%s: the session cookie is %sSecure (%s)" % (label, "" if secure else "not ", cookie))
            for path in ("/healthz", "/", API + "/nothing"):
                hsts = one(server.port, request_bytes("GET", path)).header("Strict-Transport-Security")
                checks.check((hsts == "max-age=31536000") == secure,
                             "%s: GET %s %s Strict-Transport-Security (%s)" % (label, path, "has" if secure else "has no", hsts))
            refused = one(server.port, request_bytes("GET", "/healthz", host=None))
            checks.check((refused.header("Strict-Transport-Security") is not None) == secure,
                         "%s: the server's own 400 likewise" % label)
            # Not trusted: a forwarded scheme changes nothing.
            forwarded = login(server.port, admin, headers=[("X-Forwarded-Proto", "https")])
            checks.check(("; Secure" in (session_cookie(forwarded) or "")) == secure,
                         "%s, no trusted proxy: X-Forwarded-Proto: https is ignored" % label)
        finally:
            if checks.failures:
                print(server.log_tail(15))
            server.stop()


def forwarded_headers(checks, binary):
    server = RitmeServer(binary, label="proxy", serve_args=["--trusted-proxy", TRUSTED, "--trusted-proxy", "10.0.0.0/8"])
    try:
        server.start()
        admin = server.setup_admin()
        port = server.port

        # The scheme.
        answer = login(port, admin, TRUSTED, [("X-Forwarded-Proto", "https")])
        checks.check("; Secure" in (session_cookie(answer) or "") and answer.header("Strict-Transport-Security"),
                     "from the trusted proxy, X-Forwarded-Proto: https: Secure cookie and HSTS")
        answer = login(port, admin, TRUSTED, [("X-Forwarded-Proto", "http")])
        checks.check("; Secure" not in (session_cookie(answer) or "") and not answer.header("Strict-Transport-Security"),
                     "from the trusted proxy, X-Forwarded-Proto: http: neither")
        answer = login(port, admin, UNTRUSTED, [("X-Forwarded-Proto", "https")])
        checks.check("; Secure" not in (session_cookie(answer) or "") and not answer.header("Strict-Transport-Security"),
                     "from an untrusted peer, a forged X-Forwarded-Proto: https is ignored")

        # The address. Failures from one untrusted peer with ever other forged client
        # addresses: all counted on the peer, so its throttle begins.
        number = 0
        statuses = []
        for attempt in range(MAX_TRIES):
            number += 1
            statuses.append(failed_login(port, number, UNTRUSTED, [("X-Forwarded-For", "203.0.113.%d" % (attempt % 250))]))
            if statuses[-1] == 429:
                break
        checks.check(statuses[-1] == 429,
                     "an untrusted peer forging X-Forwarded-For is throttled as itself after %d failures" % len(statuses))
        number += 1
        status = failed_login(port, number, UNTRUSTED, [("X-Forwarded-For", "198.51.100.77")])
        checks.check(status == 429, "a new forged address from it changes nothing (%d)" % status)
        answer = login(port, admin, TRUSTED)
        checks.check(answer.status == 200, "the trusted proxy's own address is not throttled by that (%d)" % answer.status)

        # From the trusted proxy the forwarded client is the address.
        statuses = []
        for attempt in range(MAX_TRIES):
            number += 1
            statuses.append(failed_login(port, number, TRUSTED, [("X-Forwarded-For", "203.0.113.9")]))
            if statuses[-1] == 429:
                break
        checks.check(statuses[-1] == 429, "through the trusted proxy, client 203.0.113.9 is throttled after %d failures"
                     % len(statuses))
        answer = login(port, admin, TRUSTED, [("X-Forwarded-For", "203.0.113.10")])
        checks.check(answer.status == 200, "another client through the same proxy signs in (%d)" % answer.status)
        answer = login(port, admin, TRUSTED)
        checks.check(answer.status == 200, "the proxy's own address is not throttled (%d)" % answer.status)
        answer = login(port, admin, TRUSTED, [("X-Forwarded-For", "203.0.113.9, 10.1.2.3")])
        checks.check(answer.status == 429, "203.0.113.9 behind a second trusted proxy is still 203.0.113.9 (%d)"
                     % answer.status)
        answer = login(port, admin, TRUSTED, [("X-Forwarded-For", "203.0.113.9, 203.0.113.11")])
        checks.check(answer.status == 200,
                     "a client forging 203.0.113.9 in front of its own address is its own address (%d)" % answer.status)
    finally:
        if checks.failures:
            print(server.log_tail(15))
        server.stop()

    bad = RitmeServer(binary, label="badproxy", serve_args=["--trusted-proxy", "proxy.example"])
    try:
        bad.start(timeout=10)
        checks.check(False, "a trusted proxy that is not an address is refused at start")
    except Exception as error:  # noqa: BLE001 (ServerError: it exited)
        checks.check("proxy.example" in str(error), "a trusted proxy that is not an address is refused at start, named")
    finally:
        bad.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    arguments = parser.parse_args()
    checks = Checks()
    cookie_and_hsts(checks, arguments.binary)
    forwarded_headers(checks, arguments.binary)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
