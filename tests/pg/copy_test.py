#!/usr/bin/env python3
"""`ritme copy`: moves a seeded SQLite installation to PostgreSQL, and the API answers
the same before and after; a target that already holds data is refused.

    tests/pg/with_postgres.sh python3 tests/pg/copy_test.py --binary build/release/ritme

Needs RITME_TEST_PG_URL (a server where it may create databases) and psql. Standard
library only. Prints one line per check and ends with `N passed, N failed`.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
from ritme_server import (API, Actor, RitmeServer, ServerError, create_postgres_database,  # noqa: E402
                          drop_postgres_database)

SEED_PASSWORD = "seed-password-2026"
PEOPLE = 20
DAYS = 30


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, what, detail=""):
        if condition:
            self.passed += 1
            print("ok    %s" % what)
        else:
            self.failed += 1
            print("FAIL  %s%s" % (what, ("\n      " + detail.replace("\n", "\n      ")) if detail else ""))
        return condition


def seeded_actor(number):
    email = "persoon%05d@voorbeeld.nl" % number
    return Actor("p%d" % number, email, "Persoon %d" % number, SEED_PASSWORD, role="admin" if number == 1 else "member")


def run(binary, *arguments, stdin=None):
    result = subprocess.run([binary] + list(arguments), input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=600)
    return result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")


def api_json(server, actor, path, mode="bearer"):
    answer = server.request("GET", API + path, headers=actor.auth(mode))
    return answer.status, answer.json if answer.is_json() else answer.text()


def write_some_levels(server, actor, competency_id):
    """Data only the API writes: a week, a month, two contract revisions, a year, a token."""
    bodies = [
        ("PUT", "/weeks/2026-W10", {
            "peer_meeting": {"held": True, "day": "2026-03-06", "notes": "Gesprek over doorvragen."},
            "plan": {"competency_id": competency_id, "situation": "In het teamoverleg op dinsdag",
                     "approach": "Eerst twee open vragen", "measure": "3 keer", "deadline": "2026-03-06"},
            "act": "Volgende week in het klantoverleg.", "shared_with_peer": True}),
        ("PUT", "/months/2026-02", {
            "focus_competency_ids": [competency_id], "went_well": "Vaker feedback gegeven.",
            "could_be_better": "Timing.", "approach": "Direct na het overleg.", "goal_progress": [],
            "sol_meeting_attended": True}),
        ("PUT", "/contracts/2026-Q2", {
            "where_from": "Weinig geschreven.", "where_now": "Ik leid het overleg.", "aims": "Feedback geven.",
            "approach": "Elke week oefenen.", "evidence": "Mijn vaste collega bevestigt het.",
            "competency_ids": [competency_id],
            "goals": [{"text": "In elk overleg doorvragen", "measure": "12 keer", "deadline": "2026-06-26"}]}),
        ("PUT", "/years/2026", {"challenging": 4, "inspiring": 5, "rewarding": 2, "next_step": "grow_in_role",
                                "notes": "Een lerende organisatie dag."}),
        ("PUT", "/diary/2026-03-02", {"learning_moments": "Één café-gesprek met de klant over feedback.",
                                      "handling": "Doorgevraagd.", "key_learning": "Luisteren.",
                                      "competency_ids": [competency_id], "tags": ["klant"], "minutes": 20,
                                      "shared_with_peer": False}),
    ]
    for method, path, body in bodies:
        answer = server.request(method, API + path, headers=actor.auth("bearer"), body=body)
        if answer.status not in (200, 201):
            raise ServerError("%s %s answered %d: %s" % (method, path, answer.status, answer.pretty_body()))


# What each person's answers are compared on: their own data, searches, lists, counts.
def answers(server, actors, admin):
    collected = {}
    paths = ["/me", "/me/export", "/tokens", "/competencies", "/diary?limit=200", "/diary?q=klant%20feedback",
             "/diary?q=cafe", "/diary?tag=klant", "/weeks/2026-W10", "/months/2026-02", "/contracts/2026-Q2",
             "/contracts/2026-Q2/revisions", "/years/2026", "/rhythm?day=2026-03-04"]
    for actor in actors:
        for path in paths:
            status, body = api_json(server, actor, path)
            if isinstance(body, dict):
                body.pop("exported_at", None)
            collected[(actor.email, path)] = (status, body)
    for period in ("2026-03", "2026-Q1"):
        collected[("admin", period)] = api_json(server, admin, "/admin/participation?period=" + period)
    return collected


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    options = parser.parse_args(argv)
    binary = os.path.abspath(options.binary)
    server_url = os.environ.get("RITME_TEST_PG_URL")
    if not server_url:
        print("FAIL  RITME_TEST_PG_URL is not set (run under tests/pg/with_postgres.sh)")
        return 1

    checks = Checks()
    workdir = tempfile.mkdtemp(prefix="ritme-copy-")
    sqlite_url = "sqlite:%s" % os.path.join(workdir, "ritme.db")
    target_url, target_name = create_postgres_database(server_url, "ritme_copy")
    server = None
    try:
        code, out, err = run(binary, "dev", "seed", "--db", sqlite_url, "--people", str(PEOPLE), "--days", str(DAYS))
        if not checks.check(code == 0, "ritme dev seed --people %d --days %d" % (PEOPLE, DAYS), err):
            return 1

        # Before: the API on SQLite, with data only the API writes besides the seed.
        server = RitmeServer(binary, label="ritme-copy-sqlite", database_url=sqlite_url)
        server.start()
        admin = server.login(seeded_actor(1))
        actors = [server.login(seeded_actor(number)) for number in (2, 3, 7, PEOPLE)]
        competency_id = server.request("GET", API + "/competencies", headers=admin.auth("bearer")).json["competencies"][0]["id"]
        for actor in actors[:2]:
            write_some_levels(server, actor, competency_id)
        revised = server.request("PUT", API + "/contracts/2026-Q2", headers=actors[0].auth("bearer"), body={
            "where_from": "Anders", "where_now": "Nu", "aims": "Doel", "approach": "Aanpak", "evidence": "Bewijs",
            "competency_ids": [competency_id], "goals": []})
        checks.check(revised.status == 200, "a second version of a contract on SQLite", revised.pretty_body())
        before = answers(server, actors, admin)
        failing = [key for key, (status, _) in before.items() if status != 200 and key[0] == actors[0].email]
        checks.check(not failing, "every compared answer is a 200 on SQLite", repr(failing))
        found = before[(actors[0].email, "/diary?q=cafe")][1]
        checks.check(isinstance(found, dict) and any(isinstance(v, list) and v for v in found.values()),
                     "the compared searches find something", repr(found)[:300])
        server.stop()
        server = None

        # The copy.
        code, out, err = run(binary, "copy", "--from", sqlite_url, "--to", target_url)
        checks.check(code == 0 and "Copied %d people" % PEOPLE in out, "ritme copy --from sqlite: --to postgresql://",
                     "exit %d\n%s%s" % (code, out, err))
        checks.check("%d diary entries" % (PEOPLE * DAYS + 2) in out, "every diary entry copied", out)

        # After: the same answers from PostgreSQL. The bearer tokens made on SQLite still work.
        server = RitmeServer(binary, label="ritme-copy-postgres", database_url=target_url)
        server.start()
        after = answers(server, actors, admin)
        different = [key for key in before if before[key] != after.get(key)]
        checks.check(not different, "%d API answers for %d people the same after the copy" % (len(before), len(actors)),
                     "\n".join("%s %s:\n  before %r\n  after  %r" % (key[0], key[1], before[key], after.get(key))
                               for key in different[:5]))
        for actor in actors:
            server.login(actor)  # the password hashes came along
        checks.check(True, "every person logs in on PostgreSQL with the password they had")
        status, me = api_json(server, actors[0], "/me", mode="cookie")
        checks.check(status == 200 and me.get("email") == actors[0].email, "a new session works on the copy")
        server.stop()
        server = None

        # A second copy into the same database is refused, and changes nothing.
        code, out, err = run(binary, "copy", "--from", sqlite_url, "--to", target_url)
        checks.check(code == 1 and "already holds data" in err, "a target that holds data is refused (exit 1)",
                     "exit %d\n%s%s" % (code, out, err))
        code, out, err = run(binary, "copy", "--from", "sqlite:" + os.path.join(workdir, "missing.db"),
                             "--to", target_url)
        checks.check(code == 1 and "does not exist" in err, "a missing SQLite file is refused", err)
    except (ServerError, OSError) as error:
        checks.check(False, "the run", str(error) + ("\n" + server.log_tail() if server else ""))
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        try:
            drop_postgres_database(server_url, target_name)
        except (ServerError, OSError):
            pass
    print("%d passed, %d failed" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
