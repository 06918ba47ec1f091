#include "core/account_mail.hpp"

namespace ritme {

AccountMail password_reset_mail(const User& person, const std::string& link, int valid_minutes) {
    bool dutch = person.locale == Locale::nl;
    std::string minutes = std::to_string(valid_minutes);
    AccountMail mail;
    if (dutch) {
        mail.subject = "Een nieuw wachtwoord voor Ritme";
        mail.body = "Hallo " + person.name + ",\n\n" +
                    "Iemand vroeg een nieuw wachtwoord aan voor je account bij Ritme. Was jij dat, kies dan hier een "
                    "nieuw wachtwoord:\n" +
                    link + "\n\n" + "De link werkt één keer, " + minutes +
                    " minuten lang. Daarna word je overal afgemeld.\n" +
                    "Vroeg je niets aan, dan kun je deze e-mail negeren: je wachtwoord blijft wat het was.\n\n-- \n" +
                    "Ritme, je ritme van learning on the job\n";
    } else {
        mail.subject = "A new password for Ritme";
        mail.body = "Hello " + person.name + ",\n\n" +
                    "Someone asked for a new password for your Ritme account. If that was you, choose a new password "
                    "here:\n" +
                    link + "\n\n" + "The link works once, for " + minutes +
                    " minutes. Afterwards you are signed out everywhere.\n" +
                    "If you did not ask, ignore this e-mail: your password stays as it was.\n\n-- \n" +
                    "Ritme, your rhythm of learning on the job\n";
    }
    return mail;
}

}  // namespace ritme
