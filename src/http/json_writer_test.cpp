// JsonWriter: the same text nlohmann's dump (compact, error_handler_t::replace) writes.
#include "http/json_writer.hpp"

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "http/api/level_json.hpp"
#include "http/http.hpp"

namespace ritme::http {
namespace {

std::string written(std::string_view value) {
    std::string out;
    append_json_string(out, value);
    return out;
}

std::string dumped(const std::string& value) {
    return Json(value).dump(-1, ' ', false, Json::error_handler_t::replace);
}

TEST(JsonWriter, EscapesQuotesBackslashAndControlCharacters) {
    EXPECT_EQ(written(""), R"("")");
    EXPECT_EQ(written("plain text"), R"("plain text")");
    EXPECT_EQ(written("say \"hi\""), R"("say \"hi\"")");
    EXPECT_EQ(written("a\\b"), R"("a\\b")");
    EXPECT_EQ(written("\b\f\n\r\t"), R"("\b\f\n\r\t")");
    EXPECT_EQ(written(std::string_view("\x00\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
    EXPECT_EQ(written("/ </script>"), R"("/ </script>")");  // the solidus stays
    EXPECT_EQ(written("\x7f"), "\"\x7f\"");                 // DEL needs no escape
}

TEST(JsonWriter, KeepsValidUtf8AndReplacesInvalid) {
    EXPECT_EQ(written("Één café — ☕ 😀"), "\"Één café — ☕ 😀\"");
    EXPECT_EQ(written("a\xff" "b"), "\"a\xEF\xBF\xBD" "b\"");            // a byte that starts nothing
    EXPECT_EQ(written("a\xc3"), "\"a\xEF\xBF\xBD\"");                    // cut off at the end
    EXPECT_EQ(written("\xe2\x98" "x"), "\"\xEF\xBF\xBD" "x\"");           // cut off before a letter
    EXPECT_EQ(written("\xed\xa0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
    EXPECT_EQ(written("\xc0\xaf"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");       // overlong
}

TEST(JsonWriter, StringsMatchNlohmannOnRandomBytes) {
    std::mt19937 random(2026);
    // Bytes weighted towards the interesting ones: escapes, UTF-8 leads and continuations.
    const std::string alphabet = std::string("ab \"\\\n\x01\x1f\x7f", 9) +
                                 "\x80\xbf\xc2\xc3\xdf\xe0\xe2\xed\xef\xf0\xf4\xf5\xff\x90\xa0\x8f\x9f";
    for (int round = 0; round < 40000; ++round) {
        // Every other round mostly plain letters, long enough for the eight-byte fast path.
        const bool plain = round % 2 == 1;
        std::string text;
        std::size_t length = random() % (plain ? 40 : 12);
        for (std::size_t i = 0; i < length; ++i) {
            if (plain && random() % 16 != 0) {
                text += static_cast<char>(0x20 + random() % 0x60);
            } else {
                text += (random() % 4 == 0) ? static_cast<char>(random() % 256) : alphabet[random() % alphabet.size()];
            }
        }
        ASSERT_EQ(written(text), dumped(text)) << "round " << round;
    }
}

TEST(JsonWriter, WritesNumbersBooleansNullAndNesting) {
    std::string text;
    JsonWriter out(text);
    out.begin_object();
    out.key("n");
    out.number(0);
    out.key("negative");
    out.number(-42);
    out.key("big");
    out.number(std::numeric_limits<std::int64_t>::max());
    out.key("small");
    out.number(std::numeric_limits<std::int64_t>::min());
    out.key("yes");
    out.boolean(true);
    out.key("no");
    out.boolean(false);
    out.key("nothing");
    out.null();
    out.key("list");
    out.begin_array();
    out.begin_object();
    out.end_object();
    out.begin_array();
    out.end_array();
    out.number(1);
    out.begin_array();
    out.string("x");
    out.null();
    out.end_array();
    out.begin_object();
    out.key("k\"ey");
    out.string("v");
    out.end_object();
    out.end_array();
    out.key("after");
    out.string("");
    out.end_object();
    EXPECT_EQ(text, R"({"n":0,"negative":-42,"big":9223372036854775807,"small":-9223372036854775808,)"
                    R"("yes":true,"no":false,"nothing":null,"list":[{},[],1,["x",null],{"k\"ey":"v"}],"after":""})");
    Json parsed = Json::parse(text);
    EXPECT_EQ(parsed["big"], std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(parsed["list"][4]["k\"ey"], "v");
}

TEST(JsonWriter, DiaryEntryIsTheTreeItWas) {
    DiaryEntry entry;
    entry.user_id = "u1";
    entry.day = Day{std::chrono::sys_days{std::chrono::year{2026} / 11 / 25}};
    entry.learning_moments = "Line one\nline \"two\"\t\\";
    entry.handling = "Één café ☕";
    entry.key_learning = "bad \xff byte";
    entry.competency_ids = {"c1", "c2"};
    entry.tags = {"gesprek"};
    entry.shared_with_peer = true;
    entry.minutes = 45;
    entry.created_at = std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours{9};
    entry.updated_at = entry.created_at + std::chrono::seconds{61};
    entry.version = 3;
    Json tree = {{"day", "2026-11-25"},
                 {"learning_moments", entry.learning_moments},
                 {"handling", entry.handling},
                 {"key_learning", entry.key_learning},
                 {"competency_ids", entry.competency_ids},
                 {"tags", entry.tags},
                 {"shared_with_peer", true},
                 {"minutes", 45},
                 {"created_at", "2026-11-25T09:00:00Z"},
                 {"updated_at", "2026-11-25T09:01:01Z"},
                 {"version", 3}};
    std::string text;
    JsonWriter out(text);
    write_diary_entry(out, entry);
    EXPECT_EQ(text, tree.dump(-1, ' ', false, Json::error_handler_t::replace));
    entry.key_learning = "fine";
    tree["key_learning"] = "fine";
    EXPECT_EQ(diary_entry_json(entry), tree);
}

}  // namespace
}  // namespace ritme::http
