// The PostgreSQL dialect (see dialect.hpp): a server by URL, writers side by side, and the
// diary's lists in JSONB with its words in a tsvector.
#include "storage/dialect.hpp"
#include "storage/postgres/conninfo.hpp"
#include "storage/row_mapping.hpp"
#include "storage/sqlite/search_expression.hpp"

namespace ritme::storage::postgres {

namespace {

using namespace rows;  // NOLINT(google-build-using-namespace): the shared row layer

namespace queries {

#define RITME_DIARY_COLUMNS                                                                              \
    "SELECT e.user_id, e.day, e.learning_moments, e.handling, e.key_learning, e.competency_ids, e.tags, " \
    "e.shared_with_peer, e.minutes, e.created_at, e.updated_at, e.version FROM diary_entries AS e "

inline constexpr Query find_diary_entry = same(RITME_DIARY_COLUMNS "WHERE e.user_id = :user_id AND e.day = :day");

// :words is the entry's texts and tags as words (search_words), one space between them.
// It answers the stored created_at and whether the row is new (xmax is 0 for a row just
// inserted); an import (:keep_created_at 0) sets the created_at it gives.
inline constexpr Query put_diary_entry = same(R"sql(
INSERT INTO diary_entries (user_id, day, learning_moments, handling, key_learning, competency_ids, tags,
                           shared_with_peer, minutes, search, created_at, updated_at, version)
VALUES (:user_id, :day, :learning_moments, :handling, :key_learning, :competency_ids, :tags, :shared_with_peer,
        :minutes, to_tsvector('simple', unaccent(CAST(:words AS text))), :created_at, :updated_at, :version)
ON CONFLICT (user_id, day) DO UPDATE SET
    learning_moments = excluded.learning_moments, handling = excluded.handling,
    key_learning = excluded.key_learning, competency_ids = excluded.competency_ids, tags = excluded.tags,
    shared_with_peer = excluded.shared_with_peer, minutes = excluded.minutes, search = excluded.search,
    created_at = CASE WHEN CAST(:keep_created_at AS integer) = 1 THEN diary_entries.created_at
                      ELSE excluded.created_at END,
    updated_at = excluded.updated_at, version = excluded.version
RETURNING created_at, CASE WHEN xmax = 0 THEN 1 ELSE 0 END)sql");
inline constexpr Query delete_diary_entry = same("DELETE FROM diary_entries WHERE user_id = :user_id AND day = :day");

// A page of entries, newest first (bounds as DiaryBounds binds them). :words are the words
// searched for (search_words), one space between them, or '' for no text search: each
// becomes a quoted prefix 'word':* of the tsquery, without diacritics and without the
// quote and backslash that unaccent might make of a letter, so a person's text is never
// syntax.
inline constexpr Query list_diary_entries = same(RITME_DIARY_COLUMNS R"sql(
WHERE e.user_id = :user_id AND e.day >= :from AND e.day <= :to AND e.day < :before
  AND (CAST(:shared_only AS integer) = 0 OR e.shared_with_peer)
  AND (CAST(:competency_id AS text) = '' OR e.competency_ids ? CAST(:competency_id AS text))
  AND (CAST(:tag AS text) = '' OR EXISTS (
        SELECT 1 FROM jsonb_array_elements_text(e.tags) AS t (tag)
        WHERE lower(t.tag COLLATE "C") = lower(CAST(:tag AS text) COLLATE "C")))
  AND (CAST(:words AS text) = '' OR e.search @@ (
        SELECT to_tsquery('simple', string_agg('''' || translate(unaccent(w), '''\', '  ') || ''':*', ' & '))
        FROM unnest(string_to_array(CAST(:words AS text), ' ')) AS w))
ORDER BY e.day DESC
LIMIT :limit)sql");

#undef RITME_DIARY_COLUMNS

}  // namespace queries

struct DiaryRow {
    std::string user_id, day, learning_moments, handling, key_learning, competency_ids, tags;
    int shared_with_peer = 0, minutes = 0;
    long long created_at = 0, updated_at = 0;
    int version = 1;

    void into(Statement& statement) {
        statement.into(user_id).into(day).into(learning_moments).into(handling).into(key_learning);
        statement.into(competency_ids).into(tags).into(shared_with_peer).into(minutes).into(created_at);
        statement.into(updated_at).into(version);
    }
    DiaryEntry value() const {
        DiaryEntry entry;
        entry.user_id = user_id;
        entry.day = stored(parse_day(day), "day");
        entry.learning_moments = learning_moments;
        entry.handling = handling;
        entry.key_learning = key_learning;
        entry.competency_ids = ids_of(competency_ids);
        entry.tags = ids_of(tags);
        entry.shared_with_peer = shared_with_peer != 0;
        entry.minutes = minutes;
        entry.created_at = instant(created_at);
        entry.updated_at = instant(updated_at);
        entry.version = version;
        return entry;
    }
};

// Words as search_words() splits them, one space between: what an entry's search column
// is made of, and what a search asks for.
void add_words(std::string& joined, std::string_view text, std::size_t limit = std::string::npos) {
    for (const std::string& word : search_words(text, limit)) {
        if (!joined.empty()) joined += ' ';
        joined += word;
    }
}

std::string entry_words(const DiaryEntry& entry) {
    std::string words;
    for (const std::string* text : {&entry.learning_moments, &entry.handling, &entry.key_learning}) {
        add_words(words, *text);
    }
    for (const std::string& tag : entry.tags) add_words(words, tag);
    return words;
}

class PostgresDialect final : public Dialect {
public:
    explicit PostgresDialect(std::string url) : conninfo_(conninfo_from_url(url)) {}

    Backend backend() const override { return Backend::postgres; }

    // In UTC, quiet (notices would go to stderr, among the log lines), and a write that
    // waits 10 s for a row lock fails rather than hang a request.
    void open(soci::session& sql) override {
        try {
            sql.open(*soci::factory_postgresql(), conninfo_);
        } catch (const soci::soci_error& error) {
            // libpq's message names host and port, never the password.
            throw StoreFailure("postgresql store: cannot connect: " + error.get_error_message());
        }
        guarded("connection settings", [&] {
            sql << "SET client_min_messages = warning";
            sql << "SET TIME ZONE 'UTC'";
            sql << "SET lock_timeout = '10s'";
        });
    }

    void write(ConnectionPool& pool, const std::function<void(Connection&)>& work) override {
        ConnectionPool::Lease lease(pool);
        if (lease.joined()) return work(lease.connection());
        Transaction transaction(lease, TransactionKind::write);
        ConnectionPool::Joining joining(pool, lease.connection());
        work(lease.connection());
        transaction.commit();
    }

    std::optional<DiaryEntry> find_diary_entry(ConnectionPool::Lease& lease, const std::string& user_id,
                                               Day day) override {
        const std::string day_text = format_day(day);
        Statement statement(lease.connection(), queries::find_diary_entry);
        return one<DiaryRow>(statement.use(user_id, "user_id").use(day_text, "day"));
    }

    Store::PutDiaryResult write_diary_entry(Connection& connection, const DiaryEntry& entry,
                                            bool keep_created_at) override {
        const std::string day = format_day(entry.day);
        const std::string competency_ids = ids_json(entry.competency_ids);
        const std::string tags = ids_json(entry.tags);
        const int shared = flag(entry.shared_with_peer), keep = flag(keep_created_at);
        const std::string words = entry_words(entry);
        const long long given_created_at = seconds(entry.created_at);
        const long long updated_at = seconds(entry.updated_at);
        long long created_at = given_created_at;
        int inserted = 1;
        Statement write(connection, queries::put_diary_entry);
        write.use(entry.user_id, "user_id").use(day, "day").use(entry.learning_moments, "learning_moments");
        write.use(entry.handling, "handling").use(entry.key_learning, "key_learning");
        write.use(competency_ids, "competency_ids").use(tags, "tags").use(shared, "shared_with_peer");
        write.use(entry.minutes, "minutes").use(words, "words").use(given_created_at, "created_at");
        write.use(updated_at, "updated_at").use(keep, "keep_created_at").use(entry.version, "version");
        write.into(created_at).into(inserted);
        write.run();
        Store::PutDiaryResult result{entry, inserted != 0};
        result.entry.created_at = instant(created_at);
        return result;
    }

    bool erase_diary_entry(Connection& connection, const std::string& user_id, Day day) override {
        const std::string day_text = format_day(day);
        Statement statement(connection, queries::delete_diary_entry);
        statement.use(user_id, "user_id").use(day_text, "day").run();
        return statement.affected_rows() > 0;
    }

    void forget_diary_of(Connection&, const std::string&) override {}  // the cascade takes it all

    DiaryPage list_diary_entries(ConnectionPool::Lease& lease, const DiaryQuery& query) override {
        const DiaryBounds bounds(query);
        std::string words;  // text without a single word in it searches for nothing in particular
        add_words(words, query.text, max_search_words);
        Statement statement(lease.connection(), queries::list_diary_entries);
        statement.use(query.user_id, "user_id").use(bounds.from, "from").use(bounds.to, "to");
        statement.use(bounds.before, "before").use(bounds.shared_only, "shared_only");
        statement.use(query.competency_id, "competency_id").use(query.tag, "tag").use(words, "words");
        statement.use(bounds.limit, "limit");
        DiaryPage page;
        page.entries = all<DiaryRow>(statement);
        if (page.entries.size() > static_cast<std::size_t>(bounds.page_size)) {
            page.entries.resize(static_cast<std::size_t>(bounds.page_size));
            page.next_before = page.entries.back().day;
        }
        return page;
    }

private:
    std::string conninfo_;
};

}  // namespace

}  // namespace ritme::storage::postgres

namespace ritme::storage {

std::unique_ptr<Dialect> postgres_dialect(const std::string& url) {
    return std::make_unique<postgres::PostgresDialect>(url);
}

}  // namespace ritme::storage
