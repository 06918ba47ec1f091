"""deploy/ritme.service: systemd takes it as it is (systemd-analyze verify, with ExecStart
pointed at the built binary), and its hardening scores as systemd's own review of a
unit calls "OK" or better (systemd-analyze security: exposure at most 2.0 of 10). The
settings docs/OPERATIONS.md relies on are there.

    python3 tests/deploy/systemd_unit_test.py --binary build/release/ritme --unit deploy/ritme.service
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

MOST_EXPOSURE = 2.0
REQUIRED = ("DynamicUser=yes", "StateDirectory=ritme", "ProtectSystem=strict", "NoNewPrivileges=yes",
            "TimeoutStopSec=", "KillSignal=SIGTERM", "LimitNOFILE=", "PrivateTmp=yes", "ProtectHome=yes")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--unit", required=True)
    arguments = parser.parse_args()
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        print("systemd-analyze is not installed")
        return 1
    with open(arguments.unit, encoding="utf-8") as unit_file:
        text = unit_file.read()
    failures = []
    for setting in REQUIRED:
        if not re.search(r"^" + re.escape(setting), text, re.M):
            failures.append("the unit lacks %s" % setting)
    stop = re.search(r"^TimeoutStopSec=(\d+)$", text, re.M)
    if not stop or int(stop.group(1)) < 10:
        failures.append("TimeoutStopSec must leave the server its 10 s to stop")

    folder = tempfile.mkdtemp(prefix="ritme-unit-")
    try:
        local = os.path.join(folder, "ritme.service")
        with open(local, "w", encoding="utf-8") as unit_file:
            unit_file.write(re.sub(r"^ExecStart=\S+", "ExecStart=" + os.path.abspath(arguments.binary), text, flags=re.M))
        verify = subprocess.run([analyze, "verify", local], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        said = verify.stdout.decode("utf-8", errors="replace").strip()
        # Units the machine itself lacks (no postgresql.service here) are not the unit's fault.
        complaints = [line for line in said.splitlines() if line and "postgresql.service" not in line]
        if verify.returncode != 0 or complaints:
            failures.append("systemd-analyze verify: %d\n%s" % (verify.returncode, said))
        else:
            print("ok    systemd-analyze verify")
        security = subprocess.run([analyze, "security", "--offline=yes", "--no-pager", local], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=60)
        report = security.stdout.decode("utf-8", errors="replace")
        found = re.search(r"Overall exposure level for \S+: ([0-9.]+)", report)
        if not found:
            failures.append("no exposure level in:\n" + report[-2000:])
        elif float(found.group(1)) > MOST_EXPOSURE:
            failures.append("exposure %s, more than %.1f:\n%s" % (found.group(1), MOST_EXPOSURE,
                                                                  "\n".join(l for l in report.splitlines() if "✗" in l)))
        else:
            print("ok    exposure %s (at most %.1f)" % (found.group(1), MOST_EXPOSURE))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for failure in failures:
        print("FAIL  " + failure)
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
