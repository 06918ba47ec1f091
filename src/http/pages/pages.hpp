#pragma once
// The web pages: HTML routes rendered from mustache templates (web/templates), static
// files (web/static and the npm files copied beside the binary), translations (gettext
// catalogues, web/locale). The server sends /api/*, /healthz and /metrics to the JSON
// Api and every other request here.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/http.hpp"
#include "http/metrics.hpp"

namespace ritme::http {

struct PagesOptions {
    std::string web_root;                  // holds templates/ and static/
    std::vector<std::string> static_dirs;  // more folders of static files (static/vendor beside the binary)
    std::vector<std::string> locale_dirs;  // folders holding <lang>/LC_MESSAGES/ritme.mo
    bool behind_tls = false;               // a TLS proxy in front: cookies get Secure
    std::size_t max_body = 1024 * 1024;    // larger form posts: 413
};

// Whether a request path belongs to the JSON Api rather than to the pages.
bool is_api_path(std::string_view path);

// The defaults for a binary at `executable_path`: web root ../../web (the source tree as
// built in build/<preset>/), else ./web; catalogues and vendor files beside the binary.
PagesOptions default_pages_options(const std::string& executable_path, const std::string& web_root_override);

class Pages {
public:
    // Loads templates and catalogues; call before threads start. Without templates the
    // pages answer 503 (and the Api serves on).
    Pages(Services& services, Metrics& metrics, PagesOptions options);
    ~Pages();
    Pages(const Pages&) = delete;
    Pages& operator=(const Pages&) = delete;

    // Safe to call from several threads at once.
    Response handle(const Request& request);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ritme::http
