"""`ritme backup` of a running server under a write load from several clients, then
`ritme restore` and a server on the restored database:

- every write acknowledged before the backup started is in the copy (that write, or a
  later one of the same key), and the copy passes `PRAGMA integrity_check`;
- `ritme restore` refuses a database a running server has open, and changes nothing;
- restored into a new file, a server serves every one of those writes.

    python3 tests/durability/backup_test.py --binary build/release/ritme
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))

from raw_http import Checks  # noqa: E402
from ritme_server import RitmeServer  # noqa: E402
from write_load import WriteLoad, integrity_check, make_people, read_back, sequence_of  # noqa: E402


def ritme(binary, *arguments):
    result = subprocess.run([binary] + list(arguments), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return result.returncode, (result.stdout + result.stderr).decode("utf-8", errors="replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--people", type=int, default=6)
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    checks = Checks()
    work = tempfile.mkdtemp(prefix="ritme-backup-")
    database = os.path.join(work, "live.db")
    copy = os.path.join(work, "copy.db")
    restored = os.path.join(work, "restored.db")
    server = RitmeServer(binary, label="backup", database_url="sqlite:" + database)
    try:
        server.start()
        people, competency = make_people(server, arguments.people)
        load = WriteLoad(server, people, competency)
        load.start()
        time.sleep(2.0)
        started = time.monotonic()
        before = load.acknowledged_before(started)
        code, output = ritme(binary, "backup", "--db", "sqlite:" + database, "--to", copy)
        time.sleep(0.5)  # writes go on after the backup too
        load.stop()
        checks.check(code == 0, "ritme backup exits 0 under the write load (%d: %s)" % (code, output.strip()))
        checks.check(not load.failures, "every write of the load was answered 200 or 201 (%s)" % load.failures[:3])
        checks.check(len(before) >= 20 and load.count > len(before),
                     "the load had written before the backup (%d keys) and went on during it (%d writes in all)"
                     % (len(before), load.count))
        checks.check(not os.path.exists(copy + "-wal") and not os.path.exists(copy + ".partial"),
                     "the backup is one file, nothing beside it")
        checks.check(integrity_check(copy) == ["ok"], "the copy passes PRAGMA integrity_check")

        code, output = ritme(binary, "backup", "--db", "sqlite:" + database, "--to", copy)
        checks.check(code != 0 and "exists" in output, "a second backup to the same file is refused: %s" % output.strip())

        # The running server has its database open: restoring into it is refused.
        untouched = read_back(server, people, next(iter(before)))
        code, output = ritme(binary, "restore", "--db", "sqlite:" + database, "--from", copy)
        checks.check(code != 0 and "running" in output, "restore into the running server's database is refused: %s"
                     % output.strip())
        checks.check(read_back(server, people, next(iter(before))) == untouched, "... and changes nothing")
        server.stop()

        code, output = ritme(binary, "restore", "--db", "sqlite:" + restored, "--from", copy)
        checks.check(code == 0, "ritme restore into a new file exits 0 (%s)" % output.strip())
        served = RitmeServer(binary, label="restored", database_url="sqlite:" + restored)
        served.start()
        try:
            missing = []
            for item, text in sorted(before.items()):
                stored = read_back(served, people, item)
                if sequence_of(stored) < sequence_of(text):
                    missing.append("%s: %r, acknowledged before the backup %r" % (item, stored, text))
            checks.check(not missing, "the restored server serves every write acknowledged before the backup "
                         "(%d keys): %s" % (len(before), missing[:5]))
        finally:
            served.stop()

        damaged = os.path.join(work, "damaged.db")
        with open(copy, "rb") as source, open(damaged, "wb") as target:
            data = bytearray(source.read())
            data[4096 * 3:4096 * 3 + 512] = b"\xff" * 512  # a page in the middle, overwritten
            target.write(data)
        before_bytes = open(restored, "rb").read()
        code, output = ritme(binary, "restore", "--db", "sqlite:" + restored, "--from", damaged)
        checks.check(code != 0, "a damaged backup is refused (%s)" % output.strip())
        checks.check(open(restored, "rb").read() == before_bytes, "... and the database stays as it was")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
