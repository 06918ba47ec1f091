// The messages of the JSON Api and of the rules in core that the pages show beside a
// field (put_errors translates them). Listed here so the catalogue check sees them; a
// message not listed is shown as the Api gives it.
#include "http/pages/i18n.hpp"

namespace ritme::http::pages {

extern const char* const api_messages[];
const char* const api_messages[] = {
    N_("must not be empty"),
    N_("must be at most 200 characters"),
    N_("must be at most 280 characters"),
    N_("must be at most 2,000 characters"),
    N_("must be at most 20,000 characters"),
    N_("must be a valid day"),
    N_("must not be in the future"),
    N_("must be at least 12 characters"),
    N_("must be at most 1024 bytes"),
    N_("each tag must be 1 to 40 characters"),
    N_("must be at most 20 tags"),
    N_("must not name a tag twice"),
    N_("must name competencies of the catalogue that are not archived"),
    N_("must not name a competency twice"),
    N_("must be a competency of the catalogue that is not archived"),
    N_("must be one or two competencies"),
    N_("must be one or more competencies"),
    N_("must be between 1 and 5"),
    N_("must be nl or en"),
    N_("must be an IANA time zone such as Europe/Amsterdam"),
    N_("must be at most seven days"),
    N_("must be weekday numbers from 1 (Monday) to 7 (Sunday)"),
    N_("must not name a day twice"),
    N_("must name goals of this quarter's learning contract"),
    N_("must be at most 20 goals"),
    N_("must be an e-mail address such as name@example.nl"),
    N_("That is not your password."),
    N_("This installation has been set up already."),
    N_("a competency with this name already exists"),
    N_("this e-mail address is already in use"),
    N_("Please sign in."),
    // The fixed colleague, events and reminders.
    N_("must be a colleague's address, not your own"),
    N_("must be 1 (Monday) to 7 (Sunday)"),
    N_("must be a time of day written as HH:MM (09:30)"),
    N_("must be a time of day written as HH:MM (17:00)"),
    N_("must be 15 to 240 minutes"),
    N_("must not be empty (unless you agree)"),
    N_("must be at most 5000 characters"),
    N_("must be at most 20000 characters"),
    N_("must be empty (no limit) or a number from 1 to 100000"),
    N_("must be after starts_at"),
    N_("must be at most 7 days after starts_at"),
    N_("must lie within the event's time"),
    N_("must leave room for every session of the programme"),
    N_("only a lerende organisatie dag has a programme of sessions"),
    N_("must be month or quarter"),
    N_("this event has ended"),
};

}  // namespace ritme::http::pages
