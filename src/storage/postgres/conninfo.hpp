#pragma once
#include <string>

namespace ritme::storage::postgres {

// libpq's keyword/value form of a postgresql:// (or postgres://) URL: SOCI reads its
// connection string as keyword/value pairs itself and would mangle a URL. User, password,
// host and database are percent-decoded; query parameters (sslmode=..., ...) pass as they
// are. Throws StoreFailure for what is not such a URL.
std::string conninfo_from_url(const std::string& url);

}  // namespace ritme::storage::postgres
