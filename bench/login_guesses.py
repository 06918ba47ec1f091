#!/usr/bin/env python3
"""How many password guesses the server checks at most, all guessers together: wrong
passwords for one account, each from its own loopback address (127.1.x.y, so that no
throttle key fills), CONCURRENCY at a time, for DURATION seconds. Every answer 401 is one
Argon2id verification; the server runs at most two at once (http/auth.hpp). Prints the
checks per second and per hour and the median time of one answer. A benchmark, not a
test.

    bench/login_guesses.py --binary build/release/ritme [--duration 20] [--concurrency 8]
"""

import argparse
import json
import os
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "server"))

from raw_http import one, request_bytes  # noqa: E402
from ritme_server import API, RitmeServer  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=8)
    arguments = parser.parse_args()
    server = RitmeServer(arguments.binary, label="guesses")
    server.start()
    try:
        server.setup_admin()
        victim = server.add_actor("victim")
        body = json.dumps({"email": victim.email, "password": "not-the-password"}).encode()
        data = request_bytes("POST", API + "/auth/login", [("Content-Type", "application/json")], body)
        lock = threading.Lock()
        counter = [0]
        statuses = {}
        durations = []
        stop_at = time.monotonic() + arguments.duration

        def guesser():
            while time.monotonic() < stop_at:
                with lock:
                    counter[0] += 1
                    number = counter[0]
                source = "127.1.%d.%d" % (number // 250 % 250 + 1, number % 250 + 1)
                started = time.monotonic()
                status = one(server.port, data, source=source, timeout=60).status
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                    durations.append(time.monotonic() - started)

        began = time.monotonic()
        threads = [threading.Thread(target=guesser) for _ in range(arguments.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
        checked = statuses.get(401, 0)
        print("answers by status: %s" % dict(sorted(statuses.items())))
        print("%d passwords checked in %.1f s: %.1f/s, %d per hour (concurrency %d)"
              % (checked, elapsed, checked / elapsed, round(checked / elapsed * 3600), arguments.concurrency))
        print("median answer %.0f ms" % (statistics.median(durations) * 1000 if durations else 0))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
