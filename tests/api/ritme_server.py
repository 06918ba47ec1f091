"""Start and stop a real `ritme serve` for black-box tests, and talk HTTP to it.

Python 3 standard library only (runs under Debian's /usr/bin/python3). Used by
tests/api/run_cases.py and tests/scenarios/*_scenario.py.

    server = RitmeServer(binary)           # fresh temp dir + SQLite file, free port
    server = RitmeServer(binary, postgres_url=url)   # ... or a fresh database on that
                                           # PostgreSQL server (made with psql, dropped at stop)
    server.start()                         # waits for /healthz and the setup token
    admin = server.setup_admin()           # POST /api/v1/setup, log in, bearer token
    alice = server.add_actor("alice")      # `ritme user add`, log in, bearer token
    answer = server.request("GET", "/api/v1/me", headers=alice.auth("bearer"))
    server.stop()                          # SIGTERM, then kill; removes the temp dir
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

API = "/api/v1"

_databases_made = 0


def psql_program():
    """psql: Debian's wrapper on the PATH, else the newest server's own."""
    found = shutil.which("psql")
    if found:
        return found
    candidates = sorted(d for d in os.listdir("/usr/lib/postgresql") if d.isdigit()) \
        if os.path.isdir("/usr/lib/postgresql") else []
    if candidates:
        return "/usr/lib/postgresql/%s/bin/psql" % candidates[-1]
    raise ServerError("psql not found (install postgresql-client)")


def with_database(url, name):
    """The PostgreSQL URL with database `name` in place of the one it names."""
    base, question, query = url.partition("?")
    scheme, _, rest = base.partition("://")
    authority = rest.split("/", 1)[0]
    return "%s://%s/%s%s%s" % (scheme, authority, name, question, query)


def run_psql(url, sql):
    result = subprocess.run([psql_program(), "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    if result.returncode != 0:
        raise ServerError("psql %r failed: %s" % (sql, result.stderr.decode("utf-8", errors="replace").strip()))


def create_postgres_database(server_url, label="ritme"):
    """Makes a fresh, empty database on the server and answers its URL."""
    global _databases_made
    _databases_made += 1
    name = "%s_%d_%d_%d" % (re.sub(r"[^a-z0-9]", "_", label.lower()), os.getpid(), int(time.time()), _databases_made)
    run_psql(server_url, "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'" % name)
    return with_database(server_url, name), name


def drop_postgres_database(server_url, name):
    run_psql(server_url, "DROP DATABASE IF EXISTS %s WITH (FORCE)" % name)


class ServerError(Exception):
    """The server could not be started, set up, or reached."""


class Answer:
    """One HTTP answer: status, headers (list of (name, value), in order), body bytes."""

    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self._json = None
        self._json_done = False

    def header(self, name):
        """The first value of header `name` (any case), or None."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def header_values(self, name):
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def json(self):
        """The body parsed as JSON, or None when it is not JSON."""
        if not self._json_done:
            self._json_done = True
            try:
                self._json = json.loads(self.body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                self._json = None
        return self._json

    def is_json(self):
        self.json
        return self._json is not None or self.body.strip() == b"null"

    def pretty_body(self, limit=4000):
        if self.is_json():
            text = json.dumps(self.json, indent=2, ensure_ascii=False)
        else:
            text = self.text
        if len(text) > limit:
            text = text[:limit] + "\n... (%d more characters)" % (len(text) - limit)
        return text


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _read_exactly_chunked(data):
    """Decode a chunked body; tolerant of a missing final chunk."""
    out = bytearray()
    position = 0
    while True:
        line_end = data.find(b"\r\n", position)
        if line_end < 0:
            break
        size_text = data[position:line_end].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            break
        if size == 0:
            break
        start = line_end + 2
        out += data[start:start + size]
        position = start + size + 2
    return bytes(out)


def _parse_headers(lines):
    headers = []
    for line in lines:
        if ":" in line:
            name, value = line.split(":", 1)
            headers.append((name.strip(), value.strip()))
    return headers


def _is_chunked(headers):
    return "chunked" in ",".join(v for k, v in headers if k.lower() == "transfer-encoding").lower()


def _content_length(headers):
    for key, value in headers:
        if key.lower() == "content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _complete(received):
    """True once `received` holds a whole answer (so a kept-alive connection is fine)."""
    head_end = received.find(b"\r\n\r\n")
    if head_end < 0:
        return False
    lines = bytes(received[:head_end]).decode("iso-8859-1").split("\r\n")
    headers = _parse_headers(lines[1:])
    status = re.match(r"HTTP/\d\.\d (\d{3})", lines[0])
    body = received[head_end + 4:]
    if status and status.group(1) in ("204", "304"):
        return True
    if _is_chunked(headers):
        return body.endswith(b"0\r\n\r\n") and (body == b"0\r\n\r\n" or b"\r\n0\r\n\r\n" in body)
    length = _content_length(headers)
    if length is not None:
        return len(body) >= length
    return False  # read to EOF


def http_request(port, method, path, headers=None, body=None, timeout=30.0):
    """One HTTP/1.1 request on its own connection (Connection: close).

    `headers` is a list of (name, value); `body` bytes or None. Sent as given: no
    header is added except Host, Connection and Content-Length (when absent).
    Returns an Answer; raises OSError when nothing could be read back.
    """
    headers = list(headers or [])
    names = {name.lower() for name, _ in headers}
    lines = ["%s %s HTTP/1.1" % (method, path)]
    if "host" not in names:
        lines.append("Host: 127.0.0.1:%d" % port)
    if "connection" not in names:
        lines.append("Connection: close")
    if "content-length" not in names:
        if body is not None:
            lines.append("Content-Length: %d" % len(body))
        elif method in ("POST", "PUT", "PATCH", "DELETE"):
            lines.append("Content-Length: 0")
    for name, value in headers:
        lines.append("%s: %s" % (name, value))
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    payload = head + (body or b"")

    received = bytearray()
    send_error = None
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        try:
            connection.sendall(payload)
        except OSError as error:  # the server may answer (e.g. 413) and close early
            send_error = error
        deadline = time.monotonic() + timeout
        while not _complete(received):
            try:
                chunk = connection.recv(65536)
            except socket.timeout:
                raise OSError("timed out after %.0f s waiting for the answer" % timeout)
            except OSError as error:
                if received:
                    break
                raise OSError("connection error while reading the answer: %s%s" % (
                    error, " (sending had failed: %s)" % send_error if send_error else ""))
            if not chunk:
                break
            received += chunk
            if time.monotonic() > deadline:
                raise OSError("timed out reading the answer")
    if not received:
        raise OSError("the server closed the connection without an answer%s" % (
            " (sending failed: %s)" % send_error if send_error else ""))
    data = bytes(received)
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        raise OSError("incomplete answer: %r" % data[:200])
    head_lines = data[:head_end].decode("iso-8859-1").split("\r\n")
    status_match = re.match(r"HTTP/\d\.\d (\d{3}) ?(.*)", head_lines[0])
    if not status_match:
        raise OSError("bad status line: %r" % head_lines[0])
    answer_headers = _parse_headers(head_lines[1:])
    raw_body = data[head_end + 4:]
    if _is_chunked(answer_headers):
        raw_body = _read_exactly_chunked(raw_body)
    else:
        length = _content_length(answer_headers)
        if length is not None:
            raw_body = raw_body[:length]
    return Answer(int(status_match.group(1)), status_match.group(2), answer_headers, raw_body)


def parse_set_cookie(value):
    """'name=value; Path=/; HttpOnly' -> (name, value, {attribute-lower: value})."""
    parts = [part.strip() for part in value.split(";")]
    name, _, cookie_value = parts[0].partition("=")
    attributes = {}
    for part in parts[1:]:
        key, _, attribute_value = part.partition("=")
        attributes[key.strip().lower()] = attribute_value.strip()
    return name.strip(), cookie_value.strip(), attributes


class Actor:
    """A person of a test run: credentials, a cookie session with its CSRF token, and a
    bearer token. `auth(mode)` gives the headers for one request."""

    def __init__(self, key, email, name, password, role="member", locale="nl"):
        self.key = key
        self.email = email
        self.name = name
        self.password = password
        self.role = role
        self.locale = locale
        self.id = None
        self.cookies = {}  # name -> value, as set by login
        self.csrf = None
        self.token = None
        self.token_id = None

    def cookie_header(self):
        return "; ".join("%s=%s" % item for item in self.cookies.items())

    def auth(self, mode="bearer"):
        if mode == "bearer":
            return [("Authorization", "Bearer %s" % self.token)]
        if mode == "cookie":
            return [("Cookie", self.cookie_header()), ("X-CSRF-Token", self.csrf or "")]
        if mode == "nocsrf":
            return [("Cookie", self.cookie_header())]
        if mode == "badcsrf":
            return [("Cookie", self.cookie_header()), ("X-CSRF-Token", "not-the-csrf-token-0000")]
        raise ValueError("unknown auth mode %r" % mode)

    def variables(self):
        return {
            "email": self.email, "name": self.name, "password": self.password,
            "id": self.id, "csrf": self.csrf, "token": self.token,
            "cookie": self.cookie_header(),
        }


def password_for(key):
    return "%s-wachtwoord-2026!" % key


class RitmeServer:
    """A fresh `ritme serve` on its own temp dir, SQLite file and free port."""

    def __init__(self, binary, label="ritme", postgres_url=None, database_url=None, serve_args=(), command_prefix=(),
                 environment=None):
        self.binary = os.path.abspath(binary)
        self.serve_args = list(serve_args)  # more of `ritme serve`'s options (e.g. --smtp URL)
        self.environment = dict(environment or {})  # more variables for the server (RITME_LOG_LEVEL=...)
        self.command_prefix = list(command_prefix)  # e.g. ["prlimit", "--nofile=1024"]: runs the server
        self.label = label
        self.postgres_url = postgres_url  # a server to make this run's database on
        self.postgres_database = None
        self.database_url = database_url  # or a database that is there already (kept at stop)
        self.workdir = None
        self.db_url = None
        self.port = None
        self.process = None
        self.stderr_lines = []
        self.stdout_lines = []
        self.setup_token = None
        self._lock = threading.Lock()
        self._readers = []

    # -- life cycle --------------------------------------------------------------

    def _cwd(self):
        # Run from the source tree when the binary sits in build/<preset>/ (the server may
        # look for web/ there); otherwise from the temp dir.
        root = os.path.dirname(os.path.dirname(os.path.dirname(self.binary)))
        return root if os.path.isdir(os.path.join(root, "web")) else self.workdir

    def _environment(self):
        environment = dict(os.environ)
        for name in ("RITME_DB", "RITME_LISTEN", "RITME_SMTP", "RITME_MAIL_FROM", "RITME_PUBLIC_URL"):
            environment.pop(name, None)
        environment.update(self.environment)
        return environment

    def start(self, timeout=30.0):
        if not os.access(self.binary, os.X_OK):
            raise ServerError("binary not found or not executable: %s" % self.binary)
        self.workdir = tempfile.mkdtemp(prefix="%s-" % self.label)
        if self.database_url:
            self.db_url = self.database_url
        elif self.postgres_url:
            if self.postgres_database is None:
                self.db_url, self.postgres_database = create_postgres_database(self.postgres_url, self.label)
        else:
            self.db_url = "sqlite:%s" % os.path.join(self.workdir, "ritme.db")
        last_error = None
        for _attempt in range(3):
            self.port = free_port()
            try:
                self._start_once(timeout)
                return
            except ServerError as error:
                last_error = error
                self._kill()
                if "exited" not in str(error):
                    break
        raise last_error

    def _start_once(self, timeout):
        self.stderr_lines = []
        self.stdout_lines = []
        self.setup_token = None
        command = self.command_prefix + [self.binary, "serve", "--db", self.db_url, "--listen", "127.0.0.1:%d" % self.port] + self.serve_args
        self.process = subprocess.Popen(
            command, cwd=self._cwd(), env=self._environment(),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._readers = [
            threading.Thread(target=self._pump, args=(self.process.stderr, self.stderr_lines), daemon=True),
            threading.Thread(target=self._pump, args=(self.process.stdout, self.stdout_lines), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        deadline = time.monotonic() + timeout
        healthy = False
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError("the server exited with code %s while starting:\n%s" % (
                    self.process.returncode, self.log_tail()))
            try:
                answer = http_request(self.port, "GET", "/healthz", timeout=2.0)
                if answer.status == 200:
                    healthy = True
                    break
            except OSError:
                pass
            time.sleep(0.05)
        if not healthy:
            raise ServerError("GET /healthz did not answer 200 within %.0f s:\n%s" % (timeout, self.log_tail()))

    def _pump(self, stream, lines):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", errors="replace").rstrip("\n")
            with self._lock:
                lines.append(line)
                if self.setup_token is None and "setup_token" in line:
                    self.setup_token = self._token_from(line)
        stream.close()

    @staticmethod
    def _token_from(line):
        start = line.find("{")
        if start >= 0:
            try:
                record = json.loads(line[start:])
                if record.get("event") == "setup_token" and isinstance(record.get("token"), str):
                    return record["token"]
            except ValueError:
                pass
        match = re.search(r'"token"\s*:\s*"([^"]+)"', line)
        return match.group(1) if match else None

    def wait_for_setup_token(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self.setup_token:
                    return self.setup_token
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise ServerError("no JSON line with \"event\":\"setup_token\" on the server's stderr:\n%s"
                          % self.log_tail())

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def log_tail(self, count=25):
        with self._lock:
            lines = self.stderr_lines[-count:] + (["(stdout)"] + self.stdout_lines[-5:] if self.stdout_lines else [])
        return "\n".join("    | " + line for line in lines) or "    | (no output)"

    def _kill(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        for reader in self._readers:
            reader.join(timeout=2)

    def stop(self, keep_dir=False):
        """SIGTERM, then kill after 5 s. Returns the exit code (None if it had to be killed)."""
        code = None
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    code = self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._kill()
            else:
                code = self.process.returncode
            for reader in self._readers:
                reader.join(timeout=2)
        if self.workdir and not keep_dir:
            shutil.rmtree(self.workdir, ignore_errors=True)
            if self.postgres_database:
                try:
                    drop_postgres_database(self.postgres_url, self.postgres_database)
                except (ServerError, OSError, subprocess.SubprocessError):
                    pass  # a test server goes away anyway
                self.postgres_database = None
        return code

    # -- requests ------------------------------------------------------------------

    def request(self, method, path, headers=None, body=None, timeout=30.0):
        """`body`: bytes, or any other value is sent as JSON (with Content-Type)."""
        headers = list(headers or [])
        if body is not None and not isinstance(body, (bytes, bytearray)):
            body = json.dumps(body).encode("utf-8")
            if not any(name.lower() == "content-type" for name, _ in headers):
                headers.append(("Content-Type", "application/json"))
        return http_request(self.port, method, path, headers, body, timeout)

    # -- people ----------------------------------------------------------------------

    def setup_admin(self, key="admin"):
        """Creates the first admin with POST /api/v1/setup, then logs it in."""
        token = self.wait_for_setup_token()
        admin = Actor(key, "%s@example.test" % key, "Ada Admin", password_for(key), role="admin")
        answer = self.request("POST", API + "/setup", body={
            "token": token, "email": admin.email, "name": admin.name, "password": admin.password})
        if answer.status != 201:
            raise ServerError("POST /api/v1/setup answered %d, expected 201:\n%s" % (answer.status, answer.pretty_body()))
        self.login(admin)
        return admin

    def add_user(self, email, name, password, admin=False, locale=None):
        """`ritme user add ...`; returns (exit code, stderr text)."""
        command = [self.binary, "user", "add", "--email", email, "--name", name,
                   "--password-stdin", "--db", self.db_url]
        if admin:
            command.append("--admin")
        if locale:
            command += ["--locale", locale]
        result = subprocess.run(command, input=(password + "\n").encode("utf-8"), cwd=self._cwd(),
                                env=self._environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                timeout=60)
        return result.returncode, result.stderr.decode("utf-8", errors="replace")

    def add_actor(self, key, admin=False, locale=None, name=None):
        actor = Actor(key, "%s@example.test" % key, name or key.capitalize(), password_for(key),
                      role="admin" if admin else "member", locale=locale or "nl")
        code, error = self.add_user(actor.email, actor.name, actor.password, admin=admin, locale=locale)
        if code != 0:
            raise ServerError("`ritme user add --email %s` exited with %d: %s" % (actor.email, code, error.strip()))
        self.login(actor)
        return actor

    def login(self, actor):
        """Logs `actor` in: a fresh cookie session + CSRF token and a fresh bearer token."""
        answer = self.request("POST", API + "/auth/login", body={"email": actor.email, "password": actor.password})
        if answer.status != 200:
            raise ServerError("login of %s answered %d, expected 200:\n%s" % (actor.email, answer.status, answer.pretty_body()))
        body = answer.json if isinstance(answer.json, dict) else {}
        actor.csrf = body.get("csrf_token")
        user = body.get("user") if isinstance(body.get("user"), dict) else {}
        actor.id = user.get("id")
        actor.cookies = {}
        for value in answer.header_values("Set-Cookie"):
            name, cookie_value, _ = parse_set_cookie(value)
            if name:
                actor.cookies[name] = cookie_value
        if not actor.cookies or not actor.csrf:
            raise ServerError("login of %s gave no session cookie or no csrf_token:\n%s" % (actor.email, answer.pretty_body()))
        answer = self.request("POST", API + "/tokens", headers=actor.auth("cookie"), body={"name": "api tests"})
        if answer.status != 201 or not isinstance(answer.json, dict) or not answer.json.get("token"):
            raise ServerError("POST /api/v1/tokens for %s answered %d, expected 201 with a token:\n%s"
                              % (actor.email, answer.status, answer.pretty_body()))
        actor.token = answer.json["token"]
        actor.token_id = answer.json.get("id")
        return actor
