"""Two stateless `ritme serve` nodes on one PostgreSQL database behind nginx (round robin,
on loopback):

1. a person signs in through one node and keeps working through the other, and a
   session ended on one node is dead on the other;
2. 200 reminders due at the same moment go out exactly once between the two nodes, each
   running its own reminder pass, to a real SMTP server on loopback (aiosmtpd);
3. one node is killed with SIGKILL during a write load: the other keeps answering, and
   no acknowledged write is lost.

Needs RITME_TEST_PG_URL (tests/pg/with_postgres.sh exec ...), nginx (Debian's
nginx-light) and Debian's python3-aiosmtpd. Run with /usr/bin/python3:

    tests/pg/with_postgres.sh /usr/bin/python3 tests/cluster/cluster_test.py --binary build/release/ritme
"""

import argparse
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zoneinfo
from email import message_from_bytes
from email.header import decode_header, make_header

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
import ritme_server  # noqa: E402
from ritme_server import API, Actor, RitmeServer, free_port, http_request, password_for  # noqa: E402

from aiosmtpd.controller import Controller  # noqa: E402

REMINDED_PEOPLE = 200

failures = []
checks = 0


def check(condition, what):
    global checks
    checks += 1
    if condition:
        print("ok    %s" % what)
    else:
        failures.append(what)
        print("FAIL  %s" % what)


class Gateway:
    """nginx in front of the nodes: round robin, a failed node's requests retried on the
    other, and each answer says which node served it (X-Ritme-Upstream)."""

    def __init__(self, nginx, node_ports):
        self.nginx = nginx
        self.node_ports = node_ports
        self.port = free_port()
        self.prefix = tempfile.mkdtemp(prefix="ritme-nginx-")
        self.process = None

    def start(self):
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            os.makedirs(os.path.join(self.prefix, folder))
            os.chmod(os.path.join(self.prefix, folder), 0o777)
        os.chmod(self.prefix, 0o755)
        servers = "\n".join("        server 127.0.0.1:%d max_fails=1 fail_timeout=10s;" % port
                            for port in self.node_ports)
        config = """
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    upstream ritme {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://ritme;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 1s;
            proxy_next_upstream error timeout http_502;
            add_header X-Ritme-Upstream $upstream_addr always;
        }}
    }}
}}
""".format(prefix=self.prefix, servers=servers, port=self.port)
        path = os.path.join(self.prefix, "nginx.conf")
        with open(path, "w") as out:
            out.write(config)
        self.process = subprocess.Popen([self.nginx, "-p", self.prefix, "-c", path],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("nginx exited: %s" % self.process.stderr.read().decode(errors="replace"))
            try:
                if http_request(self.port, "GET", "/healthz", timeout=2).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("nginx did not answer /healthz")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.prefix, ignore_errors=True)

    def request(self, method, path, headers=None, body=None, timeout=30.0):
        headers = list(headers or [])
        if body is not None and not isinstance(body, (bytes, bytearray)):
            body = json.dumps(body).encode("utf-8")
            headers.append(("Content-Type", "application/json"))
        return http_request(self.port, method, path, headers, body, timeout)

    def upstream(self, answer):
        value = answer.header("X-Ritme-Upstream") or ""
        return value.split(",")[-1].strip()


class Mailbox:
    """A real SMTP server on loopback that keeps every message it is given."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = message_from_bytes(envelope.content)
        with self.lock:
            self.messages.append((tuple(envelope.rcpt_tos), message))
        return "250 OK"

    def recipients(self):
        with self.lock:
            return [recipient for recipients, _ in self.messages for recipient in recipients]

    def subjects(self):
        with self.lock:
            return [str(make_header(decode_header(message["Subject"] or ""))) for _, message in self.messages]


def log_in(gateway, actor):
    answer = gateway.request("POST", API + "/auth/login", body={"email": actor.email, "password": actor.password})
    if answer.status != 200:
        raise RuntimeError("login of %s through nginx answered %d: %s" % (actor.email, answer.status, answer.text))
    actor.csrf = answer.json["csrf_token"]
    actor.id = answer.json["user"]["id"]
    actor.cookies = {}
    for value in answer.header_values("Set-Cookie"):
        name, cookie_value, _ = ritme_server.parse_set_cookie(value)
        actor.cookies[name] = cookie_value
    return answer


def sessions_cross_nodes(gateway, nodes, person):
    # nginx's X-Forwarded-Proto ($scheme, plain HTTP here) replaces what a client claims.
    claimed = gateway.request("POST", API + "/auth/login", headers=[("X-Forwarded-Proto", "https")],
                              body={"email": person.email, "password": person.password})
    cookies = claimed.header_values("Set-Cookie")
    check(claimed.status == 200 and cookies and not any("Secure" in value for value in cookies),
          "through nginx a client's own X-Forwarded-Proto: https is replaced by nginx's scheme (no Secure cookie)")
    first = log_in(gateway, person)
    served = {gateway.upstream(first)}
    statuses = []
    today = datetime.date.today()
    for index in range(12):
        day = (today - datetime.timedelta(days=index + 1)).isoformat()
        answer = gateway.request("PUT", API + "/diary/" + day, headers=person.auth("cookie"),
                                 body={"learning_moments": "Leermoment %d via de load balancer" % index})
        statuses.append(answer.status)
        served.add(gateway.upstream(answer))
    check(all(status == 201 for status in statuses), "12 diary writes with one session through nginx all 201 (%s)" % statuses)
    node_addresses = {"127.0.0.1:%d" % node.port for node in nodes}
    check(node_addresses <= served, "the session was served by both nodes (%s)" % sorted(served))
    for node in nodes:
        answer = node.request("GET", API + "/diary?limit=50", headers=person.auth("cookie"))
        count = len(answer.json.get("entries", [])) if answer.status == 200 else -1
        check(count == 12, "node :%d itself knows the session and sees all 12 entries (%d)" % (node.port, count))
    answer = nodes[0].request("POST", API + "/auth/logout", headers=person.auth("cookie"))
    check(answer.status == 204, "logout on the first node: 204")
    answer = nodes[1].request("GET", API + "/me", headers=person.auth("cookie"))
    check(answer.status == 401, "the session ended on one node is dead on the other (%d)" % answer.status)


def reminders_once(gateway, nodes, mailbox):
    people = []
    for index in range(REMINDED_PEOPLE):
        key = "lid%03d" % index
        locale = "en" if index % 2 else "nl"
        actor = Actor(key, "%s@example.test" % key, "Lid %d" % index, password_for(key), locale=locale)
        code, error = nodes[0].add_user(actor.email, actor.name, actor.password, locale=locale)
        if code != 0:
            raise RuntimeError("ritme user add %s: %s" % (actor.email, error))
        people.append(actor)
    # Every reminder is due at the same minute: two minutes from now, in Amsterdam.
    zone = zoneinfo.ZoneInfo("Europe/Amsterdam")
    due = (datetime.datetime.now(zone) + datetime.timedelta(minutes=2)).replace(second=0, microsecond=0)
    for actor in people:
        log_in(gateway, actor)
        answer = gateway.request("PATCH", API + "/me", headers=actor.auth("cookie"),
                                 body={"workdays": [1, 2, 3, 4, 5, 6, 7], "timezone": "Europe/Amsterdam"})
        if answer.status != 200:
            raise RuntimeError("PATCH /me answered %d: %s" % (answer.status, answer.text))
        answer = gateway.request("PUT", API + "/me/reminders", headers=actor.auth("cookie"),
                                 body={"daily": {"enabled": True, "time": due.strftime("%H:%M")}})
        if answer.status != 200:
            raise RuntimeError("PUT /me/reminders answered %d: %s" % (answer.status, answer.text))
    print("      %d people have their daily reminder at %s (Amsterdam)" % (len(people), due.strftime("%H:%M")))
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and len(mailbox.recipients()) < REMINDED_PEOPLE:
        time.sleep(1)
    # Both nodes run their pass again in the meantime: nothing more may arrive.
    time.sleep(15)
    recipients = mailbox.recipients()
    expected = sorted(actor.email for actor in people)
    check(len(recipients) == REMINDED_PEOPLE,
          "%d reminders sent for %d people due at the same moment" % (len(recipients), REMINDED_PEOPLE))
    check(sorted(recipients) == expected, "each person got exactly one reminder")
    subjects = mailbox.subjects()
    dutch = sum(1 for subject in subjects if "leerdagboek" in subject.lower())
    check(dutch == REMINDED_PEOPLE // 2, "half of them in Dutch (%d with 'leerdagboek' in the subject)" % dutch)


def writes_survive_a_killed_node(gateway, nodes, writers):
    acknowledged = []  # (actor, day, text)
    lock = threading.Lock()
    stop = threading.Event()
    killed_at = [None]
    after_kill = {"ok": 0, "failed": 0}

    def write(actor, offset):
        index = 0
        today = datetime.date.today()
        # A day of its own for every write, and more days than a writer gets through
        # before `stop`: the writes must go on well after the kill.
        while not stop.is_set() and index < 20000:
            day = (today - datetime.timedelta(days=30 + index)).isoformat()
            text = "Schrijfbelasting %s dag %s nummer %d" % (actor.key, day, index)
            index += 1
            try:
                answer = gateway.request("PUT", API + "/diary/" + day, headers=actor.auth("bearer"),
                                         body={"learning_moments": text}, timeout=10)
            except OSError:
                answer = None
            with lock:
                ok = answer is not None and answer.status in (200, 201) and answer.json \
                    and answer.json.get("learning_moments") == text
                if ok:
                    acknowledged.append((actor, day, text))
                if killed_at[0] is not None and time.monotonic() > killed_at[0] + 2:
                    after_kill["ok" if ok else "failed"] += 1

    threads = [threading.Thread(target=write, args=(actor, offset)) for offset, actor in enumerate(writers)]
    for thread in threads:
        thread.start()
    time.sleep(2.0)
    with lock:
        before = len(acknowledged)
    nodes[0].process.send_signal(signal.SIGKILL)
    nodes[0].process.wait(timeout=10)
    killed_at[0] = time.monotonic()
    print("      node :%d killed with SIGKILL after %d acknowledged writes" % (nodes[0].port, before))
    time.sleep(6.0)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    check(before > 0, "writes were acknowledged before the kill (%d)" % before)
    check(after_kill["ok"] > 0 and after_kill["failed"] == 0,
          "after the kill the other node answered every write (%d ok, %d failed)" % (after_kill["ok"], after_kill["failed"]))
    lost = []
    for actor, day, text in acknowledged:
        answer = nodes[1].request("GET", API + "/diary/" + day, headers=actor.auth("bearer"))
        if answer.status != 200 or answer.json.get("learning_moments") != text:
            lost.append((actor.key, day))
    check(not lost, "every one of %d acknowledged writes is in the database (%d lost: %s)"
          % (len(acknowledged), len(lost), lost[:5]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="build/release/ritme")
    arguments = parser.parse_args()
    server_url = os.environ.get("RITME_TEST_PG_URL")
    if not server_url:
        print("RITME_TEST_PG_URL is not set: run under tests/pg/with_postgres.sh")
        return 1
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    database_url, database = ritme_server.create_postgres_database(server_url, "cluster")
    mailbox = Mailbox()
    mailbox.controller.start()
    # nginx forwards the client's address and scheme; the nodes believe it (and only it).
    serve_args = ["--smtp", "smtp://127.0.0.1:%d" % mailbox.port, "--mail-from", "ritme@example.test",
                  "--reminder-interval", "5", "--trusted-proxy", "127.0.0.1"]
    nodes = [RitmeServer(arguments.binary, label="node%d" % n, database_url=database_url, serve_args=serve_args)
             for n in (1, 2)]
    gateway = None
    try:
        nodes[0].start()
        nodes[0].setup_admin()
        nodes[1].start()
        gateway = Gateway(nginx, [node.port for node in nodes])
        gateway.start()
        print("      nodes :%d and :%d behind nginx :%d on one PostgreSQL database"
              % (nodes[0].port, nodes[1].port, gateway.port))

        person = nodes[0].add_actor("anna")
        sessions_cross_nodes(gateway, nodes, person)
        reminders_once(gateway, nodes, mailbox)
        writers = [nodes[0].add_actor("schrijver%d" % n) for n in range(4)]
        writes_survive_a_killed_node(gateway, nodes, writers)
    finally:
        if gateway:
            gateway.stop()
        for node in nodes:
            node.stop()
        mailbox.controller.stop()
        ritme_server.drop_postgres_database(server_url, database)
    print("%d passed, %d failed" % (checks - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
