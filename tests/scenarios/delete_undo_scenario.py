#!/usr/bin/env python3
"""Delete with an undo, and a confirmation before removing a session, through the web pages.

    delete_undo_scenario.py --binary build/release/ritme [--postgres-url URL]

Each level's page (diary day, week, month, contract, year): deleting answers with the
page saying "Verwijderd." and an "Ongedaan maken" form button (no script needed);
pressing it puts the item back as it was. Removing a session of a learning day first
shows a confirmation; only the confirmed post removes it. Ends with one line
`N passed, N failed`. Standard library only.
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
from ritme_server import API, RitmeServer  # noqa: E402
from web_forms import check, finish, get, hidden, post  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--postgres-url", default=os.environ.get("RITME_TEST_PG_URL"))
    args = parser.parse_args()
    server = RitmeServer(args.binary, label="delete_undo", postgres_url=args.postgres_url or None)
    server.start()
    try:
        admin = server.setup_admin()
        alice = server.add_actor("alice")
        competency = server.request("POST", API + "/competencies", headers=admin.auth(),
                                    body={"name": "Luisteren", "description": ""}).json["id"]
        items = [
            ("/diary/2026-03-02", API + "/diary/2026-03-02", {"learning_moments": "Weg en terug."}),
            ("/weeks/2026-W10", API + "/weeks/2026-W10", {"act": "Weg en terug."}),
            ("/months/2026-03", API + "/months/2026-03", {"focus_competency_ids": [competency],
                                                          "went_well": "Weg en terug."}),
            ("/contracts/2026-Q1", API + "/contracts/2026-Q1", {"aims": "Weg en terug.",
                                                                "competency_ids": [competency], "goals": []}),
            ("/years/2026", API + "/years/2026", {"notes": "Weg en terug."}),
        ]
        for page_path, api_path, body in items:
            server.request("PUT", api_path, headers=alice.auth(), body=body)
            page = get(server, alice, page_path)
            check('action="%s/delete"' % page_path in page.text, "%s: the page offers delete" % page_path)
            deleted = post(server, alice, page_path + "/delete", {"_csrf": hidden(page.text, "_csrf")})
            check(deleted.status == 303, "%s: delete answers 303 (%s)" % (page_path, deleted.status))
            after = get(server, alice, deleted.header("Location"))
            check("Verwijderd." in after.text and "Ongedaan maken" in after.text,
                  "%s: the page says Verwijderd. Ongedaan maken" % page_path)
            check(server.request("GET", api_path, headers=alice.auth()).status == 404, "%s: it is gone" % page_path)
            undo = re.search(r'<form method="post" action="(/trash/[^"]+/restore)"', after.text)
            check(undo is not None, "%s: the undo is a form button" % page_path)
            if undo:
                restored = post(server, alice, undo.group(1), {"_csrf": hidden(after.text, "_csrf")})
                check(restored.status == 303, "%s: undo answers 303 (%s)" % (page_path, restored.status))
                back = server.request("GET", api_path, headers=alice.auth())
                check(back.status == 200 and "Weg en terug." in back.text, "%s: it is back as it was" % page_path)

        # Removing a session asks first.
        event = server.request("POST", API + "/events", headers=alice.auth(), body={
            "kind": "learning_day", "title": "Leerdag", "starts_at": "2037-06-11T07:00:00Z",
            "ends_at": "2037-06-11T15:00:00Z"}).json["id"]
        session = server.request("POST", API + "/events/%s/sessions" % event, headers=alice.auth(), body={
            "title": "Sessie mol", "host": "Alice", "description": "", "starts_at": "2037-06-11T08:00:00Z",
            "ends_at": "2037-06-11T09:00:00Z", "capacity": None}).json["id"]
        page = get(server, alice, "/events/" + event).text
        path = "/events/%s/sessions/%s/delete" % (event, session)
        asked = post(server, alice, path, {"_csrf": hidden(page, "_csrf")})
        check(asked.status == 200 and 'data-testid="confirm-remove"' in asked.text,
              "removing a session first asks (%s)" % asked.status)
        still = server.request("GET", API + "/events/" + event, headers=alice.auth()).json
        check(len(still["sessions"]) == 1, "the session is still there after the first press")
        removed = post(server, alice, path, {"_csrf": hidden(page, "_csrf"), "confirm": "1"})
        check(removed.status == 303, "the confirmed post removes it (%s)" % removed.status)
        gone = server.request("GET", API + "/events/" + event, headers=alice.auth()).json
        check(gone["sessions"] == [], "the session is gone after confirming")
    finally:
        server.stop()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
