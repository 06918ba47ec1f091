// Daily: the learning diary, one entry per day per person.
#include <charconv>
#include <string>

#include "core/operations/diary.hpp"
#include "core/periods.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

constexpr int default_page_size = 50;
constexpr int max_page_size = 200;

// One entry as answered, written straight from the entry (no tree in between), with its ETag.
Response entry_answer(int status, const DiaryEntry& entry) {
    std::string body;
    JsonWriter out(body);
    write_diary_entry(out, entry);
    return versioned(json_text_response(status, std::move(body)), entry.version);
}

Response put_entry(Call& call) {
    Result<Day> day = period_param<Day>(call, "day");
    if (!day) return error_response(day.error());
    DiaryEntry written;  // the whole entry is replaced: what the body leaves out is empty
    written.day = *day;
    if (Status read = read_diary_entry(call.body, written); !read) return error_response(read.error());
    Result<operations::SavedDiaryEntry> saved =
        operations::save_diary_entry(ports(call.services), me(call), std::move(written), if_match(call));
    if (!saved) {
        return refused_save(saved.error(), [&] {
            Result<DiaryEntry> current = operations::diary_entry(ports(call.services), me(call), *day);
            return current ? diary_entry_json(*current) : Json(nullptr);
        });
    }
    return entry_answer(saved->created ? 201 : 200, saved->entry);
}

Response get_entry(Call& call) {
    Result<Day> day = period_param<Day>(call, "day");
    if (!day) return error_response(day.error());
    Result<DiaryEntry> entry = operations::diary_entry(ports(call.services), me(call), *day);
    if (!entry) return error_response(entry.error());
    return entry_answer(200, *entry);
}

Response delete_entry(Call& call) {
    Result<Day> day = period_param<Day>(call, "day");
    if (!day) return error_response(day.error());
    if (Status deleted = operations::delete_diary_day(ports(call.services), me(call), *day); !deleted) {
        return error_response(deleted.error());
    }
    return no_content();
}

}  // namespace

// {entries, next_cursor}, written straight to text: this is the API's busiest answer.
std::string diary_page_text(const DiaryPage& page) {
    std::size_t estimate = 32;
    for (const DiaryEntry& entry : page.entries) {
        estimate += 320 + entry.learning_moments.size() + entry.handling.size() + entry.key_learning.size();
        for (const std::string& id : entry.competency_ids) estimate += id.size() + 3;
        for (const std::string& tag : entry.tags) estimate += tag.size() + 3;
    }
    std::string text;
    text.reserve(estimate);
    JsonWriter out(text);
    out.begin_object();
    out.key("entries");
    out.begin_array();
    for (const DiaryEntry& entry : page.entries) write_diary_entry(out, entry);
    out.end_array();
    out.key("next_cursor");
    if (page.next_before) {
        out.string(format_day(*page.next_before));
    } else {
        out.null();
    }
    out.end_object();
    return text;
}

// `limit`: absent gives the default; anything but a whole number 1..200 is a bad request.
Result<int> page_size(const Call& call) {
    std::optional<std::string> text = call.request.query_value("limit");
    if (!text || text->empty()) return default_page_size;
    int limit = 0;
    auto [end, fault] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (fault != std::errc{} || end != text->data() + text->size() || limit < 1 || limit > max_page_size) {
        return Error{ErrorCode::bad_request, "The limit must be a whole number from 1 to 200.", "limit"};
    }
    return limit;
}

namespace {

Response list_entries(Call& call) {
    DiaryQuery query;
    Result<std::optional<Day>> from = period_query<Day>(call, "from");
    if (!from) return error_response(from.error());
    Result<std::optional<Day>> to = period_query<Day>(call, "to");
    if (!to) return error_response(to.error());
    Result<std::optional<Day>> cursor = period_query<Day>(call, "cursor");  // the day the last page ended on
    if (!cursor) return error_response(cursor.error());
    Result<int> limit = page_size(call);
    if (!limit) return error_response(limit.error());
    query.from = *from;
    query.to = *to;
    query.before = *cursor;
    query.limit = *limit;
    query.text = call.request.query_value("q").value_or("");
    query.competency_id = call.request.query_value("competency_id").value_or("");
    query.tag = call.request.query_value("tag").value_or("");

    Result<DiaryPage> page = operations::list_diary_entries(ports(call.services), me(call), std::move(query));
    if (!page) return error_response(page.error());
    return json_text_response(200, diary_page_text(*page));
}

}  // namespace

void add_diary_routes(Router& router) {
    const std::string path = std::string(api) + "/diary";
    router.add({"GET", path, Access::member, list_entries,
                "Own diary entries, newest first: filter by from, to, q, competency_id, tag; page by limit, cursor"});
    router.add({"PUT", path + "/{day}", Access::member, put_entry, "Write or replace the diary entry of a day", true});
    router.add({"GET", path + "/{day}", Access::member, get_entry, "The diary entry of a day", true});
    router.add({"DELETE", path + "/{day}", Access::member, delete_entry, "Delete the diary entry of a day"});
}

}  // namespace ritme::http::levels
