#!/usr/bin/python3
"""Reminder e-mails end to end: a real SMTP server on loopback (Debian's python3-aiosmtpd),
a real `ritme serve` to make people and follow links, and `ritme reminders run --at`
from two processes at once and again afterwards, on one SQLite database.

Checks: each due reminder arrives exactly once, to the right person, with subject and body
in that person's language; the page link and the off link work; following the off link's
POST (RFC 8058 one-click, without a session) turns that level off; nothing is sent for a
level someone turned off or a day someone already wrote; SMTP credentials never show.

    reminders_test.py --binary build/release/ritme
"""

import argparse
import email
import email.policy
import os
import re
import subprocess
import sys
import threading
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
from ritme_server import API, RitmeServer, free_port  # noqa: E402

try:
    from aiosmtpd.controller import Controller
except ImportError:  # pragma: no cover
    sys.exit("python3-aiosmtpd is missing: apt-get install python3-aiosmtpd")

SMTP_PASSWORD = "geheim-smtp-wachtwoord-1234"

# Thursday 26 November 2026, 17:30 in Amsterdam: a workday, in week 48, in November's
# last 7 days. The next day is Friday the 27th.
THURSDAY = "2026-11-26T16:30:00Z"
FRIDAY = "2026-11-27T16:30:00Z"


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

    def take(self):
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


def run_pass(binary, db_url, at, smtp_port, public_url, cwd):
    return subprocess.Popen(
        [binary, "reminders", "run", "--at", at, "--db", db_url,
         "--smtp", "smtp://ritme:%s@127.0.0.1:%d" % (SMTP_PASSWORD, smtp_port),
         "--mail-from", "Ritme <ritme@example.test>", "--public-url", public_url],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if not k.startswith("RITME_")})


def finish(process):
    out, err = process.communicate(timeout=120)
    text = out.decode("utf-8", "replace") + err.decode("utf-8", "replace")
    check(process.returncode == 0, "reminders run exits 0 (%d): %s" % (process.returncode, text.strip()[-300:]))
    check(SMTP_PASSWORD not in text, "the SMTP password is never printed or logged")
    return text


def put_reminders(server, actor, body):
    answer = server.request("PUT", API + "/me/reminders", headers=actor.auth("bearer"), body=body)
    check(answer.status == 200, "PUT /me/reminders for %s answers 200 (%d %s)" % (actor.key, answer.status, answer.text[:200]))
    return answer.json


def by_recipient(messages):
    found = {}
    for recipients, message in messages:
        for recipient in recipients:
            found.setdefault(recipient, []).append(message)
    return found


def body_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def path_of(url, server):
    parsed = urllib.parse.urlsplit(url)
    check("%s:%s" % (parsed.hostname, parsed.port) == "127.0.0.1:%d" % server.port,
          "the link goes to the public URL: %s" % url)
    return parsed.path + ("?" + parsed.query if parsed.query else "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    options = parser.parse_args()

    inbox = Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    server = RitmeServer(options.binary, label="reminders")
    try:
        server.start()
        server.setup_admin()
        public_url = "http://127.0.0.1:%d" % server.port
        anna = server.add_actor("anna", locale="nl", name="Anna de Vries")
        bob = server.add_actor("bob", locale="en", name="Bob Baker")
        carol = server.add_actor("carol", locale="nl", name="Carol Claes")
        dave = server.add_actor("dave", locale="en", name="Dave Dekker")

        fresh = server.request("GET", API + "/me/reminders", headers=anna.auth("bearer")).json
        check(fresh is not None and all(fresh[level]["enabled"] is False for level in
                                        ("daily", "weekly", "monthly", "quarterly", "yearly")),
              "a new account has every reminder off")
        check(fresh["weekly"]["weekday"] == 5 and fresh["daily"]["time"] == "17:00", "defaults: Friday, 17:00")

        levels = {"daily": {"enabled": True, "time": "17:00"},
                  "weekly": {"enabled": True, "time": "17:15", "weekday": 4},
                  "monthly": {"enabled": True, "time": "09:00"}}
        for actor in (anna, bob):
            put_reminders(server, actor, levels)
        # Carol turned hers on and off again; Dave wrote his diary already.
        put_reminders(server, carol, levels)
        put_reminders(server, carol, {"daily": {"enabled": False}, "weekly": {"enabled": False},
                                      "monthly": {"enabled": False}})
        put_reminders(server, dave, {"daily": {"enabled": True, "time": "17:00"}})
        answer = server.request("PUT", API + "/diary/2026-11-26", headers=dave.auth("bearer"),
                                body={"learning_moments": "Ik leerde vandaag iets over feedback geven."})
        check(answer.status in (200, 201), "Dave writes his entry of 26 November (%d)" % answer.status)

        bad = server.request("PUT", API + "/me/reminders", headers=anna.auth("bearer"),
                             body={"daily": {"enabled": True, "time": "25:00"}})
        check(bad.status == 422 and (bad.json or {}).get("error", {}).get("field") == "daily.time",
              "a time that is no time is 422 on daily.time")
        bad = server.request("PUT", API + "/me/reminders", headers=anna.auth("bearer"),
                             body={"hourly": {"enabled": True}})
        check(bad.status == 422, "an unknown level is 422")
        after = server.request("GET", API + "/me/reminders", headers=anna.auth("bearer")).json
        check(after["daily"] == {"enabled": True, "time": "17:00"} and after["weekly"]["weekday"] == 4,
              "refused changes changed nothing")

        # Two processes at once, then a third: every reminder goes out exactly once.
        cwd = server._cwd()
        first = [run_pass(server.binary, server.db_url, THURSDAY, smtp_port, public_url, cwd) for _ in range(2)]
        for process in first:
            finish(process)
        finish(run_pass(server.binary, server.db_url, THURSDAY, smtp_port, public_url, cwd))
        messages = inbox.take()
        mails = by_recipient(messages)
        expected_subjects = {
            anna.email: {"Je leerdagboek van 26 november 2026", "Je peer-review van week 48 van 2026",
                         "Je maandreflectie over november 2026"},
            bob.email: {"Your learning diary for 26 November 2026", "Your peer review for week 48 of 2026",
                        "Your monthly reflection on November 2026"},
        }
        check(set(mails) == set(expected_subjects),
              "mail went to Anna and Bob only, not to Carol (turned off) or Dave (wrote): %s" % sorted(mails))
        for address, subjects in expected_subjects.items():
            got = [str(message["Subject"]) for message in mails.get(address, [])]
            check(sorted(got) == sorted(subjects), "%s got each reminder exactly once: %s" % (address, got))
            for message in mails.get(address, []):
                check(message["To"] is not None and address in str(message["To"]), "To is %s" % address)
                check("ritme@example.test" in str(message["From"]), "From is the --mail-from address")
                check(message["Message-ID"] is not None and message["Date"] is not None, "Date and Message-ID are set")
                check(message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8",
                      "text/plain; charset=utf-8")

        anna_daily = [m for m in mails.get(anna.email, []) if str(m["Subject"]).startswith("Je leerdagboek")]
        bob_daily = [m for m in mails.get(bob.email, []) if str(m["Subject"]).startswith("Your learning diary")]
        if check(anna_daily and bob_daily, "both daily reminders are there"):
            anna_body = body_of(anna_daily[0])
            bob_body = body_of(bob_daily[0])
            check("Hallo Anna de Vries" in anna_body and "leermomenten" in anna_body, "Anna's body is Dutch")
            check("Hello Bob Baker" in bob_body and "learning moments" in bob_body, "Bob's body is English")

            # The page link: the diary page of that day, for the signed-in person.
            page_links = re.findall(r"https?://\S+/diary/2026-11-26", anna_body)
            if check(len(page_links) == 1, "Anna's mail links to her diary page of 26 November"):
                page = server.request("GET", path_of(page_links[0], server), headers=[("Cookie", anna.cookie_header())])
                check(page.status == 200 and "text/html" in (page.header("Content-Type") or ""),
                      "the diary page opens for Anna (%d)" % page.status)

            # The off link: in the body and in List-Unsubscribe, the same address.
            header = str(anna_daily[0]["List-Unsubscribe"] or "")
            check(str(anna_daily[0]["List-Unsubscribe-Post"] or "") == "List-Unsubscribe=One-Click",
                  "List-Unsubscribe-Post asks for one-click")
            off_match = re.match(r"<(.+)>$", header.strip())
            if check(off_match is not None and off_match.group(1) in anna_body,
                     "List-Unsubscribe holds the off link that is also in the body"):
                off_path = path_of(off_match.group(1), server)
                shown = server.request("GET", off_path)
                check(shown.status == 200 and "Zet deze herinnering uit" in shown.text and 'lang="nl"' in shown.text,
                      "the off page shows one button, in Anna's language (%d)" % shown.status)
                check("<script>" not in shown.text and "style=" not in shown.text, "no inline script or style")

                forged = server.request("POST", off_path.replace("level=daily", "level=weekly"),
                                        headers=[("Content-Type", "application/x-www-form-urlencoded")],
                                        body=b"List-Unsubscribe=One-Click")
                check(forged.status == 404, "the signature of one level does not turn another off (%d)" % forged.status)
                tampered = re.sub(r"signature=[^&]+", "signature=AAAA", off_path)
                check(server.request("GET", tampered).status == 404, "a wrong signature is 404")

                # RFC 8058 one-click: a mail program's POST, no session, no CSRF token.
                clicked = server.request("POST", off_path,
                                         headers=[("Content-Type", "application/x-www-form-urlencoded")],
                                         body=b"List-Unsubscribe=One-Click")
                check(clicked.status == 200, "the one-click POST answers 200 (%d)" % clicked.status)
                now = server.request("GET", API + "/me/reminders", headers=anna.auth("bearer")).json
                check(now["daily"]["enabled"] is False, "Anna's daily reminder is off now")
                check(now["weekly"]["enabled"] is True and now["monthly"]["enabled"] is True,
                      "her other levels stay on")
            # Bob's off link in English.
            bob_off = re.match(r"<(.+)>$", str(bob_daily[0]["List-Unsubscribe"] or "").strip())
            if bob_off:
                shown = server.request("GET", path_of(bob_off.group(1), server))
                check(shown.status == 200 and "Turn this reminder off" in shown.text, "Bob's off page is English")

        # Friday: Bob and Dave (who has not written on Friday) get Friday's daily reminder;
        # Anna, who turned hers off, gets nothing; the weekly and monthly ones were sent
        # this week and month already.
        finish(run_pass(server.binary, server.db_url, FRIDAY, smtp_port, public_url, cwd))
        friday = by_recipient(inbox.take())
        check(sorted(friday) == [bob.email, dave.email], "on Friday only Bob and Dave get mail: %s" % sorted(friday))
        check([str(m["Subject"]) for m in friday.get(bob.email, [])] == ["Your learning diary for 27 November 2026"],
              "Bob gets just Friday's daily reminder, once")
        check([str(m["Subject"]) for m in friday.get(dave.email, [])] == ["Your learning diary for 27 November 2026"],
              "so does Dave, in English")
    finally:
        server.stop()
        controller.stop()

    if failures:
        print("\n%d check(s) failed" % len(failures))
        return 1
    print("\nall reminder checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
