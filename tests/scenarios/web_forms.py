"""What the scenarios through the web pages share: a tally of checks, ended by one line
`N passed, N failed`, and a person's GET and form POST with their session cookie.
Standard library only."""

import html
import re
import urllib.parse

tally = {"passed": 0, "failed": 0}


def check(condition, what):
    if condition:
        tally["passed"] += 1
    else:
        tally["failed"] += 1
        print("FAIL %s" % what)


def finish():
    print("%d passed, %d failed" % (tally["passed"], tally["failed"]))
    return 1 if tally["failed"] else 0


def get(server, person, path):
    return server.request("GET", path, headers=[("Cookie", person.cookie_header())])


def post(server, person, path, fields):
    body = urllib.parse.urlencode(fields).encode("utf-8")
    return server.request("POST", path, body=body, headers=[
        ("Cookie", person.cookie_header()), ("Content-Type", "application/x-www-form-urlencoded")])


def hidden(page, name):
    """The value of the page's hidden field `name`, or None."""
    found = re.search(r'<input type="hidden" name="%s" value="([^"]*)"' % re.escape(name), page)
    return html.unescape(found.group(1)) if found else None
