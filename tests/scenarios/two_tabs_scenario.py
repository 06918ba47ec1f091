#!/usr/bin/env python3
"""Two tabs on the same item, through the web pages: the later save replaces nothing.

    two_tabs_scenario.py --binary build/release/ritme [--postgres-url URL]

For the diary day, the week, the month, the contract and the year: a person opens the
page's form in two tabs (each carries the version it was loaded with), saves in the
first, then saves in the second. The second answers 409 with both texts side by side and
the person's own text still in the form, and the stored item is the first tab's. Saving
again from that page (it now carries the newer version) replaces it knowingly. Ends with
one line `N passed, N failed`. Standard library only.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
from ritme_server import API, RitmeServer  # noqa: E402
from web_forms import check, finish, get, hidden, post  # noqa: E402


def open_form(server, person, path):
    answer = get(server, person, path)
    page = answer.text
    return {"status": answer.status, "csrf": hidden(page, "_csrf"), "version": hidden(page, "version"), "page": page}


def post_form(server, person, path, fields):
    answer = post(server, person, path, fields)
    return answer.status, answer.text


# Each level: its page, the field whose text the two tabs write, other fields its form needs,
# and where the API reads the stored text back.
def levels(competency_id):
    return [
        ("/diary/2026-03-02", "learning_moments", {}, API + "/diary/2026-03-02", "learning_moments"),
        ("/weeks/2026-W10", "act", {}, API + "/weeks/2026-W10", "act"),
        ("/months/2026-03", "went_well", {"focus_competency_ids": competency_id}, API + "/months/2026-03", "went_well"),
        ("/contracts/2026-Q1", "where_from", {"competency_ids": competency_id}, API + "/contracts/2026-Q1",
         "where_from"),
        ("/years/2026", "notes", {}, API + "/years/2026", "notes"),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--postgres-url", default=os.environ.get("RITME_TEST_PG_URL"))
    args = parser.parse_args()
    server = RitmeServer(args.binary, label="two_tabs", postgres_url=args.postgres_url or None)
    server.start()
    try:
        admin = server.setup_admin()
        alice = server.add_actor("alice")
        made = server.request("POST", API + "/competencies", headers=admin.auth(),
                              body={"name": "Luisteren", "description": ""})
        competency_id = made.json["id"]
        for path, field, extra, api_path, api_field in levels(competency_id):
            first = open_form(server, alice, path)
            second = open_form(server, alice, path)
            check(first["status"] == 200 and first["version"] == "0", "%s: the form is based on no item" % path)
            fields = dict(extra, _csrf=first["csrf"], version=first["version"])
            status, _ = post_form(server, alice, path, dict(fields, **{field: "Eerste tabblad."}))
            check(status == 303, "%s: the first tab saves (%s)" % (path, status))

            fields = dict(extra, _csrf=second["csrf"], version=second["version"])
            status, page = post_form(server, alice, path, dict(fields, **{field: "Tweede tabblad <b>."}))
            check(status == 409, "%s: the second tab is refused (%s)" % (path, status))
            check('data-testid="conflict"' in page, "%s: the conflict is shown" % path)
            check("Eerste tabblad." in page and "Tweede tabblad &lt;b&gt;." in page,
                  "%s: both texts are on the page" % path)
            check(hidden(page, "version") == "1", "%s: the form now carries the saved version" % path)
            stored = server.request("GET", api_path, headers=alice.auth())
            check(stored.status == 200 and stored.json[api_field] == "Eerste tabblad.",
                  "%s: the stored text is the first tab's" % path)

            fields = dict(extra, _csrf=second["csrf"], version=hidden(page, "version"))
            status, _ = post_form(server, alice, path, dict(fields, **{field: "Samengevoegd."}))
            check(status == 303, "%s: saving again after seeing both replaces (%s)" % (path, status))
            stored = server.request("GET", api_path, headers=alice.auth())
            check(stored.json[api_field] == "Samengevoegd." and stored.json["version"] == 2,
                  "%s: the merged text is stored as version 2" % path)
    finally:
        server.stop()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
