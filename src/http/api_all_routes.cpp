// The whole JSON API. Apart from api.cpp so that a program (or test) that builds its own
// Api from a few routes does not need every group of routes linked in.
#include "http/api.hpp"
#include "http/api/routes.hpp"

namespace ritme::http {

Api::Api(Services& services, ApiOptions options)
    : Api(services, options, [](Router& router) {
          add_account_routes(router);
          add_level_routes(router);
          add_peer_routes(router);
          add_event_routes(router);
          add_reminder_routes(router);
          add_calendar_routes(router);
      }) {}

}  // namespace ritme::http
