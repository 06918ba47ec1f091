// `ritme dev seed`: fills an empty database with made-up people and diary entries, for
// benchmarks and demonstrations. Deterministic for a given --seed.
#include <array>
#include <chrono>
#include <iostream>
#include <random>

#include "app/application.hpp"
#include "cli/commands.hpp"

namespace ritme::cli {
namespace {

constexpr std::array<const char*, 12> competency_names{
    "Samenwerken", "Communiceren", "Feedback geven", "Plannen en organiseren", "Klantgerichtheid", "Coachen",
    "Probleemoplossend vermogen", "Presenteren", "Reflecteren", "Omgaan met verandering", "Initiatief", "Overtuigen"};

constexpr std::array<const char*, 10> situations{
    "In het teamoverleg",  "Tijdens het klantgesprek", "Bij de overdracht",   "In de sprint review",
    "Met mijn vaste collega", "Tijdens de intervisie", "Bij het inwerken van een nieuwe collega",
    "In de stuurgroep", "Aan de telefoon met een leverancier", "Tijdens de SOL meeting"};

constexpr std::array<const char*, 10> moments{
    "merkte ik dat ik te snel een oplossing gaf in plaats van door te vragen.",
    "heb ik feedback gevraagd op mijn presentatie en kreeg ik twee concrete tips.",
    "liep de planning uit omdat ik de afhankelijkheden niet had benoemd.",
    "durfde ik voor het eerst nee te zeggen tegen een extra verzoek.",
    "zag ik hoe een collega met een lastige vraag omging en leerde ik van haar rust.",
    "werd duidelijk dat mijn mail verkeerd begrepen was; een kort gesprek had beter gewerkt.",
    "heb ik een conflict uitgesproken in plaats van het te laten sudderen.",
    "kon ik mijn verhaal in drie zinnen samenvatten; dat werkte goed.",
    "vergat ik te checken of iedereen de afspraken had begrepen.",
    "probeerde ik de nieuwe aanpak uit het Learning Contract en het gaf meer overzicht."};

constexpr std::array<const char*, 8> lessons{
    "Eerst luisteren, dan pas oplossen.",     "Vraag door tot je het echte probleem kent.",
    "Benoem afhankelijkheden aan het begin.", "Nee zeggen maakt ruimte voor wat belangrijk is.",
    "Kort bellen werkt beter dan lang mailen.", "Check aan het eind wat er is afgesproken.",
    "Rust geeft de ander ook rust.",          "Feedback vragen levert meer op dan afwachten."};

constexpr std::array<const char*, 8> tag_words{"overleg", "klant", "planning", "feedback",
                                               "presentatie", "conflict", "inwerken", "sol"};

template <std::size_t N>
const char* pick(const std::array<const char*, N>& words, std::mt19937_64& random) {
    return words[random() % N];
}

}  // namespace

int dev_seed(const SeedOptions& options) {
    auto application = app::Application::open(options.database_url);
    Store& store = application->store();
    if (store.count_users() > 0) {
        std::cerr << "ritme: dev seed needs an empty database\n";
        return 1;
    }
    std::mt19937_64 random(options.seed);
    Timestamp now = application->clock().now();

    std::vector<std::string> competency_ids;
    for (const char* name : competency_names) {
        Competency competency{application->ids().new_id(), name, std::string("Competentie: ") + name, false};
        competency_ids.push_back(store.create_competency(competency)->id);
    }

    // One hash for everyone: hashing 10,000 passwords would take minutes and prove nothing.
    const std::string password_hash = application->services().passwords.hash(options.password);
    const Day last = add_days(application->calendar().local_day(now, "Europe/Amsterdam"), -1);
    auto started = std::chrono::steady_clock::now();
    std::vector<DiaryEntry> batch;
    batch.reserve(static_cast<std::size_t>(options.days) * 4);
    for (int person = 1; person <= options.people; ++person) {
        NewUser user;
        user.id = application->ids().new_id();
        char email[64];
        std::snprintf(email, sizeof email, "persoon%05d@voorbeeld.nl", person);
        user.email = email;
        user.name = "Persoon " + std::to_string(person);
        user.role = person == 1 ? Role::admin : Role::member;
        user.password_hash = password_hash;
        user.created_at = now;
        if (!store.create_user(user)) continue;

        for (int back = options.days - 1; back >= 0; --back) {
            DiaryEntry entry;
            entry.user_id = user.id;
            entry.day = add_days(last, -back);
            entry.learning_moments = std::string(pick(situations, random)) + " " + pick(moments, random) + " " +
                                     pick(situations, random) + " " + pick(moments, random);
            entry.handling = std::string("Ik heb het besproken met mijn vaste collega en ") + pick(moments, random);
            entry.key_learning = pick(lessons, random);
            entry.competency_ids = {competency_ids[random() % competency_ids.size()]};
            entry.tags = {pick(tag_words, random)};
            entry.shared_with_peer = random() % 4 == 0;
            entry.minutes = 10 + static_cast<int>(random() % 11);
            entry.created_at = now;
            entry.updated_at = now;
            batch.push_back(std::move(entry));
        }
        if (batch.size() >= static_cast<std::size_t>(options.days) * 4 || person == options.people) {
            store.import_diary_entries(batch);
            batch.clear();
        }
        if (person % 500 == 0 || person == options.people) {
            double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::cerr << person << " people, " << static_cast<long long>(person) * options.days << " entries, "
                      << static_cast<int>(seconds) << " s\n";
        }
    }
    std::cout << "Seeded " << options.people << " people with " << options.days
              << " diary days each; every password is the --password given.\n";
    return 0;
}

}  // namespace ritme::cli
