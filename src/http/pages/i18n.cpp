#include "http/pages/i18n.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <boost/locale.hpp>

#include "http/pages/form.hpp"

namespace ritme::http::pages {

Catalogues::Catalogues(const std::vector<std::string>& dirs) {
    boost::locale::generator generator;
    generator.use_ansi_encoding(false);
    for (const std::string& dir : dirs) {
        std::error_code ignored;
        if (std::filesystem::exists(std::filesystem::path(dir) / "nl" / "LC_MESSAGES" / "ritme.mo", ignored)) {
            generator.add_messages_path(dir);
            loaded_ = true;
            break;
        }
    }
    generator.add_messages_domain(catalogue_domain);
    nl_ = generator("nl_NL.UTF-8");
    en_ = generator("en_GB.UTF-8");
}

std::string Catalogues::translate(Locale locale, std::string_view message_id) const {
    if (message_id.empty()) return {};
    std::string id(message_id);
    return boost::locale::gettext(id.c_str(), locale == Locale::en ? en_ : nl_);
}

Locale negotiate_locale(const std::optional<std::string>& accept_language) {
    if (!accept_language) return Locale::nl;
    // "en-GB,en;q=0.9,nl;q=0.8": the highest q among nl and en, earlier first on a tie.
    double best_q = 0.0;
    Locale best = Locale::nl;
    std::string header = ascii_lower(*accept_language);
    std::size_t start = 0;
    while (start < header.size()) {
        std::size_t end = header.find(',', start);
        if (end == std::string::npos) end = header.size();
        std::string item = trim(std::string_view(header).substr(start, end - start));
        start = end + 1;
        std::string tag = trim(item.substr(0, item.find(';')));
        double q = 1.0;
        if (std::size_t at = item.find("q="); at != std::string::npos) q = std::atof(item.c_str() + at + 2);
        std::string language = tag.substr(0, tag.find('-'));
        std::optional<Locale> found;
        if (language == "nl") found = Locale::nl;
        if (language == "en") found = Locale::en;
        if (found && q > best_q) {
            best_q = q;
            best = *found;
        }
    }
    return best;
}

}  // namespace ritme::http::pages
