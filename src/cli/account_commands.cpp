#include <iostream>
#include <string>

#include "app/application.hpp"
#include "cli/commands.hpp"
#include "core/operations/account.hpp"
#include "core/rules.hpp"

namespace ritme::cli {

int migrate(const std::string& database_url) {
    app::open_store(database_url);  // opening migrates
    std::cout << "The database is up to date.\n";
    return 0;
}

int user_add(const UserAddOptions& options) {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (Status valid = validate_password(password); !valid) {
        std::cerr << "ritme: password " << valid.error().message << "\n";
        return 1;
    }
    std::string email = options.email;
    for (char& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (Status valid = validate_email(email); !valid) {
        std::cerr << "ritme: email " << valid.error().message << "\n";
        return 1;
    }
    if (options.name.empty() || text_length(options.name) > max_name_length) {
        std::cerr << "ritme: name must be 1 to " << max_name_length << " characters\n";
        return 1;
    }

    auto application = app::Application::open(options.database_url);
    NewUser user;
    user.email = email;
    user.name = options.name;
    user.role = options.admin ? Role::admin : Role::member;
    user.locale = parse_locale(options.locale).value_or(Locale::nl);
    user.password_hash = application->services().passwords.hash(password);
    Result<User> created = operations::create_account(application->ports(), std::move(user));
    if (!created) {
        std::cerr << "ritme: a user with e-mail " << email << " already exists\n";
        return 1;
    }
    std::cout << "Created " << to_string(created->role) << " " << created->email << " (" << created->id << ").\n";
    return 0;
}

}  // namespace ritme::cli
