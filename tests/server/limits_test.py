"""HTTP limits against the real server, with raw sockets: bodies over 1 MiB (announced,
sent, or chunked) get 413, header fields over 16 KiB or more than 100 get 431, a target
over 16 KiB gets 414, a missing or doubled Host gets 400, a malformed request 400, each
with the API's JSON error; pipelined requests are each answered, in order, and a
pipelined PUT is run. After each bad request the server serves the next one.

    python3 tests/server/limits_test.py --binary build/release/ritme
"""

import argparse
import datetime
import json
import sys
import time

import raw_http
from raw_http import Checks, Conn, one, request_bytes
from ritme_server import API, RitmeServer

MIB = 1024 * 1024


def still_serving(checks, port, after):
    answer = one(port, request_bytes("GET", "/healthz"))
    checks.check(answer.status == 200, "after %s the server answers the next request (%d)" % (after, answer.status))


def refused(checks, answer, status, code, what):
    checks.check(answer.status == status and answer.error_code() == code,
                 "%s: %d with error %s (%r)" % (what, status, code, answer))
    checks.check((answer.header("Connection") or "").lower() == "close", "%s: the answer closes the connection" % what)


def bodies(checks, port, token):
    auth = [("Authorization", "Bearer %s" % token), ("Content-Type", "application/json")]
    day = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    path = API + "/diary/" + day

    text = json.dumps({"learning_moments": "x" * (MIB - 40)}).encode()
    text = text[:-2] + b" " * (MIB - len(text)) + text[-2:]
    assert len(text) == MIB
    answer = one(port, request_bytes("PUT", path, auth, text))
    checks.check(answer.status != 413, "a body of exactly 1 MiB is read, not refused (%d)" % answer.status)

    over = text[:-1] + b" }"
    assert len(over) == MIB + 1
    refused(checks, one(port, request_bytes("PUT", path, auth, over)), 413, "payload_too_large", "a body of 1 MiB + 1")
    still_serving(checks, port, "413")

    big = json.dumps({"learning_moments": "y" * (3 * MIB)}).encode()
    refused(checks, one(port, request_bytes("PUT", path, auth, big)), 413, "payload_too_large", "a body of 3 MiB sent whole")

    # Announced far larger than memory: answered at once, from the header alone.
    conn = Conn(port)
    started = time.monotonic()
    conn.send(request_bytes("PUT", path, auth + [("Content-Length", str(50 * 1024 * MIB))]) + b'{"learning_moments": "')
    answer = conn.answer()
    conn.close()
    refused(checks, answer, 413, "payload_too_large", "a body announced as 50 GiB")
    checks.check(time.monotonic() - started < 2, "the 50 GiB body is refused without waiting for it")

    chunk = b"z" * 65536
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(20)) + b"0\r\n\r\n"
    refused(checks, one(port, request_bytes("PUT", path, auth + [("Transfer-Encoding", "chunked")], chunked)),
            413, "payload_too_large", "a chunked body of 1.25 MiB")
    still_serving(checks, port, "a chunked 413")

    small = json.dumps({"learning_moments": "In stukjes verstuurd"}).encode()
    pieces = b"".join(b"%x\r\n%s\r\n" % (len(small[i:i + 7]), small[i:i + 7]) for i in range(0, len(small), 7))
    answer = one(port, request_bytes("PUT", path, auth + [("Transfer-Encoding", "chunked")], pieces + b"0\r\n\r\n"))
    checks.check(answer.status in (200, 201), "a small chunked body is read and the write done (%d)" % answer.status)
    answer = one(port, request_bytes("GET", path, auth[:1]))
    checks.check(answer.status == 200 and (answer.json or {}).get("learning_moments") == "In stukjes verstuurd",
                 "the chunked write is there")

    # Expect: 100-continue: the go-ahead before the body, or the 413 instead.
    conn = Conn(port)
    conn.send(request_bytes("PUT", path, auth + [("Expect", "100-continue"), ("Content-Length", str(len(small)))]))
    first = conn.answer()
    checks.check(first.status == 100, "Expect: 100-continue gets 100 Continue (%d)" % first.status)
    conn.send(small)
    final = conn.answer()
    conn.close()
    checks.check(final.status in (200, 201), "then the body is read and answered (%d)" % final.status)
    answer = one(port, request_bytes("PUT", path, auth + [("Expect", "100-continue"), ("Content-Length", str(2 * MIB))]))
    refused(checks, answer, 413, "payload_too_large", "Expect: 100-continue with 2 MiB")


def headers_and_targets(checks, port):
    answer = one(port, request_bytes("GET", "/healthz", [("X-Big", "a" * (17 * 1024))]))
    refused(checks, answer, 431, "header_fields_too_large", "one header field of 17 KiB")
    many_small = [("X-Field-%02d" % i, "b" * 400) for i in range(45)]
    refused(checks, one(port, request_bytes("GET", "/healthz", many_small)), 431, "header_fields_too_large",
            "45 fields of 400 bytes (18 KiB)")
    fields = [("X-F%d" % i, "v") for i in range(99)]  # with Host: 100
    answer = one(port, request_bytes("GET", "/healthz", fields))
    checks.check(answer.status == 200, "100 header fields are fine (%d)" % answer.status)
    refused(checks, one(port, request_bytes("GET", "/healthz", fields + [("X-F99", "v")])), 431,
            "header_fields_too_large", "101 header fields")
    still_serving(checks, port, "431")

    answer = one(port, request_bytes("GET", "/api/v1/nothing?" + "q" * (16 * 1024 - 40)))
    checks.check(answer.status == 404, "a target just under 16 KiB is read (%d)" % answer.status)
    refused(checks, one(port, request_bytes("GET", "/api/v1/x?" + "q" * (16 * 1024))), 414, "uri_too_long",
            "a target over 16 KiB")
    still_serving(checks, port, "414")

    refused(checks, one(port, request_bytes("GET", "/healthz", host=None)), 400, "bad_request", "HTTP/1.1 without Host")
    refused(checks, one(port, request_bytes("GET", "/healthz", [("Host", "other.example")])), 400, "bad_request",
            "two Host header fields")
    answer = one(port, b"GET /healthz HTTP/1.0\r\n\r\n")
    checks.check(answer.status == 200, "HTTP/1.0 without Host is fine (%d)" % answer.status)
    refused(checks, one(port, b"GET /healthz HTTP/1.1\r\nHost: a\r\nNo colon here\r\n\r\n"), 400, "bad_request",
            "a malformed header line")
    refused(checks, one(port, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"), 400, "bad_request",
            "a TLS hello on the plain port")
    refused(checks, one(port, b"GET /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello"),
            400, "bad_request", "two different Content-Lengths")
    still_serving(checks, port, "400")


def pipelining(checks, port, token):
    conn = Conn(port)
    conn.send(request_bytes("GET", "/healthz") * 3)
    answers = [conn.answer() for _ in range(3)]
    checks.check([a.status for a in answers] == [200, 200, 200], "three pipelined requests: three answers")
    checks.check(not conn.closed_by_server(within=0.3), "and the connection stays open")
    conn.close()

    auth = [("Authorization", "Bearer %s" % token)]
    day = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    body = json.dumps({"learning_moments": "Gepijplijnd"}).encode()
    burst = (request_bytes("GET", API + "/diary/" + day, auth)
             + request_bytes("PUT", API + "/diary/" + day, auth + [("Content-Type", "application/json")], body)
             + request_bytes("GET", API + "/diary/" + day, auth)
             + request_bytes("HEAD", "/healthz")
             + request_bytes("GET", "/api/v1/nothing")
             + request_bytes("GET", "/healthz", [("Connection", "close")])
             + request_bytes("GET", "/healthz"))  # after "close": never read
    conn = Conn(port)
    conn.send(burst)
    statuses = []
    for head in (False, False, False, True, False, False):
        statuses.append(conn.answer(head_request=head).status)
    checks.check(statuses[0] == 404 and statuses[1] in (200, 201) and statuses[2] == 200,
                 "pipelined GET, PUT, GET of one day: 404, written, then found (%s)" % statuses[:3])
    # HEAD /healthz is 405 (GET only); its answer has no body, or what follows would not parse.
    checks.check(statuses[3:] == [405, 404, 200], "then HEAD, an unknown path and a closing GET in order (%s)" % statuses[3:])
    checks.check(conn.closed_by_server(within=3), "the connection closes after the request that asked for it")
    conn.close()
    answer = one(port, request_bytes("GET", API + "/diary/" + day, auth))
    checks.check(answer.status == 200 and (answer.json or {}).get("learning_moments") == "Gepijplijnd",
                 "the pipelined PUT was run")

    # Pipelined behind a request over a limit: that one refused, nothing after it run.
    conn = Conn(port)
    conn.send(request_bytes("GET", "/healthz") + request_bytes("GET", "/healthz", [("X-Big", "c" * (17 * 1024))])
              + request_bytes("GET", "/healthz"))
    first, second = conn.answer(), conn.answer()
    checks.check(first.status == 200 and second.status == 431,
                 "a good request then one over a limit, pipelined: 200 then 431 (%d, %d)" % (first.status, second.status))
    checks.check(conn.closed_by_server(within=3), "and then the connection closes")
    conn.close()

    # Many, sent in small pieces.
    conn = Conn(port)
    data = request_bytes("GET", "/healthz") * 50
    for start in range(0, len(data), 13):
        conn.send(data[start:start + 13])
    checks.check(all(conn.answer().status == 200 for _ in range(50)), "50 pipelined requests in 13-byte pieces: 50 answers")
    conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    arguments = parser.parse_args()
    checks = Checks()
    server = RitmeServer(arguments.binary, label="limits")
    try:
        server.start()
        admin = server.setup_admin()
        bodies(checks, server.port, admin.token)
        headers_and_targets(checks, server.port)
        pipelining(checks, server.port, admin.token)
        checks.check(server.process.poll() is None, "the server is still running")
    finally:
        if checks.failures:
            print(server.log_tail(40))
        server.stop()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
