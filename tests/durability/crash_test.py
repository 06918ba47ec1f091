"""The crash campaign: the server is killed with SIGKILL at random moments while several
clients write diary days, weeks, months and contracts through the API; each time it is
started again on the same database, which must pass `PRAGMA integrity_check` and hold
every write acknowledged in that round (the write in flight at the kill may be there or
not). A last round reads every key ever written.

    python3 tests/durability/crash_test.py --binary build/release/ritme --cycles 30
"""

import argparse
import os
import random
import shutil
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
    parser.add_argument("--cycles", type=int, default=30)
    parser.add_argument("--people", type=int, default=6)
    parser.add_argument("--seed", type=int, default=None, help="of the random moments (default: the time)")
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else int(time.time())
    print("random seed %d (--seed %d repeats the moments)" % (seed, seed))
    moments = random.Random(seed)
    checks = Checks()
    work = tempfile.mkdtemp(prefix="ritme-crash-")
    database = "sqlite:" + os.path.join(work, "ritme.db")
    server = RitmeServer(arguments.binary, label="crash", database_url=database)
    lost, damaged, writes, started = [], [], 0, time.monotonic()
    try:
        server.start()
        people, competency = make_people(server, arguments.people)
        load = WriteLoad(server, people, competency)
        for cycle in range(1, arguments.cycles + 1):
            round_started = time.monotonic()
            load.start(server)
            time.sleep(moments.uniform(0.05, 0.6))
            server._kill()  # SIGKILL, as a power cut would, mid-write
            load.stop(server_gone=True)
            server.stop()
            server = RitmeServer(arguments.binary, label="crash", database_url=database)
            server.start()
            integrity = integrity_check(os.path.join(work, "ritme.db"))
            if integrity != ["ok"]:
                damaged.append("cycle %d: %s" % (cycle, integrity[:3]))
            problems = load.check(server, items=load.written_since(round_started))
            lost += ["cycle %d: %s" % (cycle, problem) for problem in problems]
            writes = load.count
            if cycle % 50 == 0:
                print("... %d cycles, %d acknowledged writes, %.0f s" % (cycle, writes, time.monotonic() - started))
                sys.stdout.flush()
        final = load.check(server)
        checks.check(writes >= arguments.cycles * 10, "%d cycles of SIGKILL mid-write, %d writes acknowledged"
                     % (arguments.cycles, writes))
        checks.check(not load.failures, "every write was answered 200 or 201 (%s)" % load.failures[:3])
        checks.check(not damaged, "after each kill the database passes PRAGMA integrity_check: %s" % damaged[:3])
        checks.check(not lost, "after each kill every acknowledged write is there: %s" % lost[:5])
        checks.check(not final, "at the end every key holds its last acknowledged write (%d keys): %s"
                     % (len(load.acknowledged), final[:5]))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print("%.0f s" % (time.monotonic() - started))
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
