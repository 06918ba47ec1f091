"""Writes from several clients through the API, each remembered when it is acknowledged,
for the durability tests (backup, stop, crash). Python 3 standard library only.

Each client is one person writing on a thread of its own: diary days, weeks, months and
contracts (`KINDS`), each write a text never written before, one at a time. Afterwards the
stored text of every key is the one last acknowledged, or one sent after it that got no
answer (in flight when the server went away).

    load = WriteLoad(server, people, competency_id, kinds=KINDS)
    load.start(); ...; load.stop()
    load.acknowledged_before(moment)  # {(person, kind, key): text} acknowledged by then
    load.check(server)                # [problems]: each key read back through the API
"""

import concurrent.futures
import datetime
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))

from ritme_server import API, http_request  # noqa: E402 (found through the path above)

KINDS = ("diary", "week", "month", "contract")

# Keys of each kind in the past (a diary day in the future is refused), a few dozen each.
_TODAY = datetime.date.today()
_DAYS = [(_TODAY - datetime.timedelta(days=back)).isoformat() for back in range(1, 61)]
_WEEKS = sorted({"%d-W%02d" % (_TODAY - datetime.timedelta(weeks=back)).isocalendar()[:2] for back in range(1, 25)})
_MONTHS = sorted({(_TODAY.replace(day=1) - datetime.timedelta(days=31 * back)).strftime("%Y-%m") for back in range(1, 13)})
_QUARTERS = sorted({"%d-Q%d" % (year, quarter) for year in (_TODAY.year - 1, _TODAY.year) for quarter in (1, 2, 3, 4)})


def keys_of(kind):
    return {"diary": _DAYS, "week": _WEEKS, "month": _MONTHS, "contract": _QUARTERS}[kind]


def path_of(kind, key):
    return API + {"diary": "/diary/", "week": "/weeks/", "month": "/months/", "contract": "/contracts/"}[kind] + key


def body_of(kind, text, competency_id):
    if kind == "diary":
        return {"learning_moments": text, "handling": "", "key_learning": "", "tags": ["last"], "minutes": 10}
    if kind == "week":
        return {"act": text}
    if kind == "month":
        return {"focus_competency_ids": [competency_id], "went_well": text}
    return {"where_from": text, "where_now": "", "aims": "", "approach": "", "evidence": "",
            "competency_ids": [competency_id], "goals": []}


def text_in(kind, answer_json):
    field = {"diary": "learning_moments", "week": "act", "month": "went_well", "contract": "where_from"}[kind]
    return answer_json.get(field) if isinstance(answer_json, dict) else None


class Client(threading.Thread):
    def __init__(self, load, person, number):
        super().__init__(daemon=True)
        self.load = load
        self.person = person
        self.number = number
        self.random = random.Random(number * 7919 + int(time.time()))
        self.sequence = 0

    def run(self):
        load = self.load
        while not load.stopping.is_set():
            kind = self.random.choice(load.kinds)
            key = self.random.choice(keys_of(kind))
            self.sequence += 1
            text = "%s %s write %d of client %d, round %d" % (kind, key, self.sequence, self.number, load.round)
            item = (self.person.email, kind, key)
            with load.lock:
                load.in_flight.setdefault(item, set()).add(text)
            try:
                answer = http_request(load.port, "PUT", path_of(kind, key),
                                      self.person.auth("bearer") + [("Content-Type", "application/json")],
                                      load.encode(body_of(kind, text, load.competency_id)), timeout=30)
            except OSError:
                if load.stopping.is_set() or load.server_gone.is_set():
                    return  # the server went away with this write in flight
                time.sleep(0.01)
                continue
            if answer.status not in (200, 201):
                with load.lock:
                    load.failures.append("PUT %s answered %d: %s" % (path_of(kind, key), answer.status, answer.text[:200]))
                continue
            with load.lock:
                del load.in_flight[item]
                load.acknowledged[item] = (text, time.monotonic())
                load.count += 1


class WriteLoad:
    def __init__(self, server, people, competency_id, kinds=KINDS, clients_per_person=1):
        self.server = server
        self.port = server.port
        self.people = people
        self.competency_id = competency_id
        self.kinds = kinds
        self.clients_per_person = clients_per_person
        self.lock = threading.Lock()
        self.acknowledged = {}  # (email, kind, key) -> (text, monotonic time of the answer)
        self.in_flight = {}  # (email, kind, key) -> {texts sent since the last acknowledged, unanswered}
        self.failures = []
        self.count = 0
        self.round = 0
        self.stopping = threading.Event()
        self.server_gone = threading.Event()
        self.clients = []

    @staticmethod
    def encode(body):
        import json
        return json.dumps(body).encode("utf-8")

    def start(self, server=None):
        """Starts the clients, against `server` when given (a server started again)."""
        if server is not None:
            self.server = server
            self.port = server.port
        self.round += 1
        self.stopping.clear()
        self.server_gone.clear()
        self.clients = [Client(self, person, number)
                        for number, person in enumerate(self.people * self.clients_per_person)]
        for client in self.clients:
            client.start()

    def stop(self, server_gone=False):
        """Stops the clients; `server_gone`: the server was stopped or killed under them."""
        if server_gone:
            self.server_gone.set()
        self.stopping.set()
        for client in self.clients:
            client.join(timeout=60)

    def acknowledged_before(self, moment):
        with self.lock:
            return {item: text for item, (text, at) in self.acknowledged.items() if at < moment}

    def check(self, server, items=None):
        """Reads each key (all, or `items`) back through the API, several at a time: its
        text must be the one acknowledged last, or one sent after it without an answer.
        Answers the problems found, and clears what was in flight (now settled)."""
        with self.lock:
            expected = dict(self.acknowledged)
            in_flight = dict(self.in_flight)
            self.in_flight.clear()
        items = sorted(items if items is not None else set(expected) | set(in_flight))
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as readers:
            stored_texts = list(readers.map(lambda item: read_back(server, self.people, item), items))
        problems = []
        for item, stored in zip(items, stored_texts):
            email, kind, key = item
            allowed = {expected[item][0]} if item in expected else {None}
            allowed |= in_flight.get(item, set())
            if stored not in allowed:
                problems.append("%s %s of %s: stored %r, acknowledged %r" % (
                    kind, key, email, stored, expected.get(item, (None,))[0]))
            elif stored in in_flight.get(item, set()):
                with self.lock:  # the write in flight made it: it is the one to find from now on
                    self.acknowledged[item] = (stored, time.monotonic())
        return problems

    def written_since(self, moment):
        """The keys acknowledged since `moment`, and those in flight."""
        with self.lock:
            return {item for item, (_, at) in self.acknowledged.items() if at >= moment} | set(self.in_flight)


def sequence_of(text):
    """The client's count in a text this load wrote ("... write 12 of client 3 ..."), else -1."""
    parts = (text or "").split()
    try:
        return int(parts[parts.index("write") + 1])
    except (ValueError, IndexError):
        return -1


def read_back(server, people, item):
    """The text stored under (email, kind, key), read through the API, or None."""
    email, kind, key = item
    person = next(person for person in people if person.email == email)
    answer = server.request("GET", path_of(kind, key), headers=person.auth("bearer"))
    return text_in(kind, answer.json) if answer.status == 200 else None


def make_people(server, count, prefix="writer"):
    """An admin, one competency and `count` people with bearer tokens: (people, competency id)."""
    admin = server.setup_admin()
    answer = server.request("POST", API + "/competencies", headers=admin.auth("bearer"),
                            body={"name": "Feedback geven", "description": ""})
    if answer.status != 201:
        raise RuntimeError("POST /competencies answered %d: %s" % (answer.status, answer.text))
    people = [server.add_actor("%s%d" % (prefix, number)) for number in range(count)]
    return people, answer.json["id"]


def integrity_check(path):
    """PRAGMA integrity_check of the SQLite file, read-only beside a running server."""
    import sqlite3
    connection = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=30)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()
