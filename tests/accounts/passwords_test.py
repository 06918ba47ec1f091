#!/usr/bin/python3
"""Forgotten passwords and idle sessions end to end: a real SMTP server on loopback (Debian's
python3-aiosmtpd) and a real `ritme serve` that sends through it, on SQLite or (with
--postgres, RITME_TEST_PG_URL) on PostgreSQL.

Checks: a reset request answers 202 alike for a member's address and for an unknown one,
and only the member gets mail, in their language, with a link to the public URL; the server
keeps only the hash of the link's token and never logs it; the link's page sets the
password (and refuses two different ones); setting it ends every session and token; a used
link and an expired link get 404 from the API and a clear page from the web, never an
error; a session unused for longer than --session-idle-timeout is dead.

    passwords_test.py --binary build/release/ritme [--postgres]
"""

import argparse
import email
import email.policy
import hashlib
import os
import re
import sqlite3
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
from ritme_server import API, RitmeServer, free_port, parse_set_cookie, run_psql  # noqa: E402

try:
    from aiosmtpd.controller import Controller
except ImportError:  # pragma: no cover
    sys.exit("python3-aiosmtpd is missing: apt-get install python3-aiosmtpd")


class Inbox:
    """Every message the SMTP server accepted, parsed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []  # (envelope recipients, email.message.EmailMessage)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def wait_for(self, count, timeout=15.0):
        """The messages once there are `count` (or after `timeout`), taken out of the inbox."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    break
            time.sleep(0.1)
        time.sleep(0.3)  # anything more that was on its way
        with self.lock:
            taken, self.messages = self.messages, []
        return taken


failures = []


def check(condition, what):
    if condition:
        print("ok   %s" % what)
    else:
        print("FAIL %s" % what)
        failures.append(what)
    return condition


def body_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def token_hash(token):
    """What the server keeps: BLAKE2b-256 of the token, lower-case hex (libsodium's generichash)."""
    return hashlib.blake2b(token.encode("ascii"), digest_size=32).hexdigest()


def reset_link(message, server):
    links = re.findall(r"https?://\S+/password-reset/[A-Za-z0-9_-]+", body_of(message))
    if not check(len(links) == 1, "the mail holds one link to set a password"):
        return None, None
    parsed = urllib.parse.urlsplit(links[0])
    check("%s:%s" % (parsed.hostname, parsed.port) == "127.0.0.1:%d" % server.port, "the link goes to the public URL")
    return parsed.path, parsed.path.rsplit("/", 1)[1]


def page_form(server, path):
    """GETs a page with a form: its status, its text, the CSRF cookie and field."""
    shown = server.request("GET", path)
    cookies = {}
    for value in shown.header_values("Set-Cookie"):
        name, cookie_value, _ = parse_set_cookie(value)
        cookies[name] = cookie_value
    field = re.search(r'name="_csrf" value="([^"]+)"', shown.text)
    return shown, cookies, field.group(1) if field else ""


def post_form(server, path, cookies, fields):
    body = urllib.parse.urlencode(fields).encode("ascii")
    headers = [("Content-Type", "application/x-www-form-urlencoded"),
               ("Cookie", "; ".join("%s=%s" % item for item in cookies.items()))]
    return server.request("POST", path, headers=headers, body=body)


def alive(server, actor, mode):
    return server.request("GET", API + "/me", headers=actor.auth(mode)).status == 200


def run_sql(server, sql):
    if server.postgres_url:
        run_psql(server.db_url, sql)
        return
    path = server.db_url[len("sqlite:"):]
    if not os.path.isabs(path):
        path = os.path.join(server._cwd(), path)
    with sqlite3.connect(path) as connection:
        connection.execute(sql)


def database_holds(server, text):
    """Whether `text` is anywhere in the SQLite database's files (SQLite only)."""
    path = server.db_url[len("sqlite:"):]
    found = False
    for suffix in ("", "-wal"):
        if os.path.exists(path + suffix):
            with open(path + suffix, "rb") as handle:
                found = found or text.encode("ascii") in handle.read()
    return found


def forgotten_passwords(binary, postgres_url):
    inbox = Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    server = RitmeServer(binary, label="passwords", postgres_url=postgres_url,
                         serve_args=["--smtp", "smtp://127.0.0.1:%d" % smtp_port,
                                     "--mail-from", "Ritme <ritme@example.test>"])
    try:
        server.start()
        server.setup_admin()
        anna = server.add_actor("anna", locale="nl", name="Anna de Vries")
        bob = server.add_actor("bob", locale="en", name="Bob Baker")

        answers = [server.request("POST", API + "/auth/password-reset", body={"email": address})
                   for address in (anna.email, "Bob@Example.test", "nobody@example.test")]
        check([a.status for a in answers] == [202, 202, 202], "202 for members and for an unknown address alike")
        check(len({a.text for a in answers}) == 1, "the same body for each")
        messages = inbox.wait_for(2)
        to = sorted(recipient for recipients, _ in messages for recipient in recipients)
        check(to == [anna.email, bob.email], "mail went to Anna and Bob, none to the unknown address: %s" % to)
        mail = {recipients[0]: message for recipients, message in messages}
        if not check(anna.email in mail and bob.email in mail, "both mails are there"):
            return
        check(str(mail[anna.email]["Subject"]) == "Een nieuw wachtwoord voor Ritme", "Anna's subject is Dutch")
        check("Hallo Anna de Vries" in body_of(mail[anna.email]), "Anna's body is Dutch")
        check(str(mail[bob.email]["Subject"]) == "A new password for Ritme", "Bob's subject is English")
        check("Hello Bob Baker" in body_of(mail[bob.email]), "Bob's body is English")
        check("ritme@example.test" in str(mail[anna.email]["From"]), "From is the --mail-from address")
        anna_path, anna_token = reset_link(mail[anna.email], server)
        bob_path, bob_token = reset_link(mail[bob.email], server)
        if not (anna_path and bob_path):
            return

        if not server.postgres_url:
            check(not database_holds(server, anna_token), "the database does not hold the token itself")
            path = server.db_url[len("sqlite:"):]
            with sqlite3.connect(path) as connection:
                hashes = {row[0] for row in connection.execute("SELECT token_hash FROM password_resets")}
            check(token_hash(anna_token) in hashes and token_hash(bob_token) in hashes,
                  "it holds the tokens' hashes")

        # Anna's link through the API: a bad password changes nothing, a good one ends it all.
        shown, _, _ = page_form(server, anna_path)
        check(shown.status == 200 and anna.email in shown.text and 'name="password_repeat"' in shown.text,
              "the link's page asks for a new password (%d)" % shown.status)
        short = server.request("POST", API + "/auth/password-reset/" + anna_token, body={"password": "kort"})
        check(short.status == 422 and (short.json or {}).get("error", {}).get("field") == "password",
              "a short password is 422 on password (%d)" % short.status)
        check(alive(server, anna, "cookie") and alive(server, anna, "bearer"), "and ended nothing")
        new_anna = "een-nieuw-wachtwoord-voor-anna"
        done = server.request("POST", API + "/auth/password-reset/" + anna_token, body={"password": new_anna})
        check(done.status == 204, "the link sets the password: 204 (%d)" % done.status)
        check(not alive(server, anna, "cookie") and not alive(server, anna, "bearer"),
              "Anna's session and token are dead")
        check(alive(server, bob, "cookie"), "Bob's session lives on")
        login = server.request("POST", API + "/auth/login", body={"email": anna.email, "password": anna.password})
        check(login.status == 401, "the old password no longer signs in")
        login = server.request("POST", API + "/auth/login", body={"email": anna.email, "password": new_anna})
        check(login.status == 200, "the new one does")

        again = server.request("POST", API + "/auth/password-reset/" + anna_token, body={"password": "nog-een-wachtwoord"})
        check(again.status == 404, "a used link is 404 (%d)" % again.status)
        gone = server.request("GET", anna_path)
        check(gone.status == 200 and 'href="/password-reset"' in gone.text and 'name="password"' not in gone.text,
              "a used link's page says so and offers a new one (%d)" % gone.status)
        check("Deze link werkt niet meer" in gone.text or "This link no longer works" in gone.text,
              "in words a person reads")

        # Bob's link through the web page: two different passwords are refused, then it is set.
        shown, cookies, csrf = page_form(server, bob_path)
        check(shown.status == 200 and csrf, "Bob's link opens the form (%d)" % shown.status)
        new_bob = "a-new-password-for-bob"
        differ = post_form(server, bob_path, cookies, {"_csrf": csrf, "password": new_bob, "password_repeat": "other-one-entirely"})
        check(differ.status == 422 and 'aria-invalid="true"' in differ.text, "two different passwords: 422, marked")
        set_it = post_form(server, bob_path, cookies, {"_csrf": csrf, "password": new_bob, "password_repeat": new_bob})
        check(set_it.status in (302, 303) and "/login?reset=1" in (set_it.header("Location") or ""),
              "the page sets the password and goes to sign in (%d)" % set_it.status)
        check(not alive(server, bob, "cookie"), "Bob's session is dead")
        login = server.request("POST", API + "/auth/login", body={"email": bob.email, "password": new_bob})
        check(login.status == 200, "Bob signs in with the new password")

        # An expired link (made an hour and a minute ago): 404, and a clear page.
        expired = "Expired0Token0Of0Fortythree0Characters00000"
        now = int(time.time())
        run_sql(server, "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) "
                        "VALUES ('%s', '%s', %d, %d)" % (token_hash(expired), bob.id, now - 3660, now - 60))
        late = server.request("POST", API + "/auth/password-reset/" + expired, body={"password": "too-late-password"})
        check(late.status == 404, "an expired link is 404 (%d)" % late.status)
        gone = server.request("GET", "/password-reset/" + expired)
        check(gone.status == 200 and 'href="/password-reset"' in gone.text, "an expired link's page says so")
        login = server.request("POST", API + "/auth/login", body={"email": bob.email, "password": "too-late-password"})
        check(login.status == 401, "and the password stayed")

        # The forgotten-password page asks the address and answers the same for anyone.
        shown, cookies, csrf = page_form(server, "/password-reset")
        check(shown.status == 200 and 'name="email"' in shown.text, "the page asks the address")
        login_page = server.request("GET", "/login")
        check('href="/password-reset"' in login_page.text, "the sign-in page links to it")
        sent = post_form(server, "/password-reset", cookies, {"_csrf": csrf, "email": "nobody-else@example.test"})
        check(sent.status == 200 and 'role="status"' in sent.text, "an unknown address gets the same notice")
        check(inbox.wait_for(1, timeout=2.0) == [], "and no mail")

        log = "\n".join(server.stderr_lines + server.stdout_lines)
        check(anna_token not in log and bob_token not in log and expired not in log,
              "no link's token is in the server's log")
        check("/password-reset/{token}" in log, "the log names the route instead")
    finally:
        server.stop()
        controller.stop()


def idle_sessions(binary, postgres_url):
    server = RitmeServer(binary, label="idle", postgres_url=postgres_url, serve_args=["--session-idle-timeout", "2"])
    try:
        server.start()
        admin = server.setup_admin()
        kept = True
        for _ in range(4):
            time.sleep(1)
            kept = kept and alive(server, admin, "cookie")
        check(kept, "a session used every second stays alive past the idle timeout")
        time.sleep(3.2)
        check(not alive(server, admin, "cookie"), "a session unused for longer than the idle timeout is dead")
        check(alive(server, admin, "bearer"), "a token is not a session: it stays")
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--postgres", action="store_true", help="on PostgreSQL (RITME_TEST_PG_URL)")
    options = parser.parse_args()
    postgres_url = None
    if options.postgres:
        postgres_url = os.environ.get("RITME_TEST_PG_URL")
        if not postgres_url:
            sys.exit("--postgres needs RITME_TEST_PG_URL (tests/pg/with_postgres.sh sets it)")

    forgotten_passwords(options.binary, postgres_url)
    idle_sessions(options.binary, postgres_url)

    if failures:
        print("\n%d check(s) failed" % len(failures))
        return 1
    print("\nall password and session checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
