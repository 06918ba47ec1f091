#!/usr/bin/env python3
"""Runs Ritme API case files against the real binary. Format: tests/api/README.md.

    run_cases.py --binary build/release/ritme tests/api/cases/diary.case [...]
    run_cases.py --check tests/api/cases/*.case      (parse only, no server)
    run_cases.py --binary ... --db-url postgresql://ritme@127.0.0.1:5432/ritme CASEFILE...
    run_cases.py --binary ... --postgres CASEFILE...  (the server in $RITME_TEST_PG_URL)

Each case file runs against its own fresh server (temp dir, SQLite file, free port), or,
with --db-url/--postgres, a fresh database per case file on that PostgreSQL server.
Prints one line per step, the details of every failure, and ends with one line
`N passed, N failed`; exits 1 when anything failed. Standard library only.
"""

import argparse
import json
import os
import re
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ritme_server import (API, Actor, RitmeServer, ServerError, password_for)  # noqa: E402

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def file_body(path):
    """@file: the bytes of a file of the repository, or a folder as a zip of its files."""
    import io
    import zipfile
    full = os.path.join(REPOSITORY, path)
    if os.path.isfile(full):
        with open(full, "rb") as file:
            return file.read()
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder, _, names in sorted(os.walk(full)):
            for name in sorted(names):
                on_disk = os.path.join(folder, name)
                archive.write(on_disk, os.path.relpath(on_disk, full))
    return packed.getvalue()

def unpacked_zip(body):
    """A zip answer's entries as text (each name, then its content), for @body-contains and
    @not-contains; "" for any other body."""
    import io
    import zipfile
    if not body.startswith(b"PK"):
        return ""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(name + "\n" + archive.read(name).decode("utf-8", errors="replace")
                             for name in archive.namelist())
    except zipfile.BadZipFile:
        return ""


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
MODES = ("bearer", "cookie", "nocsrf", "badcsrf")
RESERVED_ACTORS = ("admin", "anon")

# The contract's error codes, by status: every /api/v1 answer with one of these statuses
# must carry {"error": {"code": <code>, "message": <text>}} (checked on every step).
ERROR_CODES = {
    400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
    409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "validation_failed", 429: "rate_limited",
}

SIMPLE_MATCHERS = ("@any", "@string", "@nonempty", "@number", "@int", "@bool", "@array",
                   "@object", "@timestamp", "@day", "@absent")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

REQUEST_LINE = re.compile(r"^> (\S+) (%s) (\S+)$" % "|".join(METHODS))
HEADER_LINE = re.compile(r"^> (-?)([A-Za-z0-9-]+)(?:: ?(.*))?$")
STATUS_LINE = re.compile(r"^< (\d{3}(?:\|\d{3})*)$")
EXPECT_HEADER_LINE = re.compile(r"^< (!?)([A-Za-z0-9-]+)(?:: ?(.*))?$")
CAPTURE_LINE = re.compile(r"^\$([A-Za-z_][A-Za-z0-9_]*) = (\S+)$")
ACTOR_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
NOW = re.compile(r"^now(?:([+-])(\d+)([smhd]))?$")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def now_plus(match):
    """{{now}}, {{now+5s}}, {{now-2h}}, {{now+3d}}: that moment as RFC 3339 UTC, whole seconds."""
    sign, amount, unit = match.groups()
    offset = 0 if sign is None else int(amount) * UNIT_SECONDS[unit] * (1 if sign == "+" else -1)
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(time.time()) + offset))


class CaseFileError(Exception):
    """The case file itself is wrong (a failure, never a skip)."""


class StepFailure(Exception):
    pass


# ----------------------------------------------------------------------------------
# Parsing
# ----------------------------------------------------------------------------------

class HeaderExpectation:
    def __init__(self, name, absent=False, value=None):
        self.name = name
        self.absent = absent
        self.value = value  # None: only present; "~regex"; else a substring

    def describe(self):
        if self.absent:
            return "no header %s" % self.name
        if self.value is None:
            return "header %s present" % self.name
        return "header %s %s" % (self.name, ("matching /%s/" % self.value[1:]) if self.value.startswith("~")
                                  else "containing %r" % self.value)


class Step:
    def __init__(self, kind, line):
        self.kind = kind  # "request", "actor", "relogin", "sleep"
        self.seconds = 0.0  # sleep
        self.line = line
        # request
        self.actor = None
        self.mode = "bearer"
        self.method = None
        self.path = None
        self.header_lines = []  # (remove?, name, value)
        self.body_lines = []
        self.raw_parts = []
        self.body_size = None
        self.file_path = None  # @file: a file of the repository, or a folder sent as a zip
        self.kept_body = None  # @body-of NAME: the answer an earlier step kept
        self.keep_body = None  # @keep-body NAME: keep this answer's bytes
        self.repeat = 1
        self.statuses = None
        self.expect_headers = []
        self.expect_lines = []
        self.captures = []  # (name, path)
        self.not_contains = []
        self.body_contains = []
        self.body_is = None
        self.finds = []  # (key, json text)
        # actor / relogin
        self.actor_spec = None

    def title(self):
        if self.kind == "request":
            who = self.actor if self.mode == "bearer" or self.actor == "anon" else "%s/%s" % (self.actor, self.mode)
            repeat = " (x%d)" % self.repeat if self.repeat > 1 else ""
            return "%s %s %s%s" % (who, self.method, self.path, repeat)
        if self.kind == "actor":
            return "@actor %s" % self.actor_spec["key"]
        if self.kind == "sleep":
            return "@sleep %g" % self.seconds
        return "@relogin %s" % self.actor


class CaseFile:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.no_setup = False
        self.actors = []  # actor specs created before the first step
        self.every_headers = []
        self.steps = []


def parse_actor_spec(words, where):
    if not words:
        raise CaseFileError("%s: @actor needs a name" % where)
    key = words[0]
    if not ACTOR_NAME.match(key) or key in RESERVED_ACTORS:
        raise CaseFileError("%s: bad actor name %r (lower case, not admin/anon)" % (where, key))
    spec = {"key": key, "admin": False, "locale": None}
    for word in words[1:]:
        if word == "admin":
            spec["admin"] = True
        elif word in ("locale=nl", "locale=en"):
            spec["locale"] = word.split("=", 1)[1]
        else:
            raise CaseFileError("%s: unknown @actor option %r (admin, locale=nl, locale=en)" % (where, word))
    return spec


def parse_header_expectation(text, where):
    match = re.match(r"^(!?)([A-Za-z0-9-]+)(?:: ?(.*))?$", text)
    if not match:
        raise CaseFileError("%s: bad header expectation %r" % (where, text))
    absent, name, value = match.groups()
    if absent and value is not None:
        raise CaseFileError("%s: '!Name' takes no value" % where)
    if value is not None and value.startswith("~"):
        try:
            re.compile(value[1:])
        except re.error as error:
            raise CaseFileError("%s: bad regex %r: %s" % (where, value[1:], error))
    return HeaderExpectation(name, bool(absent), value)


def decode_raw(text, where):
    """@raw escapes: \\xHH (any byte), \\n, \\r, \\t, \\\\; everything else as UTF-8."""
    out = bytearray()
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            if index + 1 >= len(text):
                raise CaseFileError("%s: @raw ends with a lone backslash" % where)
            follower = text[index + 1]
            if follower == "x":
                digits = text[index + 2:index + 4]
                if not re.match(r"^[0-9A-Fa-f]{2}$", digits):
                    raise CaseFileError("%s: @raw \\x needs two hex digits" % where)
                out.append(int(digits, 16))
                index += 4
                continue
            mapping = {"n": b"\n", "r": b"\r", "t": b"\t", "\\": b"\\"}
            if follower not in mapping:
                raise CaseFileError("%s: @raw unknown escape \\%s" % (where, follower))
            out += mapping[follower]
            index += 2
            continue
        out += char.encode("utf-8")
        index += 1
    return bytes(out)


def check_json_template(text, where, what, expected):
    """Parse-time check that a JSON text (with {{...}} placeholders) is JSON."""
    last_error = None
    for filler in ("X", "0", "null"):
        candidate = PLACEHOLDER.sub(filler, text)
        try:
            value = json.loads(candidate)
        except ValueError as error:
            last_error = error
            continue
        if expected:
            check_matchers(value, where)
        return
    raise CaseFileError("%s: %s is not valid JSON: %s\n%s" % (where, what, last_error, text))


def check_matchers(value, where):
    if isinstance(value, dict):
        for item in value.values():
            check_matchers(item, where)
    elif isinstance(value, list):
        for position, item in enumerate(value):
            if position == 0 and item in ("@unordered", "@includes"):
                continue
            if item in ("@unordered", "@includes"):
                raise CaseFileError("%s: %s must be the first element of a list" % (where, item))
            check_matchers(item, where)
    elif isinstance(value, str) and value.startswith("@"):
        if value in SIMPLE_MATCHERS or value.startswith("@@"):
            return
        if value.startswith("@re:"):
            try:
                re.compile(value[4:])
            except re.error as error:
                raise CaseFileError("%s: bad regex in %r: %s" % (where, value, error))
            return
        raise CaseFileError("%s: unknown matcher %r" % (where, value))


def parse_case_file(path):
    case = CaseFile(path)
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().split("\n")
    except (OSError, UnicodeDecodeError) as error:
        raise CaseFileError("%s: cannot read: %s" % (path, error))

    step = None
    state = "top"  # top | request | expect
    pending_repeat = None
    known_actors = {"admin", "anon"}

    def where(number):
        return "%s:%d" % (case.name, number)

    def finish():
        nonlocal step, state
        if step is not None and step.kind == "request":
            if step.statuses is None:
                raise CaseFileError("%s: request without an expected status line ('< 200')" % where(step.line))
            if step.body_lines:
                check_json_template("\n".join(step.body_lines), where(step.line), "the request body", False)
            if step.expect_lines:
                check_json_template("\n".join(step.expect_lines), where(step.line), "the expected body", True)
            for key, text in step.finds:
                check_json_template(text, where(step.line), "the @find value", True)
        step = None
        state = "top"

    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        if line.startswith("#") or not line.strip():
            continue
        if line != line.rstrip():
            line = line.rstrip()
        here = where(number)

        request = REQUEST_LINE.match(line)
        if request:
            finish()
            actor_text, method, target = request.groups()
            step = Step("request", number)
            actor, _, mode = actor_text.partition("/")
            if actor not in known_actors:
                raise CaseFileError("%s: unknown actor %r (declare it with @actor first)" % (here, actor))
            if mode and mode not in MODES:
                raise CaseFileError("%s: unknown mode %r (one of %s)" % (here, mode, ", ".join(MODES)))
            if actor == "anon" and mode:
                raise CaseFileError("%s: anon takes no mode" % here)
            if not target.startswith("/"):
                raise CaseFileError("%s: the path must start with /" % here)
            step.actor, step.mode, step.method, step.path = actor, mode or "bearer", method, target
            if pending_repeat:
                step.repeat = pending_repeat
                pending_repeat = None
            case.steps.append(step)
            state = "request"
            continue

        if line.startswith("@"):
            words = line.split()
            directive = words[0]
            rest = line[len(directive):].strip()
            if state == "request" and directive == "@body-of":
                if step.body_lines or step.raw_parts or step.body_size is not None or step.file_path or \
                        step.kept_body or len(words) != 2:
                    raise CaseFileError("%s: @body-of NAME (once, no other body)" % here)
                step.kept_body = words[1]
                continue
            if state == "expect" and directive == "@keep-body":
                if len(words) != 2:
                    raise CaseFileError("%s: @keep-body NAME" % here)
                step.keep_body = words[1]
                continue
            if state == "request" and directive == "@file":
                if step.body_lines or step.raw_parts or step.body_size is not None or step.file_path or \
                        step.kept_body or not rest:
                    raise CaseFileError("%s: @file PATH (once, no other body)" % here)
                if not os.path.exists(os.path.join(REPOSITORY, rest)):
                    raise CaseFileError("%s: @file %s: no such file or folder in the repository" % (here, rest))
                step.file_path = rest
                continue
            if state == "request" and directive in ("@raw", "@body-size"):
                if step.body_lines:
                    raise CaseFileError("%s: %s cannot be mixed with a JSON body" % (here, directive))
                if directive == "@raw":
                    if step.body_size is not None:
                        raise CaseFileError("%s: @raw cannot be mixed with @body-size" % here)
                    raw_text = line[len("@raw "):] if line.startswith("@raw ") else ""
                    decode_raw(PLACEHOLDER.sub("", raw_text), here)
                    step.raw_parts.append(raw_text)
                else:
                    if step.raw_parts or step.body_size is not None or len(words) != 2 or not words[1].isdigit():
                        raise CaseFileError("%s: @body-size N (a number, once, no other body)" % here)
                    step.body_size = int(words[1])
                    if step.body_size < 32:
                        raise CaseFileError("%s: @body-size must be at least 32" % here)
                continue
            if state == "expect" and directive in ("@not-contains", "@body-contains", "@body-is", "@find"):
                if not rest and directive != "@body-is":
                    raise CaseFileError("%s: %s needs a text" % (here, directive))
                if directive == "@not-contains":
                    step.not_contains.append(rest)
                elif directive == "@body-contains":
                    step.body_contains.append(rest)
                elif directive == "@body-is":
                    step.body_is = rest
                else:
                    match = re.match(r"^([A-Za-z0-9_]+) = (.+)$", rest)
                    if not match:
                        raise CaseFileError("%s: @find KEY = JSON" % here)
                    step.finds.append((match.group(1), match.group(2)))
                continue
            if state == "request":
                raise CaseFileError("%s: %s inside a request (before its '< status' line)" % (here, directive))
            finish()
            if directive == "@no-setup":
                if case.steps or case.actors or len(words) != 1:
                    raise CaseFileError("%s: @no-setup comes first, alone" % here)
                case.no_setup = True
            elif directive == "@every-answer-header":
                if case.steps:
                    raise CaseFileError("%s: @every-answer-header comes before the first step" % here)
                case.every_headers.append(parse_header_expectation(rest, here))
            elif directive == "@actor":
                spec = parse_actor_spec(words[1:], here)
                if spec["key"] in known_actors:
                    raise CaseFileError("%s: actor %r declared twice" % (here, spec["key"]))
                known_actors.add(spec["key"])
                if case.steps:
                    actor_step = Step("actor", number)
                    actor_step.actor_spec = spec
                    actor_step.actor = spec["key"]
                    case.steps.append(actor_step)
                else:
                    case.actors.append(spec)
            elif directive == "@relogin":
                if len(words) != 2 or words[1] not in known_actors or words[1] == "anon":
                    raise CaseFileError("%s: @relogin NAME (a known actor)" % here)
                relogin = Step("relogin", number)
                relogin.actor = words[1]
                case.steps.append(relogin)
            elif directive == "@sleep":
                if len(words) != 2 or not re.match(r"^\d+(\.\d+)?$", words[1]) or float(words[1]) > 30:
                    raise CaseFileError("%s: @sleep SECONDS (at most 30)" % here)
                pause = Step("sleep", number)
                pause.seconds = float(words[1])
                case.steps.append(pause)
            elif directive == "@repeat":
                if len(words) != 2 or not words[1].isdigit() or int(words[1]) < 1:
                    raise CaseFileError("%s: @repeat N (N >= 1)" % here)
                pending_repeat = int(words[1])
            else:
                raise CaseFileError("%s: unknown or misplaced directive %s" % (here, directive))
            if pending_repeat and directive != "@repeat":
                raise CaseFileError("%s: @repeat must be followed by a request line" % here)
            continue

        if pending_repeat:
            raise CaseFileError("%s: @repeat must be followed by a request line" % here)

        if state == "top":
            if line.startswith(">"):
                raise CaseFileError("%s: not a request line: %r (want '> actor[/mode] METHOD /path', METHOD one of %s)"
                                    % (here, line, ", ".join(METHODS)))
            raise CaseFileError("%s: unexpected line outside a step: %r" % (here, line))

        if state == "request":
            if line.startswith(">"):
                header = HEADER_LINE.match(line)
                if not header or (header.group(1) and header.group(3) is not None) or \
                        (not header.group(1) and header.group(3) is None):
                    raise CaseFileError("%s: bad request header line %r ('> Name: value' or '> -Name')" % (here, line))
                if step.body_lines or step.raw_parts or step.body_size is not None:
                    raise CaseFileError("%s: request headers come before the body" % here)
                step.header_lines.append((bool(header.group(1)), header.group(2), header.group(3)))
                continue
            if line.startswith("<"):
                status = STATUS_LINE.match(line)
                if not status:
                    raise CaseFileError("%s: the first '<' line must be the status, e.g. '< 200' or '< 401|403'" % here)
                step.statuses = [int(code) for code in status.group(1).split("|")]
                state = "expect"
                continue
            if step.raw_parts or step.body_size is not None:
                raise CaseFileError("%s: a JSON body cannot follow @raw/@body-size" % here)
            step.body_lines.append(line)
            continue

        # state == "expect"
        if line.startswith("<"):
            if STATUS_LINE.match(line):
                raise CaseFileError("%s: a second status line" % here)
            step.expect_headers.append(parse_header_expectation(line[1:].strip(), here))
            continue
        if line.startswith(">"):
            raise CaseFileError("%s: %r is not a request line ('> actor[/mode] METHOD /path')" % (here, line))
        if line.startswith("$"):
            capture = CAPTURE_LINE.match(line)
            if not capture:
                raise CaseFileError("%s: bad capture %r ('$name = path.to[0].value')" % (here, line))
            parse_json_path(capture.group(2), here)
            step.captures.append((capture.group(1), capture.group(2)))
            continue
        step.expect_lines.append(line)

    if pending_repeat:
        raise CaseFileError("%s: @repeat at the end of the file" % case.name)
    finish()
    if not case.steps:
        raise CaseFileError("%s: no steps" % case.name)
    return case


def parse_json_path(text, where="?"):
    """'goals[0].id' -> ['goals', 0, 'id']."""
    parts = []
    for match in re.finditer(r"([^.\[\]]+)|\[(\d+)\]|(\.)", text):
        if match.group(1) is not None:
            parts.append(match.group(1))
        elif match.group(2) is not None:
            parts.append(int(match.group(2)))
    rebuilt = ""
    for part in parts:
        rebuilt += "[%d]" % part if isinstance(part, int) else ("." if rebuilt else "") + part
    if not parts or rebuilt != text:
        raise CaseFileError("%s: bad JSON path %r" % (where, text))
    return parts


# ----------------------------------------------------------------------------------
# Matching
# ----------------------------------------------------------------------------------

def show(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 200 else text[:200] + "..."


def match_json(expected, actual, path, errors):
    """Subset match; appends 'path: problem' to errors."""
    if isinstance(expected, str) and expected.startswith("@") and not expected.startswith("@@"):
        match_matcher(expected, actual, path, errors)
        return
    if isinstance(expected, str) and expected.startswith("@@"):
        expected = expected[1:]
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            errors.append("%s: expected an object, got %s" % (path, show(actual)))
            return
        for key, value in expected.items():
            child = "%s.%s" % (path, key)
            if value == "@absent":
                if key in actual:
                    errors.append("%s: expected absent, got %s" % (child, show(actual[key])))
                continue
            if key not in actual:
                errors.append("%s: missing" % child)
                continue
            match_json(value, actual[key], child, errors)
        return
    if isinstance(expected, list):
        if not isinstance(actual, list):
            errors.append("%s: expected a list, got %s" % (path, show(actual)))
            return
        mode = expected[0] if expected and expected[0] in ("@unordered", "@includes") else None
        items = expected[1:] if mode else expected
        if mode is None:
            if len(items) != len(actual):
                errors.append("%s: expected %d elements, got %d: %s" % (path, len(items), len(actual), show(actual)))
                return
            for index, (want, have) in enumerate(zip(items, actual)):
                match_json(want, have, "%s[%d]" % (path, index), errors)
            return
        if mode == "@unordered" and len(items) != len(actual):
            errors.append("%s: expected %d elements (any order), got %d: %s" % (path, len(items), len(actual), show(actual)))
            return
        if not assign_unordered(items, actual):
            errors.append("%s: elements %s not all found (%s) in %s" % (
                path, show(items), "any order" if mode == "@unordered" else "includes", show(actual)))
        return
    if isinstance(expected, bool) or expected is None:
        if actual is not expected:
            errors.append("%s: expected %s, got %s" % (path, show(expected), show(actual)))
        return
    if isinstance(expected, (int, float)):
        if isinstance(actual, bool) or not isinstance(actual, (int, float)) or actual != expected:
            errors.append("%s: expected %s, got %s" % (path, show(expected), show(actual)))
        return
    if expected != actual:
        errors.append("%s: expected %s, got %s" % (path, show(expected), show(actual)))


def assign_unordered(items, actual):
    """Each expected item matches a distinct actual element (backtracking)."""
    used = [False] * len(actual)

    def place(index):
        if index == len(items):
            return True
        for position, have in enumerate(actual):
            if used[position]:
                continue
            probe = []
            match_json(items[index], have, "", probe)
            if not probe:
                used[position] = True
                if place(index + 1):
                    return True
                used[position] = False
        return False
    return place(0)


def match_matcher(matcher, actual, path, errors):
    ok = True
    if matcher == "@any":
        ok = True
    elif matcher == "@string":
        ok = isinstance(actual, str)
    elif matcher == "@nonempty":
        ok = isinstance(actual, (str, list, dict)) and len(actual) > 0
    elif matcher == "@number":
        ok = isinstance(actual, (int, float)) and not isinstance(actual, bool)
    elif matcher == "@int":
        ok = isinstance(actual, int) and not isinstance(actual, bool)
    elif matcher == "@bool":
        ok = isinstance(actual, bool)
    elif matcher == "@array":
        ok = isinstance(actual, list)
    elif matcher == "@object":
        ok = isinstance(actual, dict)
    elif matcher == "@timestamp":
        ok = isinstance(actual, str) and bool(TIMESTAMP.match(actual))
    elif matcher == "@day":
        ok = isinstance(actual, str) and bool(DAY.match(actual))
    elif matcher.startswith("@re:"):
        ok = isinstance(actual, str) and re.search(matcher[4:], actual) is not None
    elif matcher == "@absent":
        ok = False  # only meaningful as an object's value; reaching here means present
    else:
        raise StepFailure("unknown matcher %r" % matcher)
    if not ok:
        errors.append("%s: expected %s, got %s" % (path, matcher, show(actual)))


def resolve_path(value, parts):
    for part in parts:
        if isinstance(part, int):
            if not isinstance(value, list) or part >= len(value):
                raise KeyError(part)
            value = value[part]
        else:
            if not isinstance(value, dict) or part not in value:
                raise KeyError(part)
            value = value[part]
    return value


def find_key(value, key):
    found = []
    if isinstance(value, dict):
        for name, item in value.items():
            if name == key:
                found.append(item)
            found += find_key(item, key)
    elif isinstance(value, list):
        for item in value:
            found += find_key(item, key)
    return found


def header_matches(expectation, answer):
    values = answer.header_values(expectation.name)
    if expectation.absent:
        return not values
    if not values:
        return False
    if expectation.value is None:
        return True
    if expectation.value.startswith("~"):
        return any(re.search(expectation.value[1:], value, re.IGNORECASE) for value in values)
    return any(expectation.value.lower() in value.lower() for value in values)


# ----------------------------------------------------------------------------------
# Running
# ----------------------------------------------------------------------------------

class Runner:
    def __init__(self, binary, out=sys.stdout, postgres_url=None):
        self.binary = binary
        self.postgres_url = postgres_url
        self.out = out
        self.passed = 0
        self.failed = 0

    def say(self, text=""):
        self.out.write(text + "\n")
        self.out.flush()

    # -- templates -----------------------------------------------------------------

    def lookup(self, name):
        if name in self.variables:
            return self.variables[name]
        if "." in name:
            key, _, field = name.partition(".")
            if key in self.actors:
                values = self.actors[key].variables()
                if field in values and values[field] is not None:
                    return values[field]
        raise StepFailure("undefined variable {{%s}} (a capture that failed, or a typo)" % name)

    def expand(self, text):
        def replace(match):
            inner = match.group(1).strip()
            repeat = re.match(r"^repeat (\d+) (.+)$", match.group(1))
            if repeat:
                return repeat.group(2) * int(repeat.group(1))
            moment = NOW.match(inner)
            if moment:
                return now_plus(moment)
            if inner.startswith("url:"):
                value = self.lookup(inner[4:])
                return urllib.parse.quote(value if isinstance(value, str) else json.dumps(value), safe="")
            if inner.startswith("json:"):
                return json.dumps(self.lookup(inner[5:]), ensure_ascii=False)
            value = self.lookup(inner)
            return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        return PLACEHOLDER.sub(replace, text)

    # -- one file ----------------------------------------------------------------------

    def run_file(self, path):
        name = os.path.basename(path)
        self.say("== %s" % name)
        try:
            case = parse_case_file(path)
        except CaseFileError as error:
            self.failed += 1
            self.say("FAIL  case file error: %s" % error)
            self.say("== %s: 0 passed, 1 failed" % name)
            return
        passed_before, failed_before = self.passed, self.failed
        self.variables = {}
        self.kept_bodies = {}
        self.actors = {}
        self.case = case
        server = RitmeServer(self.binary, label="ritme-%s" % os.path.splitext(name)[0], postgres_url=self.postgres_url)
        self.server = server
        started = time.monotonic()
        try:
            try:
                server.start()
                token = server.wait_for_setup_token()
                self.variables["setup_token"] = token
                if case.no_setup:
                    self.actors["admin"] = Actor("admin", "admin@example.test", "Ada Admin",
                                                 password_for("admin"), role="admin")
                else:
                    self.actors["admin"] = server.setup_admin()
                for spec in case.actors:
                    self.actors[spec["key"]] = server.add_actor(spec["key"], admin=spec["admin"], locale=spec["locale"])
            except (ServerError, OSError) as error:
                self.failed += 1 + len(case.steps)
                self.say("FAIL  %s: could not prepare the server (all %d steps count as failed):\n%s"
                         % (name, len(case.steps), indent(str(error))))
                return
            for step in case.steps:
                self.run_step(case, step)
            if not server.alive():
                self.failed += 1
                self.say("FAIL  %s: the server died during the run (exit code %s):\n%s"
                         % (name, server.process.returncode, server.log_tail()))
        finally:
            code = server.stop()
            self.say("== %s: %d passed, %d failed (%.1f s)%s" % (
                name, self.passed - passed_before, self.failed - failed_before, time.monotonic() - started,
                "" if code in (0, None, -15) else "  [server exit code %s after SIGTERM]" % code))

    def run_step(self, case, step):
        label = "%s:%d  %s" % (case.name, step.line, step.title())
        try:
            if step.kind == "actor":
                spec = step.actor_spec
                self.actors[spec["key"]] = self.server.add_actor(spec["key"], admin=spec["admin"], locale=spec["locale"])
                result = "created and logged in"
            elif step.kind == "sleep":
                time.sleep(step.seconds)
                result = "slept"
            elif step.kind == "relogin":
                if step.actor not in self.actors:
                    raise StepFailure("actor %s does not exist" % step.actor)
                self.server.login(self.actors[step.actor])
                result = "logged in again"
            else:
                result = self.run_request(step)
        except StepFailure as failure:
            self.failed += 1
            self.say("FAIL  %s" % label)
            self.say(indent(str(failure)))
            return
        except (ServerError, OSError) as error:
            self.failed += 1
            self.say("FAIL  %s" % label)
            self.say(indent(str(error)))
            if not self.server.alive():
                self.say(indent("the server is not running any more (exit code %s):\n%s"
                                % (self.server.process.returncode, self.server.log_tail())))
            return
        self.passed += 1
        self.say("ok    %s -> %s" % (label, result))

    def build_request(self, step):
        path = self.expand(step.path)
        if re.search(r"[\s\x00-\x1f\x7f-\uffff]", path):
            raise StepFailure("the path %r has spaces or non-ASCII characters: percent-encode them" % path)
        headers = []
        if step.actor != "anon":
            if step.actor not in self.actors:
                raise StepFailure("actor %s does not exist (yet)" % step.actor)
            actor = self.actors[step.actor]
            if step.mode == "bearer" and not actor.token:
                raise StepFailure("actor %s has no bearer token (not logged in; @no-setup files need @relogin)" % step.actor)
            if step.mode != "bearer" and not actor.cookies:
                raise StepFailure("actor %s has no cookie session (not logged in)" % step.actor)
            headers += actor.auth(step.mode)
        body = None
        body_note = None
        if step.body_lines:
            text = self.expand("\n".join(step.body_lines))
            try:
                json.loads(text)
            except ValueError as error:
                raise StepFailure("case file error: the request body is not JSON after expansion (%s); "
                                  "use @raw for deliberate bad bodies:\n%s" % (error, text[:2000]))
            body = text.encode("utf-8")
        elif step.raw_parts:
            body = b"".join(decode_raw(self.expand(part), "step") for part in step.raw_parts)
        elif step.file_path is not None:
            body = file_body(step.file_path)
            body_note = "(the file %s: %d bytes)" % (step.file_path, len(body))
        elif step.kept_body is not None:
            if step.kept_body not in self.kept_bodies:
                raise StepFailure("@body-of %s: no earlier step kept a body by that name" % step.kept_body)
            body = self.kept_bodies[step.kept_body]
            body_note = "(the answer kept as %s: %d bytes)" % (step.kept_body, len(body))
        elif step.body_size is not None:
            filler = step.body_size - len('{"learning_moments":""}')
            body = ('{"learning_moments":"%s"}' % ("a" * filler)).encode("ascii")
            body_note = "(generated: %d bytes of valid JSON)" % len(body)
        if body is not None:
            headers.append(("Content-Type", "application/json"))
        for remove, name, value in step.header_lines:
            headers = [(key, old) for key, old in headers if key.lower() != name.lower()]
        for remove, name, value in step.header_lines:
            if not remove:
                headers.append((name, self.expand(value)))
        return path, headers, body, body_note

    def run_request(self, step):
        path, headers, body, body_note = self.build_request(step)
        expected_json = None
        if step.expect_lines:
            text = self.expand("\n".join(step.expect_lines))
            try:
                expected_json = json.loads(text)
            except ValueError as error:
                raise StepFailure("case file error: the expected body is not JSON after expansion (%s):\n%s" % (error, text))
        for attempt in range(1, step.repeat + 1):
            answer = self.server.request(step.method, path, headers=headers, body=body)
            problems = self.check(step, path, answer, expected_json)
            if problems:
                raise StepFailure(self.report(step, path, headers, body, body_note, answer, expected_json,
                                              problems, attempt))
        self.capture(step, answer)
        if step.keep_body:
            self.kept_bodies[step.keep_body] = answer.body
        return answer.status

    def check(self, step, path, answer, expected_json):
        problems = []
        if answer.status not in step.statuses:
            problems.append("status: expected %s, got %d" % ("|".join(map(str, step.statuses)), answer.status))
        for expectation in self.case.every_headers + step.expect_headers:
            if not header_matches(expectation, answer):
                got = answer.header_values(expectation.name)
                problems.append("expected %s; got %s" % (expectation.describe(), got if got else "none"))
        if path.startswith(API + "/") and answer.status in ERROR_CODES:
            envelope = []
            match_json({"error": {"code": ERROR_CODES[answer.status], "message": "@nonempty"}},
                       answer.json, "$", envelope)
            if envelope:
                problems.append("error body (contract: {\"error\": {\"code\": \"%s\", \"message\": ...}}): %s"
                                % (ERROR_CODES[answer.status], "; ".join(envelope)))
            if answer.status == 429 and answer.header("Retry-After") is None:
                problems.append("429 without a Retry-After header")
        if expected_json is not None or step.finds:
            if not answer.is_json():
                problems.append("body: expected JSON, got %r" % answer.text[:300])
            else:
                errors = []
                if expected_json is not None:
                    match_json(expected_json, answer.json, "$", errors)
                for key, text in step.finds:
                    want = json.loads(self.expand(text))
                    occurrences = find_key(answer.json, key)
                    if not occurrences:
                        errors.append("@find %s: no key %r anywhere in the answer" % (key, key))
                    elif not any(not probe for probe in
                                 [self._probe(want, have) for have in occurrences]):
                        errors.append("@find %s: expected %s, found %s" % (key, show(want), show(occurrences)))
                problems += errors
        if step.body_is is not None and answer.text.strip() != self.expand(step.body_is):
            problems.append("body: expected exactly %r, got %r" % (self.expand(step.body_is), answer.text[:300]))
        unescaped = json.dumps(answer.json, ensure_ascii=False) if answer.is_json() else unpacked_zip(answer.body)
        for text in step.body_contains:
            wanted = self.expand(text)
            if wanted not in answer.text and wanted not in unescaped:
                problems.append("body: expected to contain %r" % wanted)
        for text in step.not_contains:
            unwanted = self.expand(text).lower()
            if unwanted in answer.text.lower() or unwanted in unescaped.lower():
                problems.append("body: must NOT contain %r, but does" % self.expand(text))
        for name, json_path in step.captures:
            try:
                resolve_path(answer.json, parse_json_path(json_path))
            except (KeyError, CaseFileError):
                problems.append("capture $%s: no value at %s" % (name, json_path))
        return problems

    @staticmethod
    def _probe(want, have):
        errors = []
        match_json(want, have, "", errors)
        return errors

    def capture(self, step, answer):
        for name, json_path in step.captures:
            self.variables[name] = resolve_path(answer.json, parse_json_path(json_path))

    def report(self, step, path, headers, body, body_note, answer, expected_json, problems, attempt):
        lines = []
        if step.repeat > 1:
            lines.append("attempt %d of %d" % (attempt, step.repeat))
        lines.append("problems:")
        lines += ["  - " + problem for problem in problems]
        lines.append("request: %s %s" % (step.method, path))
        for name, value in headers:
            lines.append("  %s: %s" % (name, value))
        if body is not None:
            if body_note:
                lines.append("  body %s" % body_note)
            else:
                text = body.decode("utf-8", errors="backslashreplace")
                try:
                    text = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
                except ValueError:
                    text = repr(body[:600])
                if len(text) > 1500:
                    text = text[:1500] + "... (%d bytes in all)" % len(body)
                lines.append(indent(text, "  "))
        lines.append("expected status: %s" % "|".join(map(str, step.statuses)))
        if expected_json is not None:
            lines.append("expected body (subset):")
            lines.append(indent(json.dumps(expected_json, indent=2, ensure_ascii=False), "  "))
        lines.append("actual status: %d %s" % (answer.status, answer.reason))
        lines.append("actual headers:")
        lines += ["  %s: %s" % item for item in answer.headers]
        lines.append("actual body:")
        lines.append(indent(answer.pretty_body() or "(empty)", "  "))
        return "\n".join(lines)


def indent(text, prefix="      "):
    return "\n".join(prefix + line for line in text.split("\n"))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run Ritme API case files against the real binary.")
    parser.add_argument("--binary", help="path of the ritme binary")
    parser.add_argument("--check", action="store_true", help="only parse the case files")
    parser.add_argument("--db-url", help="a PostgreSQL server (postgresql://...) to run every case file on, "
                        "each in a fresh database of its own (made and dropped with psql)")
    parser.add_argument("--postgres", action="store_true",
                        help="like --db-url, with the URL in $RITME_TEST_PG_URL (tests/pg/with_postgres.sh)")
    parser.add_argument("case_files", nargs="+", metavar="CASEFILE")
    options = parser.parse_args(argv)

    if options.check:
        passed = failed = 0
        for path in options.case_files:
            try:
                case = parse_case_file(path)
                passed += 1
                print("ok    %s: %d steps, actors %s" % (
                    os.path.basename(path), len(case.steps), ", ".join(a["key"] for a in case.actors) or "-"))
            except CaseFileError as error:
                failed += 1
                print("FAIL  %s" % error)
        print("%d passed, %d failed" % (passed, failed))
        return 1 if failed else 0

    if not options.binary:
        parser.error("--binary is required (unless --check)")
    postgres_url = options.db_url
    if options.postgres:
        postgres_url = os.environ.get("RITME_TEST_PG_URL")
        if not postgres_url:
            parser.error("--postgres needs RITME_TEST_PG_URL (run under tests/pg/with_postgres.sh)")
    if postgres_url and not postgres_url.startswith(("postgresql://", "postgres://")):
        parser.error("--db-url must be a postgresql:// URL")
    runner = Runner(options.binary, postgres_url=postgres_url)
    for path in options.case_files:
        runner.run_file(path)
    print("%d passed, %d failed" % (runner.passed, runner.failed))
    return 1 if runner.failed or runner.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
