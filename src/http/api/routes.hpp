#pragma once
// Each group of the JSON API adds its routes here; the dispatcher (api.hpp) serves them.
#include "http/http.hpp"

namespace ritme::http {

// Setup, session and account: /setup, /auth/*, /tokens, /me (GET, PATCH, DELETE).
void add_account_routes(Router& router);
// The rhythm's levels: /competencies, /diary, /weeks, /months, /contracts, /years,
// /rhythm, /admin/participation, /me/export.
void add_level_routes(Router& router);

}  // namespace ritme::http
