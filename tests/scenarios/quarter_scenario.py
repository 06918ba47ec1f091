#!/usr/bin/env python3
"""A whole quarter, 2026-Q3 (1 July .. 30 September 2026), lived through the API.

    quarter_scenario.py --binary build/release/ritme

An admin sets up the competency catalogue; a member keeps default workdays, writes a
diary entry on most workdays (a few missed on purpose, a few weekend entries), writes a
Learning Contract with goals early in the quarter, a weekly review every week, monthly
reflections for July and August with focus competencies and goal progress, and the
yearly review in September. Everything is written in calendar order, and after each
day's writing GET /rhythm?day=D is checked for EVERY day of the quarter against a
model computed here: daily due/done, the streak (by a plain reference implementation
of the contract's rule), and the periods and done flags of week, month, quarter and
year. Ends with one line `N passed, N failed`. Standard library only.
"""

import argparse
import datetime
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
from ritme_server import API, RitmeServer, ServerError  # noqa: E402

DAY = datetime.timedelta(days=1)
Q_START = datetime.date(2026, 7, 1)
Q_END = datetime.date(2026, 9, 30)
WORKDAYS = {1, 2, 3, 4, 5}  # the default: Monday .. Friday

# Workdays deliberately left without an entry (one lone, two in a row, more lone ones).
MISSED = {datetime.date(2026, 7, 10), datetime.date(2026, 7, 21), datetime.date(2026, 8, 13),
          datetime.date(2026, 8, 14), datetime.date(2026, 9, 8)}
# Weekend days with an entry anyway (one right after a missed Friday).
WEEKEND_ENTRIES = {datetime.date(2026, 7, 11), datetime.date(2026, 8, 16), datetime.date(2026, 9, 19)}
CONTRACT_DAY = datetime.date(2026, 7, 2)
MONTH_DAYS = {datetime.date(2026, 7, 29): "2026-07", datetime.date(2026, 8, 27): "2026-08"}
YEAR_DAY = datetime.date(2026, 9, 15)
NO_PEER_MEETING_WEEKS = {"2026-W30", "2026-W36"}


def days(first, last):
    day = first
    while day <= last:
        yield day
        day += DAY


def week_of(day):
    year, number, _ = day.isocalendar()
    return "%04d-W%02d" % (year, number)


def month_of(day):
    return "%04d-%02d" % (day.year, day.month)


def quarter_of(day):
    return "%04d-Q%d" % (day.year, (day.month - 1) // 3 + 1)


def week_days(week):
    year, number = int(week[:4]), int(week[6:])
    monday = datetime.date.fromisocalendar(year, number, 1)
    return [monday + DAY * offset for offset in range(7)]


def review_day(week):
    """The weekly review is written on the Friday, or on the quarter's last day if sooner."""
    friday = week_days(week)[4]
    return min(friday, Q_END) if friday >= Q_START else None


def reference_streak(entry_days, workdays, day):
    """The contract's rule, spelled out day by day from the first entry."""
    earlier = [entry for entry in entry_days if entry <= day]
    if not earlier:
        return 0, 0
    current = longest = 0
    for moment in days(min(earlier), day):
        if moment.isoweekday() not in workdays:
            continue  # neither counts nor breaks
        if moment in entry_days:
            current += 1
            longest = max(longest, current)
        elif moment != day:
            current = 0  # a workday without an entry breaks it
        # the given day without an entry (yet) does not break it
    return current, longest


class Scenario:
    def __init__(self, binary):
        self.server = RitmeServer(binary, label="ritme-quarter")
        self.passed = 0
        self.failed = 0
        self.quarterly_seen = []  # (day, contract written, done, status)

    def say(self, text):
        print(text, flush=True)

    def check(self, name, problems):
        """`problems`: a list of texts; empty means the check passed."""
        if problems:
            self.failed += 1
            self.say("FAIL  %s" % name)
            for problem in problems:
                self.say("        - %s" % problem)
        else:
            self.passed += 1
            self.say("ok    %s" % name)
        return not problems

    def call(self, actor, method, path, body=None, expect=200, name=None):
        """One request with the actor's bearer token; a check that the status is `expect`."""
        name = name or "%s %s" % (method, path)
        try:
            answer = self.server.request(method, API + path, headers=actor.auth("bearer"), body=body)
        except OSError as error:
            self.check(name, ["request failed: %s" % error] +
                       ([] if self.server.alive() else ["the server is not running:\n" + self.server.log_tail()]))
            return None
        problems = []
        if answer.status != expect:
            problems.append("status %d, expected %d; body: %s" % (answer.status, expect, answer.pretty_body(1500)))
        self.check(name, problems)
        return answer if answer.status == expect else None

    # -- the quarter ------------------------------------------------------------------------

    def run(self):
        try:
            self.server.start()
            admin = self.server.setup_admin()
            member = self.server.add_actor("quinn", locale="nl", name="Quinn de Vries")
        except (ServerError, OSError) as error:
            self.failed += 1
            self.say("FAIL  preparing the server: %s" % error)
            return
        try:
            self.live_the_quarter(admin, member)
        finally:
            self.server.stop()

    def live_the_quarter(self, admin, member):
        competencies = []
        for name in ("Feedback geven", "Plannen en organiseren", "Samenwerken"):
            answer = self.call(admin, "POST", "/competencies", {"name": name, "description": ""}, 201,
                               "admin creates competency %r" % name)
            if answer is None or not isinstance(answer.json, dict) or "id" not in answer.json:
                self.say("cannot go on without competencies")
                return
            competencies.append(answer.json["id"])
        feedback, planning, teamwork = competencies

        answer = self.call(member, "GET", "/me", name="member's workdays start as Monday..Friday")
        if answer is not None:
            self.check("GET /me workdays == [1,2,3,4,5]",
                       [] if answer.json.get("workdays") == [1, 2, 3, 4, 5] else ["got %r" % answer.json.get("workdays")])
        answer = self.call(member, "PATCH", "/me", {"workdays": [1, 2, 3, 4, 5]}, 200,
                           "member sets the default workdays")
        if answer is not None:
            self.check("PATCH /me answers the workdays",
                       [] if answer.json.get("workdays") == [1, 2, 3, 4, 5] else ["got %r" % answer.json.get("workdays")])

        entries = set()  # days written so far
        weeks_written = {}  # week -> peer meeting held
        months_written = {}  # month -> focus ids
        contract_written = False
        year_written = False
        goal_ids = []

        for day in days(Q_START, Q_END):
            text = day.isoformat()
            workday = day.isoweekday() in WORKDAYS
            if (workday and day not in MISSED) or day in WEEKEND_ENTRIES:
                body = {"learning_moments": "Leermoment van %s: doorgevraagd in het overleg." % text,
                        "handling": "Eerst gevraagd, toen samengevat.",
                        "key_learning": "Vragen voor vertellen.",
                        "competency_ids": [feedback if day.day % 2 else planning],
                        "tags": ["kwartaal3"], "shared_with_peer": False, "minutes": 15}
                if self.call(member, "PUT", "/diary/" + text, body, 201, "diary %s (%s)" % (
                        text, "weekend" if not workday else "workday")) is not None:
                    entries.add(day)

            if day == CONTRACT_DAY:
                goal_ids = self.write_contract(member, feedback, planning)
                contract_written = bool(goal_ids)

            week = week_of(day)
            if review_day(week) == day:
                if self.write_week(member, week, day, feedback if len(weeks_written) % 2 else teamwork, entries):
                    weeks_written[week] = week not in NO_PEER_MEETING_WEEKS

            if day in MONTH_DAYS:
                month = MONTH_DAYS[day]
                focus = [feedback] if month == "2026-07" else [feedback, planning]
                if self.write_month(member, month, focus, goal_ids):
                    months_written[month] = focus

            if day == YEAR_DAY:
                year_written = self.call(member, "PUT", "/years/2026", {
                    "challenging": 4, "inspiring": 4, "rewarding": 3, "next_step": "grow_in_role",
                    "notes": "Een lerende organisatie dag organiseren."}, 200, "yearly review 2026") is not None

            self.check_rhythm(member, day, entries, weeks_written, months_written, contract_written, year_written)

        self.check_afterwards(member, entries, goal_ids)

    def write_contract(self, member, feedback, planning):
        body = {
            "where_from": "In Q2 schreef ik onregelmatig in mijn leerdagboek.",
            "where_now": "Ik leid het teamoverleg en wil beter feedback geven.",
            "aims": "Eind september geef ik in elk overleg feedback zonder aarzelen.",
            "approach": "Elke week een concreet plan, besproken met mijn vaste collega.",
            "evidence": "Mijn vaste collega en twee teamleden bevestigen het.",
            "competency_ids": [feedback, planning],
            "goals": [
                {"text": "In elk teamoverleg vraag ik door voordat ik reageer",
                 "measure": "12 keer in het kwartaal, bevestigd door mijn vaste collega", "deadline": "2026-09-25"},
                {"text": "Elke maandag plan ik mijn week met een checklist",
                 "measure": "10 van de 13 weken", "deadline": "2026-09-28"},
            ],
        }
        answer = self.call(member, "PUT", "/contracts/2026-Q3", body, 200, "Learning Contract 2026-Q3 written on %s"
                           % CONTRACT_DAY.isoformat())
        if answer is None:
            return []
        contract = answer.json if isinstance(answer.json, dict) else {}
        goals = contract.get("goals") if isinstance(contract.get("goals"), list) else []
        problems = []
        if len(goals) != 2:
            problems.append("expected 2 goals, got %r" % goals)
        ids = [goal.get("id") for goal in goals if isinstance(goal, dict)]
        if not all(isinstance(goal_id, str) and goal_id for goal_id in ids) or len(set(ids)) != len(ids):
            problems.append("goals need distinct, non-empty ids: %r" % ids)
        for goal in goals:
            smart = goal.get("smart") if isinstance(goal, dict) else None
            if not isinstance(smart, dict) or not all(isinstance(smart.get(key), bool) for key in (
                    "specific", "measurable", "achievable", "relevant", "time_bound")) or \
                    not isinstance(smart.get("hints"), list):
                problems.append("goal without a full smart verdict: %r" % goal)
        if contract.get("status") != "draft":
            problems.append("status %r, expected 'draft'" % contract.get("status"))
        self.check("contract goals have ids and smart verdicts; status draft", problems)
        return ids if not problems else [goal_id for goal_id in ids if goal_id]

    def write_week(self, member, week, day, competency_id, entries):
        deadline = (day + datetime.timedelta(days=7)).isoformat()  # the plan is for the coming week
        held = week not in NO_PEER_MEETING_WEEKS
        body = {
            "peer_meeting": {"held": held, "day": day.isoformat() if held else None,
                             "notes": "Besproken met mijn vaste collega." if held else ""},
            "plan": {"competency_id": competency_id,
                     "situation": "In het teamoverleg op dinsdag vraag ik door voordat ik reageer",
                     "approach": "Ik stel eerst twee open vragen en vat samen wat ik hoor",
                     "measure": "3 keer, en ik vraag feedback aan mijn vaste collega",
                     "deadline": deadline},
            "act": "Volgende week hetzelfde in het klantoverleg.",
            "shared_with_peer": False,
        }
        answer = self.call(member, "PUT", "/weeks/" + week, body, 200, "weekly review %s written on %s" % (week, day))
        if answer is None:
            return False
        review = answer.json if isinstance(answer.json, dict) else {}
        expected_check = sorted(d.isoformat() for d in week_days(week) if d in entries)
        problems = []
        check = review.get("check")
        if not isinstance(check, list) or sorted(check) != expected_check:
            problems.append("check %r, expected the week's diary days %r" % (check, expected_check))
        smart = review.get("smart")
        if not isinstance(smart, dict) or not all(isinstance(smart.get(key), bool) for key in (
                "specific", "measurable", "achievable", "relevant", "time_bound")) or \
                not isinstance(smart.get("hints"), list):
            problems.append("smart verdict incomplete: %r" % smart)
        elif smart.get("time_bound") is not True:
            problems.append("deadline %s lies in the week after %s, yet time_bound is %r" % (deadline, week, smart.get("time_bound")))
        if (review.get("peer_meeting") or {}).get("held") is not held:
            problems.append("peer_meeting.held %r, expected %r" % ((review.get("peer_meeting") or {}).get("held"), held))
        self.check("weekly review %s: check = diary days, smart verdict" % week, problems)
        return True

    def write_month(self, member, month, focus, goal_ids):
        statuses = {"2026-07": ["on_track", "not_started"], "2026-08": ["achieved", "at_risk"]}[month]
        progress = [{"goal_id": goal_id, "status": status, "note": "Stand in %s" % month}
                    for goal_id, status in zip(goal_ids, statuses)]
        body = {"focus_competency_ids": focus,
                "went_well": "Ik vroeg vaker door.", "could_be_better": "Samenvatten.",
                "approach": "Na elk overleg één zin noteren.",
                "goal_progress": progress, "sol_meeting_attended": month == "2026-08"}
        answer = self.call(member, "PUT", "/months/" + month, body, 200, "monthly reflection %s" % month)
        if answer is None:
            return False
        reflection = answer.json if isinstance(answer.json, dict) else {}
        problems = []
        if sorted(reflection.get("focus_competency_ids") or []) != sorted(focus):
            problems.append("focus %r, expected %r" % (reflection.get("focus_competency_ids"), focus))
        got = sorted((item.get("goal_id"), item.get("status")) for item in reflection.get("goal_progress") or []
                     if isinstance(item, dict))
        want = sorted((item["goal_id"], item["status"]) for item in progress)
        if got != want:
            problems.append("goal_progress %r, expected %r" % (got, want))
        if len(progress) != 2:
            problems.append("the contract's two goals were not available for goal progress")
        self.check("monthly reflection %s: focus and goal progress" % month, problems)
        return True

    def check_rhythm(self, member, day, entries, weeks_written, months_written, contract_written, year_written):
        text = day.isoformat()
        try:
            answer = self.server.request("GET", API + "/rhythm?day=" + text, headers=member.auth("bearer"))
        except OSError as error:
            self.check("rhythm %s" % text, ["request failed: %s" % error])
            return
        if answer.status != 200 or not isinstance(answer.json, dict):
            self.check("rhythm %s" % text, ["status %d: %s" % (answer.status, answer.pretty_body(1500))])
            return
        rhythm = answer.json
        week, month = week_of(day), month_of(day)
        current, longest = reference_streak(entries, WORKDAYS, day)
        expected = {
            ("day",): text,
            ("daily", "due"): day.isoweekday() in WORKDAYS,
            ("daily", "done"): day in entries,
            ("weekly", "period"): week,
            ("weekly", "done"): week in weeks_written,
            ("weekly", "peer_meeting_held"): weeks_written.get(week, False),
            ("monthly", "period"): month,
            ("monthly", "done"): month in months_written,
            ("quarterly", "period"): quarter_of(day),
            ("yearly", "period"): str(day.year),
            ("yearly", "done"): year_written,
            ("streak", "current"): current,
            ("streak", "longest"): longest,
        }
        quarterly = rhythm.get("quarterly") if isinstance(rhythm.get("quarterly"), dict) else {}
        # Quarterly done/status are gathered over all days and checked once at the end, so
        # that one disagreement there does not hide everything else day after day.
        self.quarterly_seen.append((text, contract_written, quarterly.get("done", "<absent>"),
                                    quarterly.get("status", "<absent>")))
        problems = []
        for path, want in expected.items():
            value = rhythm
            for key in path:
                value = value.get(key, "<absent>") if isinstance(value, dict) else "<absent>"
            if value != want or isinstance(value, bool) != isinstance(want, bool):
                problems.append("%s: expected %r, got %r" % (".".join(path), want, value))
        focus = rhythm.get("focus_competency_ids", "<absent>")
        if not isinstance(focus, list):
            problems.append("focus_competency_ids: expected a list, got %r" % (focus,))
        elif month in months_written and sorted(focus) != sorted(months_written[month]):
            problems.append("focus_competency_ids: expected %r (the month's focus), got %r" % (months_written[month], focus))
        self.check("rhythm %s %s: due=%s done=%s streak=%d/%d week=%s%s month=%s%s" % (
            text, day.strftime("%a"), expected[("daily", "due")], expected[("daily", "done")], current, longest,
            week, "+" if week in weeks_written else "", month, "+" if month in months_written else ""), problems)

    def check_quarterly_flags(self):
        """quarterly.done stays false: a contract is done once it is shared or agreed, and
        this one stays a draft; status is null/absent before it is written and "draft" after."""
        wrong = []
        for text, written, done, status in self.quarterly_seen:
            want_status_ok = status == "draft" if written else status in (None, "<absent>")
            if done is not False or not want_status_ok:
                wrong.append("%s: done=%r status=%r, expected done=False status=%s"
                             % (text, done, status, "'draft'" if written else "null"))
        self.check("quarterly.done/status on all %d days (contract written %s)" % (
            len(self.quarterly_seen), CONTRACT_DAY.isoformat()),
            ["%d days differ, e.g.:" % len(wrong)] + wrong[:5] if wrong else [])

    def check_afterwards(self, member, entries, goal_ids):
        self.check_quarterly_flags()
        # The diary of the quarter, newest first, in pages.
        want = sorted((d.isoformat() for d in entries), reverse=True)
        got = []
        cursor = None
        for _page in range(20):
            path = "/diary?from=2026-07-01&to=2026-09-30&limit=25"
            if cursor:
                from urllib.parse import quote
                path += "&cursor=" + quote(cursor, safe="")
            answer = self.call(member, "GET", path, name="diary list page %d" % (_page + 1))
            if answer is None or not isinstance(answer.json, dict):
                break
            got += [entry.get("day") for entry in answer.json.get("entries") or []]
            cursor = answer.json.get("next_cursor")
            if not cursor:
                break
        self.check("the quarter's diary, paged: %d entries, newest first" % len(want),
                   [] if got == want else ["got %d days %r..., expected %d %r..." % (len(got), got[:5], len(want), want[:5])])

        # Each week's Check now holds every diary day of that week (weekend ones included).
        weeks = sorted({week_of(d) for d in days(Q_START, Q_END)})
        for week in weeks:
            answer = self.call(member, "GET", "/weeks/" + week, name="GET /weeks/%s" % week)
            if answer is None:
                continue
            expected = sorted(d.isoformat() for d in week_days(week) if d in entries)
            check = answer.json.get("check") if isinstance(answer.json, dict) else None
            self.check("week %s check = %r" % (week, expected),
                       [] if isinstance(check, list) and sorted(check) == expected else ["got %r" % (check,)])

        answer = self.call(member, "GET", "/months/2026-08", name="GET /months/2026-08")
        if answer is not None:
            progress = {item.get("goal_id"): item.get("status") for item in answer.json.get("goal_progress") or []}
            want = dict(zip(goal_ids, ["achieved", "at_risk"]))
            self.check("August's goal progress is stored", [] if progress == want else ["got %r, expected %r" % (progress, want)])
        self.call(member, "GET", "/months/2026-09", expect=404, name="September has no reflection (404)")
        answer = self.call(member, "GET", "/contracts/2026-Q3", name="GET /contracts/2026-Q3")
        if answer is not None:
            ids = [goal.get("id") for goal in answer.json.get("goals") or []]
            self.check("the contract keeps its goal ids", [] if ids == goal_ids else ["got %r, expected %r" % (ids, goal_ids)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    options = parser.parse_args()
    scenario = Scenario(options.binary)
    scenario.run()
    print("%d passed, %d failed" % (scenario.passed, scenario.failed))
    return 1 if scenario.failed or scenario.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
