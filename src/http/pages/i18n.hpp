#pragma once
// Translations: the gettext catalogues web/locale/nl.po and en.po, compiled to .mo at
// build time and read by Boost.Locale. Message ids are the English text; a missing
// translation shows the id.
#include <locale>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace ritme::http::pages {

inline constexpr const char* catalogue_domain = "ritme";

// Marks a message id for the catalogue check (tests/web) where it is not translated on the
// spot: the text passes unchanged.
#define N_(text) text

class Catalogues {
public:
    // Looks for <dir>/<lang>/LC_MESSAGES/ritme.mo in each of `dirs`, first found wins.
    // Call before threads start.
    explicit Catalogues(const std::vector<std::string>& dirs);

    std::string translate(Locale locale, std::string_view message_id) const;
    // Whether the Dutch catalogue was found (English falls back to the ids anyway).
    bool loaded() const { return loaded_; }

private:
    std::locale nl_;
    std::locale en_;
    bool loaded_ = false;
};

// The language of an Accept-Language header: the first of nl or en by preference; nl when
// neither is named.
Locale negotiate_locale(const std::optional<std::string>& accept_language);

}  // namespace ritme::http::pages
