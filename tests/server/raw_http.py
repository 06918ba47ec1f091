"""Raw HTTP/1.1 over sockets for the server tests: bytes sent exactly as given, answers
read one at a time (so pipelined answers can be counted), from any loopback source
address (127.0.0.2 is a peer that is not 127.0.0.1). Python 3 standard library only."""

import os
import re
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))

from ritme_server import Answer  # noqa: E402 (found through the path above)


class RawAnswer(Answer):
    def error_code(self):
        """The API error body's code, or None when the body is not one."""
        body = self.json
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            error = body["error"]
            if isinstance(error.get("code"), str) and isinstance(error.get("message"), str):
                return error["code"]
        return None

    def __repr__(self):
        return "<%d %s %r>" % (self.status, self.reason, self.body[:120])


class Closed(Exception):
    """The server closed the connection before a whole answer."""


class Conn:
    """One connection; `answer()` reads the next whole answer from it."""

    def __init__(self, port, source="127.0.0.1", timeout=10.0):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.bind((source, 0))
        self.sock.connect(("127.0.0.1", port))
        self.buffer = bytearray()

    def send(self, data):
        self.sock.sendall(data)

    def close(self):
        self.sock.close()

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise Closed("closed after %d unparsed bytes: %r" % (len(self.buffer), bytes(self.buffer[:200])))
        self.buffer += chunk

    def answer(self, head_request=False):
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        end = self.buffer.index(b"\r\n\r\n")
        lines = bytes(self.buffer[:end]).decode("iso-8859-1").split("\r\n")
        del self.buffer[:end + 4]
        match = re.match(r"HTTP/1\.[01] (\d{3}) ?(.*)", lines[0])
        if not match:
            raise AssertionError("bad status line %r" % lines[0])
        status = int(match.group(1))
        headers = []
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip()))
        answer = RawAnswer(status, match.group(2), headers, b"")
        if head_request or status < 200 or status in (204, 304):
            return answer
        if "chunked" in (answer.header("Transfer-Encoding") or "").lower():
            body = bytearray()
            while True:
                while b"\r\n" not in self.buffer:
                    self._fill()
                line_end = self.buffer.index(b"\r\n")
                size = int(bytes(self.buffer[:line_end]).split(b";")[0], 16)
                del self.buffer[:line_end + 2]
                while len(self.buffer) < size + 2:
                    self._fill()
                body += self.buffer[:size]
                del self.buffer[:size + 2]
                if size == 0:
                    break
            answer.body = bytes(body)
            return answer
        length = answer.header("Content-Length")
        if length is None:
            try:
                while True:
                    self._fill()
            except Closed:
                pass
            answer.body = bytes(self.buffer)
            self.buffer.clear()
            return answer
        length = int(length)
        while len(self.buffer) < length:
            self._fill()
        answer.body = bytes(self.buffer[:length])
        del self.buffer[:length]
        return answer

    def closed_by_server(self, within=3.0):
        """True when the server closes (EOF or reset) within `within` seconds, with no more
        bytes than those already buffered."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return False
            except ConnectionResetError:
                return True
            if not chunk:
                return True
            self.buffer += chunk
        return False


def request_bytes(method, path, headers=(), body=b"", host="127.0.0.1"):
    lines = ["%s %s HTTP/1.1" % (method, path)]
    if host is not None:
        lines.append("Host: %s" % host)
    for name, value in headers:
        lines.append("%s: %s" % (name, value))
    if body and not any(name.lower() in ("content-length", "transfer-encoding") for name, _ in headers):
        lines.append("Content-Length: %d" % len(body))
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body


def one(port, data, source="127.0.0.1", timeout=10.0, head_request=False):
    """Sends `data` on a new connection and answers the first answer."""
    conn = Conn(port, source, timeout)
    try:
        try:
            conn.send(data)
        except OSError:
            pass  # the server may answer and close before taking it all
        return conn.answer(head_request)
    finally:
        conn.close()


class Checks:
    def __init__(self):
        self.failures = []
        self.count = 0

    def check(self, condition, what):
        self.count += 1
        if condition:
            print("ok    %s" % what)
        else:
            self.failures.append(what)
            print("FAIL  %s" % what)
        sys.stdout.flush()
        return condition

    def finish(self):
        print("%d passed, %d failed" % (self.count - len(self.failures), len(self.failures)))
        return 1 if self.failures else 0
