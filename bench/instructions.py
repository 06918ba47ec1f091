#!/usr/bin/python3
"""Instructions per request, counted by callgrind inside the request handlers
(Api::handle, Pages::handle) of a server with one worker thread.

    bench/instructions.py --binary build/release/ritme --db bench/data/seed-20x1000.db \
        --scenario diary|dashboard|put [--requests 20] [--port 18090]

The database (made by `ritme dev seed`) is copied first, so the original stays as it was.
Signs in as the benchmark person, makes three requests of the scenario to warm up, zeroes
the counts, makes the measured requests and prints the instructions per request.
Python 3 standard library only; needs valgrind (callgrind_control).
"""

import argparse
import datetime
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

PERSON = "persoon00002@voorbeeld.nl"
PASSWORD = "seed-password-2026"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--db", required=True, help="a SQLite file made by ritme dev seed")
    parser.add_argument("--scenario", required=True, choices=("diary", "dashboard", "put"))
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--port", type=int, default=18090)
    options = parser.parse_args()

    work = tempfile.mkdtemp(prefix="ritme-instructions-")
    try:
        shutil.copy(options.db, os.path.join(work, "run.db"))
        out = os.path.join(work, "callgrind.out")
        server = subprocess.Popen(
            ["valgrind", "--tool=callgrind", "--collect-atstart=no",
             "--toggle-collect=ritme::http::Api::handle*", "--toggle-collect=ritme::http::Pages::handle*",
             "--callgrind-out-file=" + out, options.binary, "serve", "--db", "sqlite:" + os.path.join(work, "run.db"),
             "--listen", "127.0.0.1:%d" % options.port, "--threads", "1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            per_request = measure(server.pid, options, out)
        finally:
            server.terminate()
            server.wait()
        print("%s: %d instructions per request (%d requests)" % (options.scenario, per_request, options.requests))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(pid, options, out):
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", options.port), 0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    base = "http://127.0.0.1:%d" % options.port

    def call(method, path, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=600) as answer:
            return answer.read(), answer.headers

    body, headers = call("POST", "/api/v1/auth/login", {"email": PERSON, "password": PASSWORD})
    cookie = headers["Set-Cookie"].split(";")[0]
    csrf = json.loads(body)["csrf_token"]
    body, _ = call("POST", "/api/v1/tokens", {"name": "bench"}, {"Cookie": cookie, "X-CSRF-Token": csrf})
    bearer = {"Authorization": "Bearer " + json.loads(body)["token"]}
    today = datetime.date.today()

    def one(index):
        if options.scenario == "diary":
            call("GET", "/api/v1/diary?limit=20", headers=bearer)
        elif options.scenario == "dashboard":
            call("GET", "/", headers={"Cookie": cookie, "Accept-Language": "nl"})
        else:
            day = (today - datetime.timedelta(days=2 + index)).isoformat()
            call("PUT", "/api/v1/diary/" + day,
                 {"learning_moments": "Vandaag geleerd: vragen stellen helpt.", "key_learning": "Vraag eerder.",
                  "minutes": 15}, bearer)

    for index in range(3):
        one(options.requests + index)
    subprocess.run(["callgrind_control", "-z", str(pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    for index in range(options.requests):
        one(index)
    subprocess.run(["callgrind_control", "-d", str(pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    time.sleep(1)
    dumps = sorted(path for path in glob.glob(out + ".*"))
    if not dumps:
        sys.exit("callgrind wrote no dump")
    with open(dumps[-1]) as handle:
        for line in handle:
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1]) // options.requests
    sys.exit("no totals in " + dumps[-1])


if __name__ == "__main__":
    main()
