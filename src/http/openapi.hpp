#pragma once
// The OpenAPI 3.1 document of a router: every route with its path parameters, method,
// summary, security and the shared error schema.
#include "http/http.hpp"

namespace ritme::http {

Json openapi_document(const Router& router);

}  // namespace ritme::http
