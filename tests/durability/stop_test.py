"""SIGTERM under a write load from several clients: the server is gone within 10 seconds,
exits 0, and started again it has every write it acknowledged; the database passes
`PRAGMA integrity_check` and no write-ahead log is left beside it.

    python3 tests/durability/stop_test.py --binary build/release/ritme
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))

from raw_http import Checks  # noqa: E402
from ritme_server import RitmeServer  # noqa: E402
from write_load import WriteLoad, integrity_check, make_people  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--people", type=int, default=8)
    arguments = parser.parse_args()
    checks = Checks()
    work = tempfile.mkdtemp(prefix="ritme-stop-")
    database = os.path.join(work, "ritme.db")
    server = RitmeServer(arguments.binary, label="stop", database_url="sqlite:" + database)
    again = None
    try:
        server.start()
        people, competency = make_people(server, arguments.people)
        load = WriteLoad(server, people, competency)
        load.start()
        time.sleep(3.0)
        written = load.count
        stopping = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        try:
            code = server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            code = None
        took = time.monotonic() - stopping
        load.stop(server_gone=True)
        checks.check(written > 100, "the load was writing when SIGTERM came (%d writes)" % written)
        checks.check(code == 0 and took < 10, "the server exits 0 within 10 s of SIGTERM (%s after %.1f s)" % (code, took))
        checks.check(not load.failures, "every write was answered 200 or 201 until then (%s)" % load.failures[:3])
        checks.check(not os.path.exists(database + "-wal") or os.path.getsize(database + "-wal") == 0,
                     "no write-ahead log is left: the last connection copied it into the database")
        checks.check(integrity_check(database) == ["ok"], "the database passes PRAGMA integrity_check")

        again = RitmeServer(arguments.binary, label="stop-again", database_url="sqlite:" + database)
        again.start()
        problems = load.check(again)
        checks.check(not problems, "started again, it has every write it acknowledged (%d keys): %s"
                     % (len(load.acknowledged), problems[:5]))
    finally:
        server.stop()
        if again is not None:
            again.stop()
        shutil.rmtree(work, ignore_errors=True)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
