// The SQLite dialect (see dialect.hpp): one file, WAL, writes in group commits on a
// connection of their own, and the diary's lists in tables and its words in FTS5.
#include <algorithm>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <unordered_map>

#include "core/waiting.hpp"
#include "storage/dialect.hpp"
#include "storage/row_mapping.hpp"
#include "storage/sqlite/diary_queries.hpp"
#include "storage/sqlite/search_expression.hpp"
#include "storage/sqlite/search_index.hpp"
#include "storage/sqlite/sqlite_library.hpp"

namespace ritme::storage::sqlite {

namespace {

using namespace rows;  // NOLINT(google-build-using-namespace): the shared row layer

// --- opening ------------------------------------------------------------------------------

void prepare_directory(const std::string& path) {
    if (path.empty() || path == ":memory:") {
        throw StoreFailure("sqlite store: needs a database file path (an in-memory database can't be shared)");
    }
    if (path.find('"') != std::string::npos) {
        throw StoreFailure("sqlite store: the database path may not contain a double quote");
    }
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code ignored;  // if this fails, opening the file says why
    std::filesystem::create_directories(parent, ignored);
}

// --- the diary's rows -----------------------------------------------------------------------

// A diary entry as stored: the entry, its day as text, and its row in diary_search.
struct StoredEntry {
    DiaryEntry entry;
    std::string day;
    long long search_id = 0;
};

struct DiaryRow {
    static DiaryRow of(const std::string& person) {
        DiaryRow row;
        row.user_id = person;
        return row;
    }

    std::string user_id;  // every query is about one person, and does not read it back
    std::string day, learning_moments, handling, key_learning;
    int shared_with_peer = 0, minutes = 0;
    long long search_id = 0, created_at = 0, updated_at = 0;
    int version = 1;

    void into(Statement& statement) {
        statement.into(day).into(learning_moments).into(handling).into(key_learning).into(shared_with_peer);
        statement.into(minutes).into(search_id).into(created_at).into(updated_at).into(version);
    }
    StoredEntry value() const {
        StoredEntry stored_entry;
        DiaryEntry& entry = stored_entry.entry;
        entry.user_id = user_id;
        entry.day = stored(parse_day(day), "day");
        entry.learning_moments = learning_moments;
        entry.handling = handling;
        entry.key_learning = key_learning;
        entry.shared_with_peer = shared_with_peer != 0;
        entry.minutes = minutes;
        entry.created_at = instant(created_at);
        entry.updated_at = instant(updated_at);
        entry.version = version;
        stored_entry.day = day;
        stored_entry.search_id = search_id;
        return stored_entry;
    }
};

// Fills in the competencies and tags of one person's `entries` with a single query over
// the days they span (rows of days in between that are not in `entries` are skipped).
void load_children(Connection& connection, const std::string& user_id, std::vector<StoredEntry>& entries) {
    if (entries.empty()) return;
    auto [earliest, latest] = std::minmax_element(
        entries.begin(), entries.end(), [](const StoredEntry& a, const StoredEntry& b) { return a.day < b.day; });
    const std::string& first = earliest->day;  // `entries` keeps its shape from here on
    const std::string& last = latest->day;
    std::unordered_map<std::string_view, DiaryEntry*> by_day;
    by_day.reserve(entries.size());
    for (StoredEntry& stored_entry : entries) by_day.emplace(stored_entry.day, &stored_entry.entry);

    std::string day, value;
    int kind = 0, position = 0;
    Statement children(connection, queries::diary_entry_children);
    children.into(day).into(kind).into(position).into(value);
    children.use(user_id, "user_id").use(first, "first").use(last, "last");
    if (!children.run()) return;
    do {
        auto found = by_day.find(day);
        if (found == by_day.end()) continue;
        // The next row assigns `value` afresh, so its text may move.
        (kind == 0 ? found->second->competency_ids : found->second->tags).push_back(std::move(value));
    } while (children.next());
}

// The statements that write one diary entry, prepared on the connection once and bound
// here to this writer's variables.
class DiaryWriter {
public:
    explicit DiaryWriter(Connection& connection)
        : find_(connection, queries::find_diary_entry),
          old_tags_(connection, queries::tags_of_diary_entry),
          unindex_(connection, queries::unindex_diary_entry),
          index_new_(connection, queries::index_new_diary_entry),
          last_rowid_(connection, queries::last_insert_rowid),
          index_(connection, queries::index_diary_entry),
          insert_(connection, queries::insert_diary_entry),
          replace_(connection, queries::replace_diary_entry),
          delete_(connection, queries::delete_diary_entry),
          delete_competencies_(connection, queries::delete_diary_entry_competencies),
          delete_tags_(connection, queries::delete_diary_entry_tags),
          insert_competency_(connection, queries::insert_diary_entry_competency),
          insert_tag_(connection, queries::insert_diary_entry_tag) {
        old_.into(find_);
        find_.use(user_id_, "user_id").use(day_, "day");
        old_tags_.into(child_).use(user_id_, "user_id").use(day_, "day");
        unindex_.use(old_.search_id, "search_id");
        old_indexed_.use(unindex_);
        indexed_.use(index_new_);
        last_rowid_.into(indexed_.search_id);
        index_.use(indexed_.search_id, "search_id");
        indexed_.use(index_);
        for (Statement* write : {&insert_, &replace_}) {
            write->use(user_id_, "user_id").use(day_, "day").use(entry_.learning_moments, "learning_moments");
            write->use(entry_.handling, "handling").use(entry_.key_learning, "key_learning");
            write->use(shared_with_peer_, "shared_with_peer").use(entry_.minutes, "minutes");
            write->use(indexed_.search_id, "search_id").use(created_at_, "created_at").use(updated_at_, "updated_at");
            write->use(entry_.version, "version");
        }
        for (Statement* remove : {&delete_, &delete_competencies_, &delete_tags_}) {
            remove->use(user_id_, "user_id").use(day_, "day");
        }
        insert_competency_.use(user_id_, "user_id").use(day_, "day").use(position_, "position");
        insert_competency_.use(child_, "competency_id");
        insert_tag_.use(user_id_, "user_id").use(day_, "day").use(position_, "position").use(child_, "tag");
    }

    Store::PutDiaryResult write(const DiaryEntry& entry, bool keep_created_at) {
        const bool replacing = look_up(entry.user_id, entry.day);
        entry_ = entry;
        created_at_ = replacing && keep_created_at ? old_.created_at : seconds(entry.created_at);
        updated_at_ = seconds(entry.updated_at);
        shared_with_peer_ = flag(entry.shared_with_peer);
        indexed_.set(mark_, entry.learning_moments, entry.handling, entry.key_learning, entry.tags);
        if (replacing) {
            unindex_.run();
            indexed_.search_id = old_.search_id;  // the entry keeps its row in the index
            index_.run();
            replace_.run();
            delete_competencies_.run();
            delete_tags_.run();
        } else {
            index_new_.run();
            last_rowid_.run();
            insert_.run();
        }
        write_children(insert_competency_, entry.competency_ids);
        write_children(insert_tag_, entry.tags);

        Store::PutDiaryResult result{entry, !replacing};
        result.entry.created_at = instant(created_at_);
        return result;
    }

    // Removes the entry of that day, if any, from the diary and the search index.
    bool erase(const std::string& user_id, Day day) {
        if (!look_up(user_id, day)) return false;
        unindex_.run();
        delete_.run();  // its competencies and tags go with it (ON DELETE CASCADE)
        return true;
    }

private:
    // Reads the entry of that day as stored (into old_), and what its search row holds.
    bool look_up(const std::string& user_id, Day day) {
        user_id_ = user_id;
        mark_ = search_mark(user_id);
        day_ = format_day(day);
        if (!find_.run()) return false;
        std::vector<std::string> tags;
        if (old_tags_.run()) {
            do {
                tags.push_back(child_);
            } while (old_tags_.next());
        }
        old_indexed_.set(mark_, old_.learning_moments, old_.handling, old_.key_learning, tags);
        return true;
    }

    void write_children(Statement& insert, const std::vector<std::string>& values) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            position_ = static_cast<int>(i);
            child_ = values[i];
            insert.run();
        }
    }

    // Bound variables first: the statements below refer to them.
    std::string user_id_, mark_, day_, child_;
    DiaryEntry entry_;
    int shared_with_peer_ = 0, position_ = 0;
    long long created_at_ = 0, updated_at_ = 0;
    DiaryRow old_;
    IndexedEntry old_indexed_, indexed_;

    Statement find_, old_tags_, unindex_, index_new_, last_rowid_, index_, insert_, replace_, delete_,
        delete_competencies_, delete_tags_, insert_competency_, insert_tag_;
};

constexpr int busy_timeout_ms = 5000;

// --- the write-ahead log ------------------------------------------------------------------

// The log's bound: a checkpoint that starts the log again from its beginning cuts the file
// back to this size (journal_size_limit); see WalUpkeep for why it is reached.
constexpr long long wal_size_limit = 64LL * 1024 * 1024;
// Pages in the log after which the writer checkpoints (SQLite's own automatic checkpoint
// has the same threshold).
constexpr int checkpoint_pages = 1000;
// How long a checkpoint waits for readers of an older snapshot before it gives up for now.
constexpr int checkpoint_wait_ms = 100;

// Keeps the log of the connection that writes short, in place of SQLite's automatic
// checkpoint. That one is PASSIVE: it copies what no reader still needs back into the
// database, but the log only starts again from its beginning once every frame is copied
// and no reader uses one, which never happens while requests keep reading and writing
// side by side: the file grew to gigabytes under a write benchmark, and closing the last
// connection (at SIGTERM) then copied all of it back. Here the writer, after a commit that
// leaves 1,000 pages or more in the log, runs a RESTART checkpoint: it copies everything
// and waits (briefly) for the readers that still use the log, so the next write starts it
// again, and journal_size_limit cuts the file back. When a long reader (a backup) keeps it
// from that, the log grows and the writer tries again 1,000 pages later; the upkeep
// truncates the log when the writes stop.
class WalUpkeep {
public:
    void watch(sqlite_api::sqlite3* connection) {
        connection_ = connection;
        sqlite_api::sqlite3_wal_hook(connection, &WalUpkeep::committed, this);  // replaces the automatic one
    }

    // After a write transaction, on the writer's turn.
    void after_write() {
        if (pages_ < next_checkpoint_) return;
        checkpoint(SQLITE_CHECKPOINT_RESTART);
    }

    // With no write going on: copies the log into the database and empties its file.
    void when_idle() {
        if (pages_ > 0) checkpoint(SQLITE_CHECKPOINT_TRUNCATE);
    }

private:
    static int committed(void* self, sqlite_api::sqlite3*, const char*, int pages) {
        static_cast<WalUpkeep*>(self)->pages_ = pages;
        return SQLITE_OK;
    }

    void checkpoint(int mode) {
        int log_pages = 0;
        int copied = 0;
        sqlite_api::sqlite3_busy_timeout(connection_, checkpoint_wait_ms);
        const int status = sqlite_api::sqlite3_wal_checkpoint_v2(connection_, nullptr, mode, &log_pages, &copied);
        sqlite_api::sqlite3_busy_timeout(connection_, busy_timeout_ms);
        if (status == SQLITE_OK) {
            pages_ = mode == SQLITE_CHECKPOINT_TRUNCATE ? 0 : log_pages;
            next_checkpoint_ = checkpoint_pages;
        } else {  // busy: a reader still needs the log; what could be copied was
            next_checkpoint_ = pages_ + checkpoint_pages;
        }
    }

    sqlite_api::sqlite3* connection_ = nullptr;
    int pages_ = 0;  // in the log after the last commit
    int next_checkpoint_ = checkpoint_pages;
};

// --- the dialect --------------------------------------------------------------------------

class SqliteDialect final : public Dialect {
public:
    explicit SqliteDialect(std::string path) : path_(std::move(path)) {
        configure_library();
        prepare_directory(path_);
    }

    Backend backend() const override { return Backend::sqlite; }

    // WAL (its file cut back to 64 MiB whenever it starts again), synchronous FULL, a 5 s
    // busy timeout, foreign keys on.
    void open(soci::session& sql) override {
        try {
            sql.open(*soci::factory_sqlite3(), "db=\"" + path_ + "\"");  // quoted: spaces and '=' stay the path's
        } catch (const soci::soci_error& error) {
            throw StoreFailure("sqlite store: cannot open " + path_ + ": " + error.get_error_message());
        }
        guarded("connection settings", [&] {
            int busy_timeout = 0;  // set first: switching to WAL may have to wait for a lock
            sql << "PRAGMA busy_timeout = " << busy_timeout_ms, soci::into(busy_timeout);
            sql << "PRAGMA foreign_keys = ON";
            std::string journal_mode;
            sql << "PRAGMA journal_mode = WAL", soci::into(journal_mode);
            if (journal_mode != "wal") {
                throw StoreFailure("sqlite store: " + path_ + " cannot use write-ahead logging (journal mode " +
                                   journal_mode + ")");
            }
            sql << "PRAGMA synchronous = FULL";
            long long size_limit = 0;
            sql << "PRAGMA journal_size_limit = " << wal_size_limit, soci::into(size_limit);
        });
    }

    // Group commit. Writes that arrive while a transaction is being written wait for it,
    // then go together in the next one: one fsync for all of them instead of one each. A
    // write that throws gets its exception back here and undoes only itself; nothing
    // returns before the commit that holds it. The batches are written on a connection of
    // their own: a connection's page cache is emptied whenever another connection has
    // committed since its last transaction, so only a connection that does all of those
    // writes keeps the pages they touch in its cache from one batch to the next.
    void write(ConnectionPool& pool, const std::function<void(Connection&)>& work) override {
        {
            ConnectionPool::Lease lease(pool);
            if (lease.joined()) return work(lease.connection());
        }
        Waiting waiting;  // mostly for the commit's fsync, this thread's or another's
        PendingWrite mine{&work, nullptr};
        std::unique_lock lock(queue_mutex_);
        queue_.push_back(&mine);
        while (!mine.done) {
            if (writing_) {
                batch_written_.wait(lock);
                continue;
            }
            // Nobody is writing: this thread writes what has queued up, its own write included.
            writing_ = true;
            std::vector<PendingWrite*> batch;
            batch.swap(queue_);
            lock.unlock();
            write_batch(pool, batch);
            lock.lock();
            for (PendingWrite* pending : batch) pending->done = true;
            writing_ = false;
            batch_written_.notify_all();
        }
        if (mine.failure) std::rethrow_exception(mine.failure);
    }

    // Merges the search index's segments a step at a time.
    bool maintain(ConnectionPool& pool) override {
        bool more = false;
        write(pool, [&](Connection& connection) {
            long long before = 0;
            long long after = 0;
            Statement(connection, queries::total_changes).into(before).run();
            connection.execute(queries::merge_diary_search);
            Statement(connection, queries::total_changes).into(after).run();
            more = after - before >= 2;  // FTS5's sign that a merge step found work
        });
        if (!more) {
            std::lock_guard writer_turn(pool.writers());
            if (batch_writer_) wal_.when_idle();
        }
        return more;
    }

    std::optional<DiaryEntry> find_diary_entry(ConnectionPool::Lease& lease, const std::string& user_id,
                                               Day day) override {
        Transaction transaction(lease, TransactionKind::read);  // the entry and its lists together
        const std::string day_text = format_day(day);
        std::optional<StoredEntry> found;
        {
            Statement statement(lease.connection(), queries::find_diary_entry);
            found = one(statement.use(user_id, "user_id").use(day_text, "day"), DiaryRow::of(user_id));
        }
        if (!found) return std::nullopt;
        std::vector<StoredEntry> entries{std::move(*found)};
        load_children(lease.connection(), user_id, entries);
        transaction.commit();
        return std::move(entries.front().entry);
    }

    Store::PutDiaryResult write_diary_entry(Connection& connection, const DiaryEntry& entry,
                                            bool keep_created_at) override {
        return DiaryWriter(connection).write(entry, keep_created_at);
    }

    bool erase_diary_entry(Connection& connection, const std::string& user_id, Day day) override {
        return DiaryWriter(connection).erase(user_id, day);
    }

    void forget_diary_of(Connection& connection, const std::string& user_id) override {
        unindex_entries_of(connection, user_id);
    }

    DiaryPage list_diary_entries(ConnectionPool::Lease& lease, const DiaryQuery& query) override {
        const DiaryBounds bounds(query);
        // Text without a single word in it searches for nothing in particular.
        const std::string match = diary_search_expression(query.user_id, query.text);
        Transaction transaction(lease, TransactionKind::read);  // entries and their lists together
        std::vector<StoredEntry> entries;
        {
            Statement statement(lease.connection(),
                                match.empty() ? queries::list_diary_entries : queries::search_diary_entries);
            statement.use(query.user_id, "user_id").use(bounds.from, "from").use(bounds.to, "to");
            statement.use(bounds.before, "before").use(bounds.shared_only, "shared_only");
            statement.use(query.competency_id, "competency_id").use(query.tag, "tag").use(bounds.limit, "limit");
            if (!match.empty()) statement.use(match, "match");
            entries = all(statement, DiaryRow::of(query.user_id));
        }

        DiaryPage page;
        if (entries.size() > static_cast<std::size_t>(bounds.page_size)) {
            entries.resize(static_cast<std::size_t>(bounds.page_size));
            page.next_before = entries.back().entry.day;
        }
        load_children(lease.connection(), query.user_id, entries);
        transaction.commit();
        page.entries.reserve(entries.size());
        for (StoredEntry& stored_entry : entries) page.entries.push_back(std::move(stored_entry.entry));
        return page;
    }

private:
    struct PendingWrite {
        const std::function<void(Connection&)>* work;
        std::exception_ptr failure;
        bool done = false;
    };

    void write_batch(ConnectionPool& pool, const std::vector<PendingWrite*>& batch) {
        if (!batch_writer_) {  // opened at the first write, as the pool's connections are
            open(batch_writer_session_);
            batch_writer_ = std::make_unique<Connection>(batch_writer_session_, Backend::sqlite);
            wal_.watch(static_cast<soci::sqlite3_session_backend*>(batch_writer_session_.get_backend())->conn_);
        }
        std::lock_guard writer_turn(pool.writers());
        auto write = [&](const std::vector<PendingWrite*>& writes) {
            Transaction transaction(*batch_writer_, TransactionKind::write);
            ConnectionPool::Joining joining(pool, *batch_writer_);
            for (PendingWrite* pending : writes) (*pending->work)(*batch_writer_);
            transaction.commit();
        };
        try {
            write(batch);
            wal_.after_write();
            return;
        } catch (...) {
            if (batch.size() == 1) {
                batch.front()->failure = std::current_exception();
                return;
            }
        }
        // Something in the batch failed and the whole transaction was rolled back: write each
        // again on its own, so that only what fails by itself fails. (Savepoints would isolate
        // them too, but each one makes FTS5 flush its pending index data: a segment per write.)
        for (PendingWrite* pending : batch) {
            try {
                write({pending});
            } catch (...) {
                pending->failure = std::current_exception();
            }
        }
        wal_.after_write();
    }

    std::string path_;
    std::mutex queue_mutex_;
    std::condition_variable batch_written_;
    std::vector<PendingWrite*> queue_;
    bool writing_ = false;
    soci::session batch_writer_session_;
    std::unique_ptr<Connection> batch_writer_;  // its prepared statements go before its session
    WalUpkeep wal_;                             // of batch_writer_
};

}  // namespace

}  // namespace ritme::storage::sqlite

namespace ritme::storage {

std::unique_ptr<Dialect> sqlite_dialect(const std::string& path) {
    return std::make_unique<sqlite::SqliteDialect>(path);
}

}  // namespace ritme::storage
