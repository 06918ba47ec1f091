#pragma once
// Each group of the JSON API adds its routes here; the dispatcher (api.hpp) serves them.
#include "http/http.hpp"

namespace ritme::http {

// Setup, session and account: /setup, /auth/*, /tokens, /me (GET, PATCH, DELETE).
void add_account_routes(Router& router);
// The rhythm's levels: /competencies, /diary, /weeks, /months, /contracts, /years,
// /rhythm, /admin/participation, /me/export.
void add_level_routes(Router& router);
// The social rhythm: /peer/* (invitations, the pair, what the peer shared, the contract
// discussion), /events/*, /me/reminders, /me/calendar and the feed itself.
void add_peer_routes(Router& router);
void add_event_routes(Router& router);
void add_reminder_routes(Router& router);
void add_calendar_routes(Router& router);

}  // namespace ritme::http
