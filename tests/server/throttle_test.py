"""Fair login throttling against the real server, with real concurrency: 60 wrong
passwords for one account sent at once from one address get exactly the limit (10) of
password checks (401) and 429 with Retry-After for the rest; the owner with the right
password from another address signs in; 60 wrong passwords at once for six accounts from
a third address get the address's higher bar (30) checked, no account more than 10.
On PostgreSQL too with --postgres (RITME_TEST_PG_URL, as tests/pg/with_postgres.sh sets).

    python3 tests/server/throttle_test.py --binary build/release/ritme [--postgres]
"""

import argparse
import json
import os
import sys
import threading

from raw_http import Checks, one, request_bytes
from ritme_server import API, RitmeServer

TRIES = 60
LIMIT_PER_ACCOUNT_AND_ADDRESS = 10  # http/auth.hpp: max_login_failures
LIMIT_PER_ADDRESS = 30  # max_address_login_failures


def login(port, email, password, source):
    body = json.dumps({"email": email, "password": password}).encode()
    return one(port, request_bytes("POST", API + "/auth/login", [("Content-Type", "application/json")], body),
               source=source, timeout=60)


def all_at_once(port, attempts):
    """Sends every (email, password, source) at the same moment; answers their answers."""
    answers = [None] * len(attempts)
    barrier = threading.Barrier(len(attempts))

    def attempt(index, email, password, source):
        barrier.wait()
        try:
            answers[index] = login(port, email, password, source)
        except Exception as error:  # noqa: BLE001 (counted as a failure below)
            answers[index] = error

    threads = [threading.Thread(target=attempt, args=(i,) + tuple(a)) for i, a in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def statuses(answers):
    return [getattr(answer, "status", repr(answer)) for answer in answers]


def run(checks, binary, postgres_url):
    server = RitmeServer(binary, label="throttle", postgres_url=postgres_url)
    try:
        server.start()
        server.setup_admin()
        owner = server.add_actor("owner")
        port = server.port

        answers = all_at_once(port, [(owner.email, "wrong-password-%d" % i, "127.0.0.2") for i in range(TRIES)])
        got = statuses(answers)
        checked = got.count(401)
        checks.check(checked == LIMIT_PER_ACCOUNT_AND_ADDRESS,
                     "%d wrong passwords at once for one account: %d checked (401), the limit is %d"
                     % (TRIES, checked, LIMIT_PER_ACCOUNT_AND_ADDRESS))
        checks.check(got.count(429) == TRIES - checked, "the other %d got 429 (%s)" % (TRIES - checked, sorted(set(map(str, got)))))
        refused = [a for a in answers if getattr(a, "status", 0) == 429]
        checks.check(all((a.header("Retry-After") or "").strip().isdigit() and int(a.header("Retry-After")) >= 1
                         for a in refused), "every 429 carries Retry-After of at least a second")
        failed_lines = sum(1 for line in server.stderr_lines if '"event":"login_failed"' in line)
        checks.check(failed_lines == checked, "the log holds one login_failed per checked password (%d)" % failed_lines)

        right = login(port, owner.email, owner.password, "127.0.0.2")
        checks.check(right.status == 429, "from the guessing address even the right password waits (%d)" % right.status)
        right = login(port, owner.email, owner.password, "127.0.0.3")
        checks.check(right.status == 200, "the owner with the right password from another address signs in (%d)"
                     % right.status)

        # Credential stuffing: many accounts from one address meet the address's bar.
        accounts = ["person%d@example.test" % (i % 6) for i in range(TRIES)]
        answers = all_at_once(port, [(email, "wrong-password", "127.0.0.4") for email in accounts])
        got = statuses(answers)
        checked = got.count(401)
        per_account = max(sum(1 for email, status in zip(accounts, got) if email == e and status == 401)
                          for e in set(accounts))
        checks.check(checked == LIMIT_PER_ADDRESS,
                     "%d wrong passwords at once for six accounts from one address: %d checked, the bar is %d"
                     % (TRIES, checked, LIMIT_PER_ADDRESS))
        checks.check(per_account <= LIMIT_PER_ACCOUNT_AND_ADDRESS,
                     "no account had more than %d checked (%d)" % (LIMIT_PER_ACCOUNT_AND_ADDRESS, per_account))
        right = login(port, owner.email, owner.password, "127.0.0.4")
        checks.check(right.status == 429, "the stuffing address is held up for every account (%d)" % right.status)
        checks.check(login(port, owner.email, owner.password, "127.0.0.5").status == 200,
                     "the owner from yet another address still signs in")
    finally:
        if checks.failures:
            print(server.log_tail(15))
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--postgres", action="store_true", help="on the server of RITME_TEST_PG_URL")
    arguments = parser.parse_args()
    postgres_url = None
    if arguments.postgres:
        postgres_url = os.environ.get("RITME_TEST_PG_URL")
        if not postgres_url:
            print("--postgres needs RITME_TEST_PG_URL (tests/pg/with_postgres.sh)")
            return 1
    checks = Checks()
    run(checks, arguments.binary, postgres_url)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
