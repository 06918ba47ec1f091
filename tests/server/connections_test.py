"""Connections against the real server: under `prlimit --nofile=1024` a flood of 1,200
connections gets a 503 (the API's JSON error) for those over the cap, and once the
flood closes /healthz answers within a second; when the descriptors run out all the
same (the soft limit lowered under the running server) accepting resumes as soon as
they are free; idle connections are closed, and a request begun but not finished in
time gets 408.

    python3 tests/server/connections_test.py --binary build/release/ritme
"""

import argparse
import json
import resource
import shutil
import socket
import sys
import time

import raw_http
from raw_http import Checks, Conn, one, request_bytes
from ritme_server import RitmeServer

FLOOD = 1200


def listening_line(server):
    for line in server.stderr_lines:
        if '"listening"' in line:
            return json.loads(line[line.index("{"):])
    return {}


def open_flood(port, count):
    sockets = []
    for _ in range(count):
        flood_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        flood_socket.settimeout(5)
        flood_socket.connect(("127.0.0.1", port))
        sockets.append(flood_socket)
    return sockets


def healthz_after(port, limit=3.0):
    """Seconds until GET /healthz answers 200 (tried again at once on any failure), or None."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        try:
            answer = one(port, request_bytes("GET", "/healthz"), timeout=max(0.05, limit - (time.monotonic() - started)))
            if answer.status == 200:
                return time.monotonic() - started
        except (OSError, raw_http.Closed):
            pass
    return None


def flood_under_prlimit(checks, binary):
    server = RitmeServer(binary, label="flood", command_prefix=["prlimit", "--nofile=1024:1024"])
    try:
        server.start()
        started = listening_line(server)
        cap = started.get("max_connections", 0)
        checks.check(started.get("file_limit") == 1024, "the server runs with 1,024 files at most (%s)" % started.get("file_limit"))
        checks.check(0 < cap < 1024 - 64, "it caps connections below that, with room to spare (%d)" % cap)

        sockets = open_flood(server.port, FLOOD)
        time.sleep(1.0)
        refused, silent, other = 0, 0, []
        for flood_socket in sockets:
            flood_socket.setblocking(False)
            try:
                data = flood_socket.recv(4096)
            except BlockingIOError:
                silent += 1
                continue
            except OSError as error:
                other.append(str(error))
                continue
            if data.startswith(b"HTTP/1.1 503 "):
                head, _, body = data.partition(b"\r\n\r\n")
                answer = raw_http.RawAnswer(503, "", [tuple(p.strip() for p in line.split(":", 1))
                                                      for line in head.decode().split("\r\n")[1:]], body)
                if answer.error_code() == "unavailable" and answer.header("Retry-After") == "1":
                    refused += 1
                    continue
            other.append(data[:80])
        checks.check(refused >= FLOOD - cap and refused + silent == FLOOD,
                     "of %d connections, %d over the cap got 503 unavailable with Retry-After, %d wait open (%s)"
                     % (FLOOD, refused, silent, other[:3]))
        answer = one(server.port, request_bytes("GET", "/healthz"))
        checks.check(answer.status == 503 and answer.error_code() == "unavailable",
                     "one more while the flood holds: 503 at once (%d)" % answer.status)

        for flood_socket in sockets:
            flood_socket.close()
        seconds = healthz_after(server.port, limit=3.0)
        checks.check(seconds is not None and seconds < 1.0,
                     "after the flood closes, /healthz answers 200 within a second (%s s)"
                     % ("%.3f" % seconds if seconds is not None else "never"))
        print("measured: /healthz 200 %.1f ms after the flood of %d closed" % ((seconds or 0) * 1000, FLOOD))
        # And once more: the cap holds flood after flood.
        sockets = open_flood(server.port, FLOOD)
        for flood_socket in sockets:
            flood_socket.close()
        seconds = healthz_after(server.port, limit=3.0)
        checks.check(seconds is not None and seconds < 1.0, "a second flood: the same (%s s)"
                     % ("%.3f" % seconds if seconds is not None else "never"))
        checks.check(server.process.poll() is None, "the server is still running")
    finally:
        if checks.failures:
            print(server.log_tail(20))
        server.stop()


def descriptors_run_out(checks, binary):
    """No cap to save it: the soft limit lowered below what the flood takes."""
    server = RitmeServer(binary, label="emfile")
    try:
        server.start()
        pid = server.process.pid
        soft, hard = resource.prlimit(pid, resource.RLIMIT_NOFILE)
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (256, hard))
        sockets = open_flood(server.port, 600)
        time.sleep(0.5)
        try:
            one(server.port, request_bytes("GET", "/healthz"), timeout=0.5)
            checks.check(False, "with the descriptors gone, a new connection waits")
        except (OSError, raw_http.Closed):
            checks.check(True, "with the descriptors gone, a new connection waits")
        for flood_socket in sockets:
            flood_socket.close()
        seconds = healthz_after(server.port, limit=3.0)
        checks.check(seconds is not None and seconds < 1.0,
                     "once they are free again, /healthz answers within a second (%s s)"
                     % ("%.3f" % seconds if seconds is not None else "never"))
        print("measured: /healthz 200 %.1f ms after the descriptors were free" % ((seconds or 0) * 1000))
        checks.check(any('"accept_failed"' in line for line in server.stderr_lines),
                     "the failed accepts were logged")
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (soft, hard))
    finally:
        if checks.failures:
            print(server.log_tail(20))
        server.stop()


def timeouts(checks, binary):
    server = RitmeServer(binary, label="timeouts", serve_args=["--idle-timeout", "1", "--request-timeout", "2"])
    try:
        server.start()
        port = server.port

        conn = Conn(port)
        started = time.monotonic()
        closed = conn.closed_by_server(within=4)
        elapsed = time.monotonic() - started
        checks.check(closed and 0.8 < elapsed < 2.5 and not conn.buffer,
                     "a connection that sends nothing is closed after the idle timeout, without a word (%.2f s)" % elapsed)
        conn.close()

        conn = Conn(port)
        conn.send(request_bytes("GET", "/healthz"))
        checks.check(conn.answer().status == 200, "a kept-alive connection is answered")
        started = time.monotonic()
        closed = conn.closed_by_server(within=4)
        elapsed = time.monotonic() - started
        checks.check(closed and 0.8 < elapsed < 2.5, "and closed after the idle timeout (%.2f s)" % elapsed)
        conn.close()

        conn = Conn(port)
        started = time.monotonic()
        conn.send(b"GET /healthz HTTP/1.1\r\nHost: a\r\n")
        answer = conn.answer()
        elapsed = time.monotonic() - started
        checks.check(answer.status == 408 and answer.error_code() == "request_timeout" and 1.8 < elapsed < 3.5,
                     "a request begun and not finished: 408 request_timeout after the request timeout (%.2f s, %r)"
                     % (elapsed, answer))
        checks.check(conn.closed_by_server(within=3), "and the connection is closed")
        conn.close()

        # Slowly, a byte every 0.3 s: the deadline is for the whole request.
        conn = Conn(port)
        started = time.monotonic()
        status = None
        for byte in b"GET /healthz HTTP/1.1\r\nHost: a\r\nX-Slow: " + b"s" * 40:
            try:
                conn.send(bytes([byte]))
            except OSError:
                break
            time.sleep(0.3)
            if time.monotonic() - started > 2.5:
                break
        try:
            status = conn.answer().status
        except (OSError, raw_http.Closed):
            pass
        elapsed = time.monotonic() - started
        checks.check(status == 408 and elapsed < 4, "a request sent a byte at a time: 408 all the same (%s, %.2f s)"
                     % (status, elapsed))
        conn.close()

        answer = one(port, request_bytes("GET", "/healthz"))
        checks.check(answer.status == 200, "the server serves on (%d)" % answer.status)
    finally:
        if checks.failures:
            print(server.log_tail(20))
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    arguments = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4 * FLOOD:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8 * FLOOD), hard))
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < 2 * FLOOD + 64:
        print("FAIL  this test needs %d open files and may have %d" % (2 * FLOOD + 64, resource.getrlimit(resource.RLIMIT_NOFILE)[0]))
        return 1
    if shutil.which("prlimit") is None:
        print("FAIL  prlimit (util-linux) is not installed")
        return 1
    checks = Checks()
    flood_under_prlimit(checks, arguments.binary)
    descriptors_run_out(checks, arguments.binary)
    timeouts(checks, arguments.binary)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
