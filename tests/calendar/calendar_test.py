#!/usr/bin/python3
"""The calendar feed end to end: a real `ritme serve`, the feed parsed by a real iCalendar
library (Debian's python3-icalendar) and its RRULEs expanded (python3-dateutil's rrule and
python3-recurring-ical-events) over the change from summer to winter time of 25 October
2026 in Europe/Amsterdam: the peer meeting stays at its local time while its UTC time
moves by an hour. Rotating the secret address kills the old one (404).

    calendar_test.py --binary build/release/ritme
"""

import argparse
import datetime
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
from ritme_server import API, RitmeServer  # noqa: E402

import icalendar  # noqa: E402  (python3-icalendar)
import recurring_ical_events  # noqa: E402  (python3-recurring-ical-events)
from dateutil import rrule as dateutil_rrule  # noqa: E402  (python3-dateutil)

UTC = datetime.timezone.utc

failures = []


def check(condition, what):
    if condition:
        print("ok   %s" % what)
    else:
        print("FAIL %s" % what)
        failures.append(what)
    return condition


def feed_path(url):
    parsed = urllib.parse.urlsplit(url)
    return parsed.path


def fetch(server, url):
    return server.request("GET", feed_path(url))


def events_by_uid(calendar):
    return {str(event.get("UID")): event for event in calendar.walk("VEVENT")}


def find(events, prefix):
    for uid, event in events.items():
        if uid.startswith(prefix):
            return event
    return None


def occurrences(calendar, uid_prefix, start, end):
    found = [event for event in recurring_ical_events.of(calendar).between(start, end)
             if str(event.get("UID")).startswith(uid_prefix)]
    return sorted(event.decoded("DTSTART") for event in found)


def aware(naive, zone):
    """`naive` in `zone` (pytz zones need localize)."""
    return zone.localize(naive) if hasattr(zone, "localize") else naive.replace(tzinfo=zone)


def last_workday_of_month(moment):
    """Monday to Friday, and no Monday to Friday after it in its month."""
    later = [moment + datetime.timedelta(days=k) for k in range(1, 8)]
    return moment.weekday() < 5 and all(d.weekday() >= 5 for d in later if d.month == moment.month)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    options = parser.parse_args()

    server = RitmeServer(options.binary, label="calendar")
    try:
        server.start()
        server.setup_admin()
        anna = server.add_actor("anna", locale="nl", name="Anna de Vries")
        bob = server.add_actor("bob", locale="en", name="Bob Baker")
        other = server.add_actor("carol", locale="nl", name="Carol Claes")

        # Anna and Bob become each other's fixed colleague and meet on Tuesdays at 09:30.
        invited = server.request("POST", API + "/peer/invitations", headers=anna.auth("bearer"),
                                 body={"email": bob.email})
        check(invited.status == 201, "Anna invites Bob (%d %s)" % (invited.status, invited.text[:200]))
        invitation_id = (invited.json or {}).get("id")
        accepted = server.request("POST", API + "/peer/invitations/%s/accept" % invitation_id,
                                  headers=bob.auth("bearer"))
        check(accepted.status == 200, "Bob accepts (%d)" % accepted.status)
        slot = server.request("PUT", API + "/peer/meeting", headers=anna.auth("bearer"),
                              body={"weekday": 2, "time": "09:30", "duration_minutes": 45})
        check(slot.status == 200, "the pair meets on Tuesdays at 09:30 (%d %s)" % (slot.status, slot.text[:200]))

        # An event Anna is going to.
        made = server.request("POST", API + "/events", headers=anna.auth("bearer"), body={
            "kind": "learning_day", "title": "Lerende organisatie dag", "starts_at": "2027-03-18T08:30:00Z",
            "ends_at": "2027-03-18T16:00:00Z", "location": "Utrecht", "description": "Leren van, met en door elkaar",
            "capacity": None})
        check(made.status == 201, "Anna organises a learning day (%d %s)" % (made.status, made.text[:200]))
        event_id = (made.json or {}).get("id")
        if event_id:
            going = server.request("POST", API + "/events/%s/rsvp" % event_id, headers=anna.auth("bearer"),
                                   body={"status": "going"})
            check(going.status == 200, "Anna is going (%d)" % going.status)

        # The address: made on first use, the same on the next ask, secret and anonymous.
        first = server.request("GET", API + "/me/calendar", headers=anna.auth("bearer"))
        check(first.status == 200 and (first.json or {}).get("url", "").endswith(".ics"),
              "GET /me/calendar answers {url} ending in .ics (%d)" % first.status)
        url = first.json["url"]
        check(server.request("GET", API + "/me/calendar", headers=anna.auth("bearer")).json["url"] == url,
              "asking again answers the same address")
        check(url.startswith("http://127.0.0.1:%d/calendar/" % server.port), "the address is under the public URL")
        check(server.request("GET", API + "/me/calendar").status == 401, "the address itself needs a session")

        answer = fetch(server, url)
        check(answer.status == 200, "the feed answers 200 without a session (%d)" % answer.status)
        check((answer.header("Content-Type") or "").startswith("text/calendar"), "as text/calendar")
        check(answer.header("Set-Cookie") is None, "and sets no cookie")
        calendar = icalendar.Calendar.from_ical(answer.body)
        events = events_by_uid(calendar)
        zones = [str(zone.get("TZID")) for zone in calendar.walk("VTIMEZONE")]
        check(zones == ["Europe/Amsterdam"], "one VTIMEZONE, TZID Europe/Amsterdam: %s" % zones)

        again = icalendar.Calendar.from_ical(fetch(server, url).body)
        check(set(events_by_uid(again)) == set(events), "UIDs are stable from one fetch to the next")

        # The weekly peer meeting across the end of summer time (Sunday 25 October 2026).
        meeting = find(events, "peer-meeting-")
        if check(meeting is not None, "the feed has the weekly peer meeting"):
            rule = meeting.get("RRULE")
            check(rule.get("FREQ") == ["WEEKLY"] and rule.get("BYDAY") == ["TU"], "RRULE:FREQ=WEEKLY;BYDAY=TU")
            start = meeting.decoded("DTSTART")
            check(getattr(start.tzinfo, "zone", str(start.tzinfo)) == "Europe/Amsterdam",
                  "DTSTART is local with TZID Europe/Amsterdam (%s)" % start.tzinfo)
            check("Bob Baker" in str(meeting.get("SUMMARY")) and "Peer-review" in str(meeting.get("SUMMARY")),
                  "named in Anna's language, with her colleague: %s" % meeting.get("SUMMARY"))
            check(meeting.decoded("DURATION") == datetime.timedelta(minutes=45), "45 minutes long")

            window = (datetime.datetime(2026, 10, 19), datetime.datetime(2026, 11, 2))
            expanded = occurrences(calendar, "peer-meeting-", *window)
            check([d.date() for d in expanded] == [datetime.date(2026, 10, 20), datetime.date(2026, 10, 27)],
                  "two meetings around the change: %s" % expanded)
            if len(expanded) == 2:
                check([(d.hour, d.minute) for d in expanded] == [(9, 30), (9, 30)],
                      "both at 09:30 local time")
                check([d.astimezone(UTC).hour for d in expanded] == [7, 8],
                      "at 07:30 UTC in summer time, 08:30 UTC after (%s)" % [d.astimezone(UTC) for d in expanded])

            # The same with dateutil's rrule on its own.
            rule_text = meeting.get("RRULE").to_ical().decode()
            by_dateutil = list(dateutil_rrule.rrulestr(rule_text, dtstart=start).between(
                aware(window[0], start.tzinfo), aware(window[1], start.tzinfo)))
            check([(d.month, d.day, d.hour, d.minute) for d in by_dateutil] == [(10, 20, 9, 30), (10, 27, 9, 30)],
                  "dateutil's rrule gives the same local times: %s" % by_dateutil)

        # The rhythm's own sessions.
        year = datetime.datetime.now(UTC).year
        span = (datetime.datetime(year, 1, 1), datetime.datetime(year + 1, 1, 1))
        monthly = occurrences(calendar, "monthly-reflection-", *span)
        check(len(monthly) == 12 and all(last_workday_of_month(d) for d in monthly),
              "the monthly reflection: 12 a year, each on the month's last workday: %s" % [d.date() for d in monthly])
        check(all((d.hour, d.minute) == (15, 0) for d in monthly), "each at 15:00 local time, summer or winter")
        quarterly = occurrences(calendar, "learning-contract-", *span)
        check([d.month for d in quarterly] == [1, 4, 7, 10] and all(d.day <= 3 for d in quarterly),
              "the contract session at the start of every quarter: %s" % [d.date() for d in quarterly])
        yearly = occurrences(calendar, "yearly-review-", datetime.datetime(year, 1, 1), datetime.datetime(year + 3, 1, 1))
        check([d.year for d in yearly] == [year, year + 1, year + 2] and all(d.month == 12 for d in yearly),
              "the yearly review, in December of every year: %s" % [d.date() for d in yearly])

        # The event Anna goes to, as a plain VEVENT at its local time.
        if event_id:
            event = events.get("event-%s@ritme" % event_id)
            if check(event is not None, "the event Anna goes to is in her feed"):
                start = event.decoded("DTSTART")
                check(start.astimezone(UTC) == datetime.datetime(2027, 3, 18, 8, 30, tzinfo=UTC) and start.hour == 9,
                      "at 09:30 Amsterdam time (08:30 UTC): %s" % start)
                check(event.get("RRULE") is None and str(event.get("LOCATION")) == "Utrecht", "once, in Utrecht")
            bob_url = server.request("GET", API + "/me/calendar", headers=bob.auth("bearer")).json["url"]
            bob_events = events_by_uid(icalendar.Calendar.from_ical(fetch(server, bob_url).body))
            check("event-%s@ritme" % event_id not in bob_events, "Bob, not going, does not have it")
            check(find(bob_events, "peer-meeting-") is not None, "Bob has the same peer meeting")
        carol_url = server.request("GET", API + "/me/calendar", headers=other.auth("bearer")).json["url"]
        check(carol_url != url, "everyone has an address of their own")
        carol_events = events_by_uid(icalendar.Calendar.from_ical(fetch(server, carol_url).body))
        check(find(carol_events, "peer-meeting-") is None, "without a peer, no peer meeting")

        # Rotating: a new address, the old one is dead.
        rotated = server.request("POST", API + "/me/calendar/rotate", headers=anna.auth("bearer"))
        check(rotated.status == 200 and rotated.json["url"] != url, "rotating answers a new address")
        check(fetch(server, url).status == 404, "the old address answers 404")
        check(fetch(server, rotated.json["url"]).status == 200, "the new one answers 200")
        check(server.request("GET", API + "/me/calendar", headers=anna.auth("bearer")).json["url"] == rotated.json["url"],
              "GET /me/calendar answers the new address")
        check(server.request("GET", "/calendar/not-a-secret.ics").status == 404, "an unknown secret is 404")
    finally:
        server.stop()

    if failures:
        print("\n%d check(s) failed" % len(failures))
        return 1
    print("\nall calendar checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
