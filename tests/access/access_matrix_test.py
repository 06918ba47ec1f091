#!/usr/bin/python3
"""Access-control matrix of the JSON API (docs/api-v1.md).

Every resource a person holds (and the admin's catalogue and counts), each way of
listing, reading, changing and deleting it, for each of eight callers:

    owner    Alice, who wrote it (cookie session + X-CSRF-Token)
    peer     Bob, Alice's fixed colleague now (bearer token)
    former   Carol, Alice's fixed colleague before Bob; that pair was ended (cookie session)
    other    Dave, a member with no tie to Alice (bearer token)
    admin    the admin made by POST /setup (cookie session)
    anon     no credentials at all
    expired  a cookie session of Alice (with its CSRF token) whose row in the SQLite file
             has its expiry in the past; put back before each cell, as the server may
             drop an expired session it meets
    revoked  a personal access token of Alice that she revoked

Each cell must answer the status the contract gives that caller. An answer that does
not show the resource (refused, or the caller's own data at the same path) must hold
none of the resource's marker words, in the body or the headers; an answer that shows
it must hold them; no answer ever holds a marker its caller may not see anywhere. A
change or delete cell that may not change the resource must leave the owner's view of
it exactly as it was; at the end the owner reads every resource back as written.

    access_matrix_test.py --binary build/release/ritme

Prints the matrix (status per caller; `*` marks a failing cell), the failures in detail,
and `access matrix: N cells, N passed`. Exit code 1 when a cell fails, 2 when the
server could not be prepared. Python 3 standard library only.
"""

import argparse
import datetime
import io
import itertools
import json
import os
import re
import sqlite3
import sys
import time
import zipfile
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
from ritme_server import API, Actor, RitmeServer, ServerError, password_for  # noqa: E402

# --- the callers ---------------------------------------------------------------------------

ACTORS = ("owner", "peer", "former", "other", "admin", "anon", "expired", "revoked")
MEMBERS = ("peer", "former", "other", "admin")  # signed in, not the owner
SIGNED_IN = ("owner",) + MEMBERS
UNAUTHENTICATED = ("anon", "expired", "revoked")
# Inside a row the refused callers go first and the owner last, so that an allowed change
# or delete (after which the resource is put back) comes after the cells that must not.
RUN_ORDER = ("anon", "expired", "revoked", "other", "former", "peer", "admin", "owner")

# key: (user key, display name, how it authenticates)
PEOPLE = {
    "owner": ("alice", "Alice", "cookie"),
    "peer": ("bob", "Bob", "bearer"),
    "former": ("carol", "Carol", "cookie"),
    "other": ("dave", "Dave", "bearer"),
    "admin": ("admin", "Ada Admin", "cookie"),
}

ERROR_CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
               409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
               422: "validation_failed", 429: "rate_limited"}

ACTIONS = ("list", "read", "change", "delete")

# --- marker words ----------------------------------------------------------------------------

ANIMALS = ("okapi", "tapir", "ibis", "lynx", "dingo", "gecko", "heron", "koala", "lemur", "marmot",
           "narwhal", "ocelot", "puffin", "quetzal", "serval", "tamarin", "urial", "vicuna", "walrus", "yak")
_numbers = itertools.count(101)


def marker_words(stem, count):
    """`count` words like "zebra-okapi-101": the stem names the resource, the number is unique."""
    return ["%s-%s-%d" % (stem, ANIMALS[index % len(ANIMALS)], next(_numbers)) for index in range(count)]


class SetupError(Exception):
    """The server or the data the matrix needs could not be prepared."""


# --- expectations ----------------------------------------------------------------------------

class Expect:
    """One cell's expectation, written as "200", "404|409", "200 sees", "204 changes",
    "200 counts": the status(es); `sees`: the answer shows the resource (its markers must
    be there); `changes`: an allowed change (the resource is put back afterwards instead
    of being checked unchanged); `counts`: numbers only, no marker of any resource."""

    def __init__(self, text):
        words = text.split()
        self.text = text
        self.statuses = tuple(int(code) for code in words[0].split("|"))
        flags = set(words[1:])
        unknown = flags - {"sees", "changes", "counts"}
        if unknown:
            raise ValueError("unknown expectation flag(s) %s in %r" % (sorted(unknown), text))
        self.sees = "sees" in flags
        self.changes = "changes" in flags
        self.counts = "counts" in flags


def by_actor(members=None, signed_in=None, unauth="401", **given):
    """Expectations per caller: `signed_in` for all five signed-in callers, `members` for the
    four besides the owner, `unauth` (default 401) for anon, expired and revoked; named
    callers override."""
    table = {}
    for actor in SIGNED_IN:
        if signed_in is not None:
            table[actor] = signed_in
    for actor in MEMBERS:
        if members is not None:
            table[actor] = members
    for actor in UNAUTHENTICATED:
        table[actor] = unauth
    table.update(given)
    missing = [actor for actor in ACTORS if actor not in table]
    if missing:
        raise ValueError("no expectation for %s" % ", ".join(missing))
    return {actor: Expect(text) for actor, text in table.items()}


class Row:
    """One request of the matrix, sent by each of the eight callers.

    path: API path (str.format with the world's variables; the calendar feed's own path is
    used as it is). body: None, a value, or a function (actor, world) -> value. shows:
    (world) -> the markers this request is about (default: the resource's): a `sees`
    answer must hold them, any other answer none of them. allow: (world) -> markers a
    `sees` answer may hold besides. check: (world, actor, answer) -> list of problems,
    for answers with the expected 2xx status."""

    def __init__(self, action, label, method, path, expect, body=None, shows=None, allow=None, check=None):
        assert action in ACTIONS, action
        self.action = action
        self.label = label
        self.method = method
        self.path = path
        self.expect = expect
        self.body = body
        self.shows = shows
        self.allow = allow
        self.check = check


def intruder(world, actor, what):
    """A text only `actor` writes: registered so that it may never show up for anyone else."""
    text = "intruder-%s-%s-%d" % (actor, what, next(_numbers))
    world.register_marker(text, {actor})
    return text


# --- comparing ------------------------------------------------------------------------------

def subset_problems(expected, actual, where="$"):
    """`expected` is a subset of `actual` (objects: the listed keys; lists: element-wise)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return ["%s: expected an object, got %s" % (where, short(actual))]
        problems = []
        for key, value in expected.items():
            if key not in actual:
                problems.append("%s.%s: missing" % (where, key))
            else:
                problems += subset_problems(value, actual[key], "%s.%s" % (where, key))
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return ["%s: expected %s, got %s" % (where, short(expected), short(actual))]
        problems = []
        for index, (want, have) in enumerate(zip(expected, actual)):
            problems += subset_problems(want, have, "%s[%d]" % (where, index))
        return problems
    if type(expected) is not type(actual) or expected != actual:
        return ["%s: expected %s, got %s" % (where, short(expected), short(actual))]
    return []


def short(value, limit=160):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "..."


def searchable(answer):
    """The answer's body and headers as one lower-case text: raw, JSON-unescaped, and with
    iCalendar's folded lines unfolded."""
    raw = answer.text
    parts = [raw, raw.replace("\r\n ", "").replace("\r\n\t", ""), unpacked_zip(answer.body)]
    if answer.is_json():
        parts.append(json.dumps(answer.json, ensure_ascii=False))
    parts += ["%s: %s" % header for header in answer.headers]
    return "\n".join(parts).lower()


def unpacked_zip(body):
    """A zip answer's files (the Markdown export) as text: names and unpacked contents."""
    if not body.startswith(b"PK"):
        return ""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(name + "\n" + archive.read(name).decode("utf-8", errors="replace")
                             for name in archive.namelist())
    except zipfile.BadZipFile:
        return ""


def feed_path(url):
    return urllib.parse.urlsplit(url).path


# --- the world: the server, the people, their credentials -----------------------------------

class World:
    def __init__(self, server):
        self.server = server
        self.people = {}  # actor key -> ritme_server.Actor
        self.headers = {}  # actor key -> request headers
        self.vars = {}  # path variables: event, token, competency, feed, old_feed, ...
        self.markers = {}  # marker text -> set of actor keys who may see it somewhere
        self.resources = []
        self.peer_key = None  # who is Alice's fixed colleague now
        self.fb = None  # the catalogue competency the owner's records use

    # -- markers

    def register_marker(self, text, visible_to):
        self.markers[text] = set(visible_to)

    def forbidden_for(self, actor):
        return {text for text, visible in self.markers.items() if actor not in visible}

    # -- requests

    def call(self, actor, method, path, body=None):
        return self.server.request(method, path, headers=list(self.headers.get(actor, [])), body=body)

    def must(self, actor, method, path, body=None, statuses=(200,), what=None):
        answer = self.call(actor, method, path, body)
        if answer.status not in statuses:
            raise SetupError("%s: %s %s answered %d, expected %s:\n%s" % (
                what or "setting up", method, path, answer.status, "|".join(map(str, statuses)),
                answer.pretty_body(1500)))
        return answer

    # -- people

    def add_people(self):
        self.people["admin"] = self.server.setup_admin()
        for key in ("owner", "peer", "former", "other"):
            user, name, _ = PEOPLE[key]
            email = "%s@example.test" % user
            if key == "owner":
                # The owner's address is personal data the peer may see, nobody else.
                self.owner_email_word = marker_words("wombat", 1)[0]
                email = "%s.%s@example.test" % (user, self.owner_email_word)
            actor = Actor(user, email, name, password_for(user))
            code, error = self.server.add_user(actor.email, actor.name, actor.password)
            if code != 0:
                raise SetupError("`ritme user add --email %s` exited with %d: %s" % (email, code, error.strip()))
            self.server.login(actor)
            self.people[key] = actor
        for key, (_, _, mode) in PEOPLE.items():
            person = self.people[key]
            self.headers[key] = person.auth(mode)
            # Credentials travel in requests only: no answer may hold them (the CSRF token
            # only in the person's own login answer, which is no cell).
            for secret in [person.token] + list(person.cookies.values()):
                self.register_marker(secret, set())
            self.register_marker(person.csrf, {key})
        self.headers["owner_bearer"] = self.people["owner"].auth("bearer")
        self.headers["anon"] = []

    def database(self):
        return sqlite3.connect(self.server.db_url[len("sqlite:"):], timeout=30)

    def expire_a_session(self):
        """A fresh cookie session of the owner, its expiry set to the past in the database."""
        owner = self.people["owner"]
        expired = Actor(owner.key, owner.email, owner.name, owner.password)
        self.server.login(expired)
        connection = self.database()
        try:
            with connection:
                changed = connection.execute("UPDATE sessions SET expires_at = ? WHERE csrf_token = ?",
                                             (int(time.time()) - 3600, expired.csrf)).rowcount
                self.expired_row = connection.execute(
                    "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
                    "WHERE csrf_token = ?", (expired.csrf,)).fetchone()
        finally:
            connection.close()
        if changed != 1:
            raise SetupError("the new session's row was not found in the sessions table (%d rows)" % changed)
        self.headers["expired"] = expired.auth("cookie")
        for secret in expired.cookies.values():
            self.register_marker(secret, set())
        self.register_marker(expired.csrf, set())

    def restore_expired_session(self):
        """The server may drop an expired session it meets; each cell meets it again as it was."""
        connection = self.database()
        try:
            with connection:
                connection.execute("INSERT OR REPLACE INTO sessions (token_hash, user_id, csrf_token, created_at, "
                                   "expires_at) VALUES (?, ?, ?, ?, ?)", self.expired_row)
        finally:
            connection.close()

    def revoke_a_token(self):
        made = self.must("owner_bearer", "POST", API + "/tokens", {"name": "soon revoked"}, (201,)).json
        self.must("owner_bearer", "DELETE", API + "/tokens/" + made["id"], statuses=(204,))
        self.register_marker(made["token"], set())
        self.headers["revoked"] = [("Authorization", "Bearer %s" % made["token"])]

    # -- the resources

    def resource(self, kind):
        return next(resource for resource in self.resources if isinstance(resource, kind))

    def shared_items(self):
        """(kind, period) of everything the owner shares, as GET /me/shared names them."""
        kinds = ((DiaryDay, "diary_entry", "day"), (Week, "weekly_review", "week"),
                 (Contract, "learning_contract", "quarter"))
        return [(name, getattr(resource, attribute)) for resource in self.resources
                for kind, name, attribute in kinds if isinstance(resource, kind) and resource.shared]

    # -- the pair

    def pair_with(self, key):
        """Alice invites `key`, who accepts; then everything is shared as it should be."""
        invitation = self.must("owner_bearer", "POST", API + "/peer/invitations",
                               {"email": self.people[key].email}, (201,), "inviting %s" % key).json
        self.must(key, "POST", API + "/peer/invitations/%s/accept" % invitation["id"], statuses=(200,),
                  what="%s accepting" % key)
        self.peer_key = key
        self.settle()

    def settle(self):
        """Every resource back in its intended state (idempotent); the pair first, as sharing needs it."""
        for resource in sorted(self.resources, key=lambda resource: not isinstance(resource, Pair)):
            if resource.problems(self):
                resource.repair(self)
            left = resource.problems(self)
            if left:
                raise SetupError("%s could not be put in place:\n  %s" % (resource.title, "\n  ".join(left)))


# --- resources ---------------------------------------------------------------------------------
#
# A resource knows its marker words, the rows of the matrix, the owner-side reads that
# show whether it changed (snapshot), how it should read back (problems) and how to put it
# back (repair). Paths in rows are relative to /api/v1.

class Resource:
    title = ""
    stem = None  # marker stem; None: no marker words of its own
    word_count = 0
    owner_reader = "owner_bearer"  # who reads it back: the owner, or the admin for the catalogue

    def __init__(self):
        self.words = marker_words(self.stem, self.word_count) if self.stem else []

    def visible_to(self):
        return {"owner"}

    def marker_texts(self, world):
        return list(self.words)

    def rows(self):
        return []

    def snapshot_paths(self, world):
        return []

    def snapshot(self, world):
        reads = [(path, world.call(self.owner_reader, "GET", API + path)) for path in self.snapshot_paths(world)]
        return [(path, answer.status, answer.json) for path, answer in reads]

    def problems(self, world):
        return []

    def repair(self, world):
        pass


class WrittenRecord(Resource):
    """A record the owner writes with PUT at a path of her own (diary day, week, month,
    contract, year): others' requests at the same path reach their own record."""
    path = ""

    def body(self, world):
        raise NotImplementedError

    def intruder_body(self, world, actor):
        raise NotImplementedError

    def put_body(self, actor, world):
        return self.body(world) if actor == "owner" else self.intruder_body(world, actor)

    def content(self, world):
        return self.body(world)

    def snapshot_paths(self, world):
        return [self.path]

    def problems(self, world):
        answer = world.call("owner_bearer", "GET", API + self.path)
        if answer.status != 200:
            return ["GET %s answered %d for the owner" % (self.path, answer.status)]
        return subset_problems(self.content(world), answer.json)

    def repair(self, world):
        world.must("owner_bearer", "PUT", API + self.path, self.body(world), (200, 201), "writing " + self.title)


class DiaryDay(WrittenRecord):
    word_count = 4

    def __init__(self, day, shared, stem):
        self.stem = stem
        super().__init__()
        self.day = day
        self.shared = shared
        self.path = "/diary/" + day
        self.title = "diary day %s (%s)" % (day, "shared" if shared else "not shared")

    def visible_to(self):
        return {"owner", "peer"} if self.shared else {"owner"}

    def body(self, world):
        m = self.words
        return {"learning_moments": "In the stand-up I asked about %s first" % m[0],
                "handling": "I waited for %s" % m[1], "key_learning": m[2], "competency_ids": [world.fb],
                "tags": [m[3]], "shared_with_peer": self.shared, "minutes": 25}

    def intruder_body(self, world, actor):
        return {"learning_moments": intruder(world, actor, "diary"), "shared_with_peer": False}

    def rows(self):
        peer_read = "200 sees" if self.shared else "404"
        month = self.day[:7]
        return [
            Row("list", "own diary", "GET", "/diary?from=%s-01&to=%s-28" % (month, month),
                by_actor(owner="200 sees", members="200")),
            Row("list", "search", "GET", "/diary?q=" + self.stem,
                by_actor(owner="200 sees", members="200")),
            Row("list", "peer's view", "GET", "/peer/diary",
                by_actor(peer="200 sees" if self.shared else "200", owner="200", members="404")),
            Row("read", "own diary", "GET", self.path, by_actor(owner="200 sees", members="404")),
            Row("read", "peer's view", "GET", "/peer/diary/" + self.day,
                by_actor(peer=peer_read, owner="404", members="404")),
            Row("change", "write the day", "PUT", self.path,
                by_actor(owner="200 sees changes", members="201"), body=self.put_body),
            Row("delete", "delete the day", "DELETE", self.path,
                by_actor(owner="204 changes", members="204")),
        ]


class Week(WrittenRecord):
    word_count = 4

    def __init__(self, week, shared, stem, deadline):
        self.stem = stem
        super().__init__()
        self.week = week
        self.shared = shared
        self.deadline = deadline
        self.path = "/weeks/" + week
        self.title = "weekly review %s (%s)" % (week, "shared" if shared else "not shared")

    def visible_to(self):
        return {"owner", "peer"} if self.shared else {"owner"}

    def body(self, world):
        m = self.words
        return {"peer_meeting": {"held": True, "day": self.deadline, "notes": "We talked about %s" % m[0]},
                "plan": {"competency_id": world.fb, "situation": "When %s comes up" % m[1],
                         "approach": "I will try %s" % m[2], "measure": "three times", "deadline": self.deadline},
                "act": "Next week: %s" % m[3], "shared_with_peer": self.shared}

    def intruder_body(self, world, actor):
        return {"act": intruder(world, actor, "week"), "shared_with_peer": False}

    def rows(self):
        return [
            Row("read", "own week", "GET", self.path, by_actor(owner="200 sees", members="404")),
            Row("read", "peer's view", "GET", "/peer/weeks/" + self.week,
                by_actor(peer="200 sees" if self.shared else "404", owner="404", members="404")),
            Row("change", "write the week", "PUT", self.path,
                by_actor(owner="200 sees changes", members="200"), body=self.put_body),
            # Into the trash (each member deletes the one they wrote at the same path).
            Row("delete", "delete the week", "DELETE", self.path, by_actor(owner="204 changes", members="204")),
        ]


class Month(WrittenRecord):
    stem = "meerkat"
    word_count = 3

    def __init__(self, month):
        super().__init__()
        self.path = "/months/" + month
        self.title = "monthly reflection " + month

    def body(self, world):
        m = self.words
        return {"focus_competency_ids": [world.fb], "went_well": "It went well with %s" % m[0],
                "could_be_better": "Could be better: %s" % m[1], "approach": "From now on %s" % m[2],
                "goal_progress": [], "sol_meeting_attended": True}

    def intruder_body(self, world, actor):
        return {"focus_competency_ids": [world.fb], "went_well": intruder(world, actor, "month")}

    def rows(self):
        return [
            Row("read", "own month", "GET", self.path, by_actor(owner="200 sees", members="404")),
            Row("change", "write the month", "PUT", self.path,
                by_actor(owner="200 sees changes", members="200"), body=self.put_body),
            # Into the trash (each member deletes the one they wrote at the same path).
            Row("delete", "delete the month", "DELETE", self.path, by_actor(owner="204 changes", members="204")),
        ]


class Contract(WrittenRecord):
    """A quarter's Learning Contract: `state` is "draft" (not shared), "shared" or "agreed"
    (shared, and the fixed colleague agreed)."""
    word_count = 6

    def __init__(self, quarter, state, stem, deadline):
        self.stem = stem
        super().__init__()
        self.quarter = quarter
        self.state = state
        self.shared = state != "draft"
        self.deadline = deadline
        self.path = "/contracts/" + quarter
        self.title = "learning contract %s (%s)" % (quarter, {"draft": "not shared", "shared": "shared",
                                                             "agreed": "shared, agreed"}[state])

    def visible_to(self):
        return {"owner", "peer"} if self.shared else {"owner"}

    def body(self, world):
        m = self.words
        return {"where_from": "I come from %s" % m[0], "where_now": "Now I lead %s" % m[1],
                "aims": "In three months: %s" % m[2], "approach": "Weekly practice with %s" % m[3],
                "evidence": "My colleague confirms %s" % m[4], "competency_ids": [world.fb],
                "goals": [{"text": "Goal: %s" % m[5], "measure": "ten times", "deadline": self.deadline}]}

    def intruder_body(self, world, actor):
        return {"where_from": intruder(world, actor, "contract"), "where_now": "", "aims": "", "approach": "",
                "evidence": "", "competency_ids": [world.fb], "goals": []}

    def content(self, world):
        content = self.body(world)
        content["status"] = self.state
        content["shared_with_peer"] = self.shared
        return content

    def discussion_body(self, actor, world):
        if actor == "peer":
            return {"comment": "Make the goal a little more measurable", "agree": False}
        return {"comment": intruder(world, actor, "comment"), "agree": False}

    def snapshot_paths(self, world):
        return [self.path, self.path + "/revisions"]

    def problems(self, world):
        answer = world.call("owner_bearer", "GET", API + self.path)
        if answer.status != 200:
            return ["GET %s answered %d for the owner" % (self.path, answer.status)]
        problems = subset_problems(self.body(world), answer.json)
        if answer.json.get("shared_with_peer") is not self.shared:
            problems.append("shared_with_peer is %s" % short(answer.json.get("shared_with_peer")))
        if world.peer_key == "peer" and answer.json.get("status") != self.state:
            problems.append("status is %s, not %s" % (short(answer.json.get("status")), self.state))
        return problems

    def repair(self, world):
        answer = world.call("owner_bearer", "GET", API + self.path)
        if answer.status != 200 or subset_problems(self.body(world), answer.json):
            world.must("owner_bearer", "PUT", API + self.path, self.body(world), what="writing " + self.title)
            answer = world.call("owner_bearer", "GET", API + self.path)
        if answer.json.get("shared_with_peer") is not self.shared:
            world.must("owner_bearer", "POST", API + self.path + ("/share" if self.shared else "/unshare"),
                       what="sharing " + self.title)
        if self.state == "agreed" and world.peer_key == "peer" \
                and world.call("owner_bearer", "GET", API + self.path).json.get("status") != "agreed":
            world.must("peer", "POST", API + "/peer/contracts/%s/discussion" % self.quarter, {"agree": True},
                       what="the peer agreeing to " + self.title)

    def rows(self):
        peer_sees = "200 sees" if self.shared else "404"
        # share needs a fixed colleague (409) and a contract (404): those without either may get either.
        return [
            Row("list", "revisions", "GET", self.path + "/revisions", by_actor(owner="200 sees", members="404")),
            Row("read", "own contract", "GET", self.path, by_actor(owner="200 sees", members="404")),
            Row("read", "peer's view", "GET", "/peer/contracts/" + self.quarter,
                by_actor(peer=peer_sees, owner="404", members="404")),
            Row("change", "peer's discussion", "POST", "/peer/contracts/%s/discussion" % self.quarter,
                by_actor(peer=peer_sees + (" changes" if self.shared else ""), owner="404", members="404"),
                body=self.discussion_body),
            Row("change", "unshare", "POST", self.path + "/unshare",
                by_actor(owner="200 sees changes", members="404")),
            Row("change", "share", "POST", self.path + "/share",
                by_actor(owner="200 sees changes", peer="404", former="404|409", other="404|409",
                         admin="404|409")),
            Row("change", "write the contract", "PUT", self.path,
                by_actor(owner="200 sees changes", members="200"), body=self.put_body),
            # Into the trash (each member deletes the one they wrote at the same path).
            Row("delete", "delete the contract", "DELETE", self.path, by_actor(owner="204 changes", members="204")),
        ]


class Year(WrittenRecord):
    stem = "pangolin"
    word_count = 2

    def __init__(self, year):
        super().__init__()
        self.path = "/years/" + year
        self.title = "yearly review " + year

    def body(self, world):
        return {"challenging": 4, "inspiring": 5, "rewarding": 3, "next_step": "grow_in_role",
                "notes": "Next year %s, and more %s" % tuple(self.words)}

    def intruder_body(self, world, actor):
        return {"challenging": 1, "inspiring": 1, "rewarding": 1, "next_step": "undecided",
                "notes": intruder(world, actor, "year")}

    def rows(self):
        return [
            Row("read", "own year", "GET", self.path, by_actor(owner="200 sees", members="404")),
            Row("change", "write the year", "PUT", self.path,
                by_actor(owner="200 sees changes", members="200"), body=self.put_body),
            # Into the trash (each member deletes the one they wrote at the same path).
            Row("delete", "delete the year", "DELETE", self.path, by_actor(owner="204 changes", members="204")),
        ]


class Material(Resource):
    """What each level builds on (GET .../material): the owner's own records drawn together.
    It has no words of its own: each row shows the markers of the records it draws on, and
    nobody else's answer at the same path holds any of them, not even the fixed
    colleague's, with whom some of them are shared."""
    title = "material of a month, a quarter and a year"

    @staticmethod
    def drawn(world, kind, pick, where=lambda resource: True):
        return [marker for resource in world.resources if isinstance(resource, kind) and where(resource)
                for marker in pick(resource)]

    def month(self, world):
        # The key learnings, the weeks' plans and Act lines, the quarter's contract's goal.
        return (self.drawn(world, DiaryDay, lambda day: [day.words[2]])
                + self.drawn(world, Week, lambda week: week.words[1:4])
                + self.drawn(world, Contract, lambda contract: [contract.words[5]],
                             lambda contract: contract.quarter == "2026-Q1"))

    def quarter(self, world):
        # The quarter before: its contract's aims and goal, its reflections, its key learnings.
        return (self.drawn(world, DiaryDay, lambda day: [day.words[2]])
                + self.drawn(world, Month, lambda month: month.words[:2])
                + self.drawn(world, Contract, lambda contract: [contract.words[2], contract.words[5]],
                             lambda contract: contract.quarter == "2026-Q1"))

    def year(self, world):
        # The year's contracts' goals, the years before.
        return (self.drawn(world, Contract, lambda contract: [contract.words[5]])
                + self.drawn(world, Year, lambda year: year.words))

    def rows(self):
        return [
            Row("read", "month's material", "GET", "/months/2026-03/material",
                by_actor(owner="200 sees", members="200"), shows=self.month),
            Row("read", "contract's material", "GET", "/contracts/2026-Q2/material",
                by_actor(owner="200 sees", members="200"), shows=self.quarter),
            Row("read", "year's material", "GET", "/years/2026/material",
                by_actor(owner="200 sees", members="200"), shows=self.year),
        ]


class DraftOfDay(WrittenRecord):
    """What the owner is writing on a diary day's form, kept as she types: hers alone."""
    stem = "axolotl"
    word_count = 2

    def __init__(self, day):
        super().__init__()
        self.path = "/drafts/diary/" + day
        self.title = "draft of diary day " + day

    def body(self, world):
        return {"learning_moments": "Half way through %s" % self.words[0], "tags": [self.words[1]]}

    def intruder_body(self, world, actor):
        return {"learning_moments": intruder(world, actor, "draft")}

    def content(self, world):
        return {"kind": "diary", "body": self.body(world)}

    def rows(self):
        return [
            Row("list", "own drafts", "GET", "/drafts", by_actor(owner="200 sees", members="200")),
            Row("read", "own draft", "GET", self.path, by_actor(owner="200 sees", members="404")),
            Row("change", "keep the draft", "PUT", self.path,
                by_actor(owner="200 sees changes", members="200"), body=self.put_body),
            Row("delete", "throw the draft away", "DELETE", self.path,
                by_actor(owner="204 changes", members="204")),
        ]


class ImportedDay(Resource):
    """A diary day the owner brought in from jrnl (POST /imports/jrnl): an import writes only
    to the caller's own diary, so others who import the same day reach their own."""
    stem = "wombat"
    word_count = 2
    day = "2020-03-03"
    title = "imported diary day " + day

    def jrnl(self, text, tag):
        return {"tags": {"@" + tag: 1}, "entries": [{"title": "Imported.", "body": text, "date": self.day,
                                                      "time": "09:00", "tags": ["@" + tag], "starred": False}]}

    def import_body(self, actor, world):
        if actor == "owner":
            return self.jrnl("Brought in %s" % self.words[0], self.words[1])
        return self.jrnl(intruder(world, actor, "import"), "intruder")

    def snapshot_paths(self, world):
        return ["/diary/" + self.day]

    def problems(self, world):
        answer = world.call("owner_bearer", "GET", API + "/diary/" + self.day)
        if answer.status != 200:
            return ["GET /diary/%s answered %d for the owner" % (self.day, answer.status)]
        return subset_problems({"learning_moments": "## Imported.\n\nBrought in %s" % self.words[0],
                                "tags": [self.words[1]], "shared_with_peer": False}, answer.json)

    def repair(self, world):
        world.must("owner_bearer", "POST", API + "/imports/jrnl", self.import_body("owner", world), (200,),
                   "importing " + self.title)

    def rows(self):
        return [Row("change", "import (jrnl)", "POST", "/imports/jrnl",
                    by_actor(owner="200 changes", members="200"), body=self.import_body)]


class TrashedDay(Resource):
    """A diary day the owner deleted: in her trash alone, restorable only by her."""
    title = "trashed diary day"
    stem = "okapi"
    word_count = 1
    day = "2026-03-16"

    def current(self, world):
        listed = world.call("owner_bearer", "GET", API + "/trash").json or {}
        return [item for item in listed.get("items", []) if item.get("period") == self.day]

    def snapshot_paths(self, world):
        return ["/trash"]

    def problems(self, world):
        found = self.current(world)
        if len(found) != 1:
            return ["GET /trash lists %d items of %s" % (len(found), self.day)]
        world.vars["trashed"] = found[0]["id"]
        return []

    def repair(self, world):
        for item in self.current(world):
            world.must("owner_bearer", "DELETE", API + "/trash/" + item["id"], None, (204,))
        world.must("owner_bearer", "PUT", API + "/diary/" + self.day,
                   {"learning_moments": "Deleted on purpose, %s" % self.words[0]}, (200, 201))
        world.must("owner_bearer", "DELETE", API + "/diary/" + self.day, None, (204,))
        world.vars["trashed"] = self.current(world)[0]["id"]

    def rows(self):
        return [
            Row("list", "own trash", "GET", "/trash", by_actor(owner="200 sees", members="200")),
            Row("change", "restore", "POST", "/trash/{trashed}/restore",
                by_actor(owner="200 sees changes", members="404")),
            Row("delete", "erase now", "DELETE", "/trash/{trashed}", by_actor(owner="204 changes", members="404")),
        ]


class Profile(Resource):
    title = "profile (/me)"

    def marker_texts(self, world):
        return [world.owner_email_word]

    def visible_to(self):
        return {"owner", "peer"}  # the peer sees the address in GET /peer

    def snapshot_paths(self, world):
        return ["/me"]

    def problems(self, world):
        answer = world.call("owner_bearer", "GET", API + "/me")
        return subset_problems({"email": world.people["owner"].email, "workdays": [1, 2, 3, 4, 5],
                                "peer": {"id": world.people[world.peer_key].id}}, answer.json)

    def rows(self):
        return [
            Row("read", "own profile", "GET", "/me", by_actor(owner="200 sees", members="200")),
            Row("change", "patch", "PATCH", "/me", by_actor(owner="200 sees", members="200"),
                body={"workdays": [1, 2, 3, 4, 5]}),
            # Erasing needs the password: with a wrong one every signed-in caller gets 403.
            Row("delete", "erase (wrong password)", "DELETE", "/me", by_actor(signed_in="403"),
                body={"password": "not-the-password-0000"}),
            # A new password needs the current one: with a wrong one every signed-in caller gets 403.
            Row("change", "change password (wrong current)", "POST", "/me/password", by_actor(signed_in="403"),
                body={"current_password": "not-the-password-0000", "new_password": "a-new-password-0000"}),
        ]


class AccessToken(Resource):
    title = "access token"
    stem = "capybara"
    word_count = 1

    def name(self):
        return "Laptop %s" % self.words[0]

    def snapshot_paths(self, world):
        return ["/tokens"]

    def current(self, world):
        listed = world.call("owner_bearer", "GET", API + "/tokens").json or {}
        return [token for token in listed.get("tokens", []) if token.get("name") == self.name()]

    def problems(self, world):
        found = self.current(world)
        if len(found) != 1:
            return ["GET /tokens lists %d tokens named %r" % (len(found), self.name())]
        world.vars["token"] = found[0]["id"]
        return []

    def repair(self, world):
        made = world.must("owner_bearer", "POST", API + "/tokens", {"name": self.name()}, (201,)).json
        world.register_marker(made["token"], set())  # shown once, to nobody afterwards
        world.vars["token"] = made["id"]

    def rows(self):
        return [
            Row("list", "own tokens", "GET", "/tokens", by_actor(owner="200 sees", members="200")),
            Row("delete", "revoke", "DELETE", "/tokens/{token}", by_actor(owner="204 changes", members="404")),
        ]


class SignedInSession(Resource):
    """A session of the owner's on another device, known by the words of its User-Agent:
    GET /me/sessions shows it (never its secret) to her alone; only she can end it."""
    title = "session"
    stem = "okapi"
    word_count = 1

    def mine(self, world):
        listed = world.call("owner_bearer", "GET", API + "/me/sessions").json or {}
        return [session for session in listed.get("sessions", []) if self.words[0] in session.get("user_agent", "")]

    def snapshot(self, world):
        return [(session["id"], session["user_agent"]) for session in self.mine(world)]

    def problems(self, world):
        found = self.mine(world)
        if len(found) != 1:
            return ["GET /me/sessions lists %d sessions from the device %r" % (len(found), self.words[0])]
        world.vars["session"] = found[0]["id"]
        return []

    def repair(self, world):
        owner = world.people["owner"]
        answer = world.server.request("POST", API + "/auth/login",
                                      headers=[("User-Agent", "Tablet/1.0 (%s)" % self.words[0])],
                                      body={"email": owner.email, "password": owner.password})
        if answer.status != 200:
            raise SetupError("signing the owner in on another device answered %d" % answer.status)
        for value in answer.header_values("Set-Cookie"):
            world.register_marker(value.split(";", 1)[0].split("=", 1)[-1], set())  # its secret: nobody's
        world.register_marker(answer.json["csrf_token"], set())
        self.problems(world)

    def rows(self):
        return [
            Row("list", "own sessions", "GET", "/me/sessions", by_actor(owner="200 sees", members="200")),
            Row("delete", "end one", "DELETE", "/me/sessions/{session}", by_actor(owner="204 changes", members="404")),
        ]


class Reminders(Resource):
    title = "reminder settings"
    settings = {"daily": {"enabled": True, "time": "04:37"}}

    def marker_texts(self, world):
        return ['"04:37"']  # nobody else has a reminder at that time

    def snapshot_paths(self, world):
        return ["/me/reminders"]

    def problems(self, world):
        return subset_problems(self.settings, world.call("owner_bearer", "GET", API + "/me/reminders").json)

    def repair(self, world):
        world.must("owner_bearer", "PUT", API + "/me/reminders", self.settings, what="setting reminders")

    def rows(self):
        return [
            Row("read", "own settings", "GET", "/me/reminders", by_actor(owner="200 sees", members="200")),
            Row("change", "set", "PUT", "/me/reminders", by_actor(owner="200 sees", members="200"),
                body={"yearly": {"enabled": False}}),
        ]


class CalendarFeed(Resource):
    """The secret feed address: GET /me/calendar shows it to the owner; the feed itself
    needs no session (whoever has the address reads it); rotating kills the old address."""
    title = "calendar feed"

    def marker_texts(self, world):
        return [world.vars["feed_secret"]]

    def snapshot_paths(self, world):
        return ["/me/calendar"]

    def problems(self, world):
        # Also keeps track of the address: after a rotation the old one is `old_feed` and a
        # marker nobody may see any more.
        url = (world.call("owner_bearer", "GET", API + "/me/calendar").json or {}).get("url", "")
        secret = feed_path(url).rsplit("/", 1)[-1].replace(".ics", "")
        if not secret:
            return ["GET /me/calendar gave no url"]
        old = world.vars.get("feed_secret")
        if old and old != secret:
            world.vars["old_feed"] = "/calendar/%s.ics" % old
            world.register_marker(old, set())
        world.vars["feed_secret"] = secret
        world.vars["feed"] = feed_path(url)
        world.register_marker(secret, {"owner"})
        return []

    def rows(self):
        def event_title(world):
            return world.resource(LearningDay).words[:1]

        def event_rest(world):
            return world.resource(LearningDay).words[1:] + [world.vars["feed_secret"]]

        def event_words(world):
            return world.resource(LearningDay).words

        # The feed holds the events the owner goes to: her own event's title at least.
        return [
            Row("read", "address", "GET", "/me/calendar", by_actor(owner="200 sees", members="200")),
            Row("read", "the feed", "GET", "{feed}", by_actor(signed_in="200 sees", unauth="200 sees"),
                shows=event_title, allow=event_rest),
            Row("change", "rotate", "POST", "/me/calendar/rotate", by_actor(owner="200 changes", members="200")),
            Row("read", "old feed address", "GET", "{old_feed}", by_actor(signed_in="404", unauth="404"),
                shows=event_words),
        ]


class LearningDay(Resource):
    """A lerende organisatie dag the owner organises (and goes to): every member may see
    and answer it; only she and admins may change or delete it."""
    title = "event organised by the owner"
    stem = "flamingo"
    word_count = 3

    def __init__(self):
        super().__init__()
        start = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=60)
        self.day = start.isoformat()
        self.starts_at = "%sT07:00:00Z" % self.day
        self.ends_at = "%sT15:00:00Z" % self.day

    def visible_to(self):
        return set(SIGNED_IN)

    def content(self):
        m = self.words
        return {"kind": "learning_day", "title": "Learning day %s" % m[0], "starts_at": self.starts_at,
                "ends_at": self.ends_at, "location": "Room %s" % m[1], "description": "Programme about %s" % m[2],
                "capacity": 50}

    def snapshot_paths(self, world):
        return ["/events/{event}".format(**world.vars)]

    def problems(self, world):
        if "event" not in world.vars:
            return ["no event yet"]
        answer = world.call("owner_bearer", "GET", API + "/events/" + world.vars["event"])
        if answer.status != 200:
            return ["GET /events/{id} answered %d for the owner" % answer.status]
        expected = dict(self.content(), my_rsvp="going", organiser={"id": world.people["owner"].id})
        return subset_problems(expected, answer.json)

    def repair(self, world):
        answer = world.call("owner_bearer", "GET", API + "/events/" + world.vars.get("event", "none"))
        if answer.status != 200:
            made = world.must("owner_bearer", "POST", API + "/events", self.content(), (201,), "organising").json
            world.vars["event"] = made["id"]
        else:
            fields = {key: value for key, value in self.content().items() if key != "kind"}
            world.must("owner_bearer", "PATCH", API + "/events/" + world.vars["event"], fields)
        world.must("owner_bearer", "POST", API + "/events/%s/rsvp" % world.vars["event"], {"status": "going"})

    def patch_body(self, actor, world):
        if actor == "owner":
            return {"title": self.content()["title"]}
        if actor == "admin":
            return {"description": self.content()["description"]}
        return {"title": intruder(world, actor, "event")}

    def session_body(self, actor, world):
        title = "Opening" if actor in ("owner", "admin") else intruder(world, actor, "session")
        return {"title": title, "starts_at": "%sT08:00:00Z" % self.day, "ends_at": "%sT08:30:00Z" % self.day}

    @staticmethod
    def rsvp_body(actor, world):
        return {"status": "going" if actor == "owner" else "not_going"}

    @staticmethod
    def check_rsvp(world, actor, answer):
        want = "going" if actor == "owner" else "not_going"
        mine = (answer.json or {}).get("my_rsvp")
        return [] if mine == want else ["my_rsvp is %s, expected %r (the caller's own answer)" % (short(mine), want)]

    def rows(self):
        organiser = by_actor(owner="200 sees changes", admin="200 sees changes", members="403")
        return [
            Row("list", "events", "GET", "/events?from=%s&to=%s" % (self.day, self.day),
                by_actor(signed_in="200 sees")),
            Row("read", "the event", "GET", "/events/{event}", by_actor(signed_in="200 sees")),
            # Anyone may answer; it is the caller's own RSVP and leaves the owner's untouched.
            Row("change", "rsvp", "POST", "/events/{event}/rsvp", by_actor(signed_in="200 sees"),
                body=self.rsvp_body, check=self.check_rsvp),
            Row("change", "patch", "PATCH", "/events/{event}", organiser, body=self.patch_body),
            Row("change", "add a session", "POST", "/events/{event}/sessions",
                by_actor(owner="201 changes", admin="201 changes", members="403"), body=self.session_body),
            Row("delete", "delete", "DELETE", "/events/{event}",
                by_actor(owner="204 changes", admin="204 changes", members="403")),
        ]


class SharedOverview(Resource):
    """GET /me/shared: what the owner shares with her fixed colleague now (no text)."""
    title = "what the owner shares (/me/shared)"

    def check(self, world, actor, answer):
        items = (answer.json or {}).get("items")
        if not isinstance(items, list):
            return ["no items list"]
        got = sorted((item.get("kind"), item.get("period")) for item in items)
        want = sorted(world.shared_items()) if actor == "owner" else []
        return [] if got == want else ["items %s, expected %s" % (got, want)]

    def rows(self):
        return [Row("read", "shared items", "GET", "/me/shared", by_actor(owner="200", members="200"),
                    check=self.check)]


class Export(Resource):
    title = "export (/me/export)"

    def marker_texts(self, world):
        return [text for resource in world.resources if isinstance(resource, (WrittenRecord, LearningDay,
                                                                             AccessToken, Reminders, Profile))
                for text in resource.marker_texts(world)]

    def rows(self):
        return [Row("read", "export", "GET", "/me/export", by_actor(owner="200 sees", members="200"))]


class MarkdownExport(Resource):
    """GET /me/export?format=markdown: a zip of the caller's own diary days and levels, as
    Markdown (drafts only in the JSON export); the owner's texts are in it, unpacked, and
    nobody else's."""
    title = "Markdown export (/me/export?format=markdown)"

    def marker_texts(self, world):
        return [text for resource in world.resources
                if isinstance(resource, (WrittenRecord, ImportedDay)) and not isinstance(resource, DraftOfDay)
                for text in resource.marker_texts(world)]

    def rows(self):
        return [Row("read", "Markdown export", "GET", "/me/export?format=markdown",
                    by_actor(owner="200 sees", members="200"))]


class Catalogue(Resource):
    """The competency catalogue: the admin's; every member reads it, only admins change it."""
    title = "competency catalogue (admin)"
    stem = "axolotl"
    word_count = 2
    owner_reader = "admin"

    def visible_to(self):
        return set(SIGNED_IN)

    def content(self):
        return {"name": "Competency %s" % self.words[0], "description": "About %s" % self.words[1]}

    def snapshot_paths(self, world):
        return ["/competencies"]

    def problems(self, world):
        listed = (world.call("admin", "GET", API + "/competencies").json or {}).get("competencies", [])
        found = [item for item in listed if item.get("id") == world.vars.get("competency")]
        if len(found) != 1:
            return ["the competency is not in the catalogue"]
        return subset_problems(dict(self.content(), archived=False), found[0])

    def repair(self, world):
        if "competency" not in world.vars:
            made = world.must("admin", "POST", API + "/competencies", self.content(), (201,)).json
            world.vars["competency"] = made["id"]
        else:
            world.must("admin", "PATCH", API + "/competencies/" + world.vars["competency"],
                       dict(self.content(), archived=False))

    @staticmethod
    def add_body(actor, world):
        if actor == "admin":
            return {"name": "Matrix addition %d" % next(_numbers), "description": ""}
        return {"name": intruder(world, actor, "competency"), "description": ""}

    def patch_body(self, actor, world):
        if actor == "admin":
            return {"description": self.content()["description"]}
        return {"description": intruder(world, actor, "competency")}

    def rows(self):
        return [
            Row("list", "catalogue", "GET", "/competencies", by_actor(signed_in="200 sees")),
            Row("change", "add", "POST", "/competencies", by_actor(admin="201 changes", owner="403", members="403"),
                body=self.add_body),
            Row("change", "patch", "PATCH", "/competencies/{competency}",
                by_actor(admin="200 sees changes", owner="403", members="403"), body=self.patch_body),
        ]


class Participation(Resource):
    title = "participation counts (admin)"

    @staticmethod
    def counts_only(world, actor, answer):
        problems = []

        def walk(value, where):
            if isinstance(value, dict):
                for key, item in value.items():
                    walk(item, "%s.%s" % (where, key))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    walk(item, "%s[%d]" % (where, index))
            elif isinstance(value, str):
                if not re.match(r"^\d{4}(-(\d{2}|W\d{2}|Q\d))?(-\d{2})?$", value):
                    problems.append("%s: %s is neither a count nor a period" % (where, short(value)))
            elif not (value is None or isinstance(value, (int, float))):
                problems.append("%s: %s is not a count" % (where, short(value)))
        walk(answer.json, "$")
        return problems

    def rows(self):
        return [Row("read", "counts", "GET", "/admin/participation?period=2026-03",
                    by_actor(admin="200 counts", owner="403", members="403"), check=self.counts_only)]


class Pair(Resource):
    """The owner's pair with her fixed colleague. Ending it is allowed to both of them;
    the test then pairs them again and shares everything as before."""
    title = "the pair (/peer)"

    def marker_texts(self, world):
        return [world.owner_email_word]

    def visible_to(self):
        return {"owner", "peer"}

    def snapshot_paths(self, world):
        return ["/peer"]

    def problems(self, world):
        answer = world.call("owner_bearer", "GET", API + "/peer")
        if answer.status != 200:
            return ["GET /peer answered %d for the owner" % answer.status]
        return subset_problems({"peer": {"id": world.people[world.peer_key].id}}, answer.json)

    def repair(self, world):
        if world.call("owner_bearer", "GET", API + "/peer").status == 404:
            world.pair_with(world.peer_key)

    def rows(self):
        both = by_actor(owner="200 changes", peer="200 changes", former="404", other="404", admin="404")
        return [
            Row("read", "the pair", "GET", "/peer", by_actor(owner="200", peer="200 sees", former="404",
                                                            other="404", admin="404")),
            Row("change", "meeting slot", "PUT", "/peer/meeting", both,
                body={"weekday": 3, "time": "08:15", "duration_minutes": 30}),
            Row("delete", "end the pair", "DELETE", "/peer",
                by_actor(owner="204 changes", peer="204 changes", former="404", other="404", admin="404")),
        ]


def all_resources():
    return [
        DiaryDay("2026-03-02", True, "zebra"),
        DiaryDay("2026-03-03", False, "quokka"),
        Week("2026-W10", True, "toucan", "2026-03-05"),
        Week("2026-W11", False, "iguana", "2026-03-12"),
        Month("2026-03"),
        Contract("2026-Q1", "agreed", "albatross", "2026-03-27"),
        Contract("2026-Q2", "shared", "bonobo", "2026-06-26"),
        Contract("2026-Q3", "draft", "chinchilla", "2026-09-25"),
        Year("2025"),
        Material(),
        DraftOfDay("2026-03-09"),
        ImportedDay(),
        TrashedDay(),
        Profile(),
        SharedOverview(),
        Export(),
        MarkdownExport(),
        Reminders(),
        AccessToken(),
        SignedInSession(),
        LearningDay(),
        CalendarFeed(),
        Catalogue(),
        Participation(),
        Pair(),  # last: ending the pair and pairing again touches all that is shared
    ]


# --- running the matrix --------------------------------------------------------------------------

class Cell:
    def __init__(self, resource, row, actor):
        self.resource = resource
        self.row = row
        self.actor = actor
        self.expect = row.expect[actor]
        self.request = None
        self.answer = None
        self.problems = []

    @property
    def passed(self):
        return not self.problems


def resolve(world, row):
    path = row.path.format(**world.vars)
    return path if path.startswith("/calendar/") else API + path


def marker_problems(world, cell, answer):
    """Markers the answer must not hold (any its caller may never see; the resource's own
    unless the cell shows it; every one for counts), and those it must hold (a cell that
    shows the resource, when it answered as expected)."""
    row, expect = cell.row, cell.expect
    text = searchable(answer)
    about = set(row.shows(world) if row.shows else cell.resource.marker_texts(world))
    required = set()
    if expect.counts:
        forbidden = set(world.markers)
    elif expect.sees:
        required = about
        forbidden = world.forbidden_for(cell.actor) - about - set(row.allow(world) if row.allow else [])
    else:
        forbidden = world.forbidden_for(cell.actor) | about
    problems = []
    leaked = sorted(marker for marker in forbidden if marker.lower() in text)
    if leaked:
        problems.append("the answer holds %s" % ", ".join(leaked))
    if answer.status in expect.statuses and answer.status < 400:
        absent = sorted(marker for marker in required if marker.lower() not in text)
        if absent:
            problems.append("the answer lacks %s" % ", ".join(absent))
    return problems


def run_cell(world, cell):
    row, actor, expect = cell.row, cell.actor, cell.expect
    try:
        path = resolve(world, row)
    except KeyError as missing:
        cell.problems.append("no value for %s in the path (an earlier step failed)" % missing)
        return
    body = row.body(actor, world) if callable(row.body) else row.body
    cell.request = (row.method, path, body)
    guarded = row.action in ("change", "delete") and not expect.changes
    before = cell.resource.snapshot(world) if guarded else None

    if actor == "expired":
        world.restore_expired_session()
    answer = world.call(actor, row.method, path, body)
    cell.answer = answer
    problems = cell.problems
    if answer.status not in expect.statuses:
        problems.append("status %d, expected %s" % (answer.status, expect.text.split()[0]))
    if path.startswith(API) and answer.status in ERROR_CODES:
        error = (answer.json or {}).get("error") if isinstance(answer.json, dict) else None
        if not isinstance(error, dict) or error.get("code") != ERROR_CODES[answer.status] \
                or not error.get("message"):
            problems.append("error body is not {\"error\": {\"code\": \"%s\", \"message\": ...}}"
                            % ERROR_CODES[answer.status])

    problems += marker_problems(world, cell, answer)
    if answer.status in expect.statuses and answer.status < 400 and row.check:
        problems += row.check(world, actor, answer)

    if guarded:
        after = cell.resource.snapshot(world)
        if after != before:
            problems.append("the owner's %s changed: %s" % (cell.resource.title, describe_change(before, after)))
    if expect.changes or (guarded and problems):
        try:
            world.settle()
        except SetupError as error:
            problems.append("could not put things back afterwards: %s" % error)


def differences(before, after, where="$"):
    """Where two JSON values differ: ["$.location: "Room x" -> "Moved"", ...]."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in sorted(set(before) | set(after)):
            found += differences(before.get(key, "(absent)"), after.get(key, "(absent)"), "%s.%s" % (where, key))
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        found = []
        for index, (old, new) in enumerate(zip(before, after)):
            found += differences(old, new, "%s[%d]" % (where, index))
        return found
    return [] if before == after else ["%s: %s -> %s" % (where, short(before, 120), short(after, 120))]


def describe_change(before, after):
    for (path, status_a, json_a), (_, status_b, json_b) in zip(before, after):
        if status_a != status_b:
            return "GET %s answered %d, now %d" % (path, status_a, status_b)
        found = differences(json_a, json_b)
        if found:
            return "GET %s: %s" % (path, "; ".join(found[:4]))
    return "(the reads differ)"


def prepare(world):
    server = world.server
    server.start()
    world.add_people()
    world.fb = world.must("admin", "POST", API + "/competencies",
                          {"name": "Giving feedback", "description": ""}, (201,)).json["id"]
    world.resources = all_resources()
    for resource in world.resources:
        for text in resource.words:
            world.register_marker(text, resource.visible_to())
    world.register_marker(world.owner_email_word, {"owner", "peer"})

    # Carol first: Alice shares with her, Carol opens what is shared, and the pair ends
    # ("nothing either of the two shared stays shared"). Then Bob becomes the peer.
    world.pair_with("former")
    for path in ("/peer/diary/2026-03-02", "/peer/weeks/2026-W10", "/peer/contracts/2026-Q1"):
        world.must("former", "GET", API + path, what="the fixed colleague of then reading")
    world.must("former", "DELETE", API + "/peer", statuses=(204,), what="ending the first pair")
    world.peer_key = None
    world.pair_with("peer")

    world.expire_a_session()
    world.revoke_a_token()


def run(world):
    cells = []
    for resource in world.resources:
        for row in resource.rows():
            row_cells = {}
            for actor in RUN_ORDER:
                cell = Cell(resource, row, actor)
                run_cell(world, cell)
                row_cells[actor] = cell
                cells.append(cell)
            print_row(resource, row, row_cells)
    return cells


COLUMNS = ACTORS
HEADER = "%-40s %-7s %-46s " % ("resource", "action", "request") + " ".join("%-7s" % name for name in COLUMNS)


def print_row(resource, row, row_cells):
    if print_row.last_resource is not resource:
        print()
        print_row.last_resource = resource
    marks = []
    for actor in COLUMNS:
        cell = row_cells[actor]
        got = str(cell.answer.status) if cell.answer is not None else "---"
        marks.append("%-7s" % (got + ("" if cell.passed else "*")))
    request = "%s %s" % (row.method, row.path)
    print("%-40s %-7s %-46s %s" % (resource.title[:40], row.action, request[:46], " ".join(marks)))
    sys.stdout.flush()


print_row.last_resource = None


def read_back(world):
    problems = []
    for resource in world.resources:
        for problem in resource.problems(world):
            problems.append("%s: %s" % (resource.title, problem))
    return problems


def report_failure(cell):
    method, path, body = cell.request or (cell.row.method, cell.row.path, None)
    lines = ["FAIL  %s | %s | %s (%s) | expected %s | got %s" % (
        cell.actor, cell.resource.title, cell.row.action, cell.row.label, cell.expect.text,
        cell.answer.status if cell.answer is not None else "no answer")]
    lines += ["      - %s" % problem for problem in cell.problems]
    lines.append("      request: %s %s%s" % (method, path, "" if body is None else " " + short(body, 300)))
    if cell.answer is not None:
        body = cell.answer.pretty_body(600).replace("\n", "\n        ")
        lines.append("      answer: %d %s" % (cell.answer.status, body))
    return "\n".join(lines)


def uncovered(world):
    """(resource, action) pairs the API has no request for."""
    missing = []
    for resource in world.resources:
        present = {row.action for row in resource.rows()}
        gaps = [action for action in ACTIONS if action not in present]
        if gaps:
            missing.append("%s: %s" % (resource.title, ", ".join(gaps)))
    return missing


def main(argv=None):
    parser = argparse.ArgumentParser(description="The JSON API's access-control matrix against the real binary.")
    parser.add_argument("--binary", required=True, help="path of the ritme binary")
    options = parser.parse_args(argv)

    started = time.monotonic()
    server = RitmeServer(options.binary, label="ritme-access")
    world = World(server)
    try:
        try:
            prepare(world)
        except (ServerError, SetupError, OSError) as error:
            print("could not prepare the server and its data: %s" % error)
            if server.process is not None:
                print(server.log_tail())
            return 2
        print("callers: " + ", ".join("%s = %s (%s)" % (key, PEOPLE[key][1], PEOPLE[key][2]) for key in PEOPLE)
              + ", anon, expired (owner's cookie session), revoked (owner's token)")
        print(HEADER)
        cells = run(world)
        back = read_back(world)
        alive = server.alive()
    finally:
        server.stop()

    failed = [cell for cell in cells if not cell.passed]
    print()
    print("not offered by the API (no cells): " + "; ".join(uncovered(world)))
    if back:
        print("read-back by the owner after the matrix:")
        for problem in back:
            print("FAIL  " + problem)
    else:
        print("read-back by the owner after the matrix: all %d resources as written" % len(world.resources))
    if not alive:
        print("FAIL  the server died during the run")
    for cell in failed:
        print(report_failure(cell))
    print("access matrix: %d cells, %d passed, %d failed (%.1f s)" % (
        len(cells), len(cells) - len(failed), len(failed), time.monotonic() - started))
    return 1 if failed or back or not alive else 0


if __name__ == "__main__":
    sys.exit(main())
