#include "storage/sqlite/search_expression.hpp"

#include <gmock/gmock.h>

namespace ritme::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(SearchWords, SplitsAtSpacesPunctuationAndSymbols) {
    EXPECT_THAT(search_words("  leermoment   Feedback\tklant\n"), ElementsAre("leermoment", "Feedback", "klant"));
    EXPECT_THAT(search_words("café-overleg, (haakjes) \"quotes\""),
                ElementsAre("café", "overleg", "haakjes", "quotes"));
    EXPECT_THAT(search_words("a:b NEAR(c d) e* ^f -g +h {i} j_k l'm"),
                ElementsAre("a", "b", "NEAR", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"));
    EXPECT_THAT(search_words("«één» — 日本語 🙂 x…y ½"), ElementsAre("één", "日本語", "x", "y", "½"));
}

TEST(SearchWords, FindsNoWordInPunctuationOrBrokenText) {
    EXPECT_THAT(search_words(""), IsEmpty());
    EXPECT_THAT(search_words(" \" * ( ) : ^ - "), IsEmpty());
    EXPECT_THAT(search_words("\xff\xfe\x80"), IsEmpty());
    EXPECT_THAT(search_words("🙂 … «»"), IsEmpty());
}

TEST(SearchWords, KeepsAFewWordsOnly) {
    std::string many;
    for (int i = 0; i < 40; ++i) many += "w" + std::to_string(i) + " ";
    std::vector<std::string> words = search_words(many);
    ASSERT_EQ(words.size(), max_search_words);
    EXPECT_EQ(words.front(), "w0");
    EXPECT_EQ(words.back(), "w" + std::to_string(max_search_words - 1));
}

TEST(SearchWords, AllOfThemWhenAsked) {
    std::string many;
    for (int i = 0; i < 40; ++i) many += "w" + std::to_string(i) + " ";
    EXPECT_EQ(search_words(many, std::string_view::npos).size(), 40u);
}

TEST(SearchMark, IsFixedLengthHexOfAFixedHash) {
    const std::string mark = search_mark("Ab-_");
    EXPECT_EQ(mark.size(), 18u);
    EXPECT_EQ(mark.front(), 'u');
    EXPECT_EQ(mark.back(), 'x');
    EXPECT_EQ(mark.find_first_not_of("0123456789abcdef", 1), 17u);
    EXPECT_EQ(search_mark(""), "ucbf29ce484222325x");  // FNV-1a's offset basis: the hash is FNV-1a
    EXPECT_EQ(search_mark("a"), "uaf63dc4c8601ec8cx");
    EXPECT_NE(search_mark("ab"), search_mark("AB"));
}

TEST(IndexedText, MarksEveryWord) {
    EXPECT_EQ(indexed_text("uMx", "Één leermoment, (met) café-overleg!"),
              "uMxÉén uMxleermoment uMxmet uMxcafé uMxoverleg");
    EXPECT_EQ(indexed_text("uMx", " ... "), "");
}

TEST(DiarySearchExpression, QuotesEveryWordWithTheMarkAsAPrefix) {
    const std::string mark = search_mark("ab");
    EXPECT_EQ(diary_search_expression("ab", "\"Één\" OR klant*"),
              "\"" + mark + "Één\" * AND \"" + mark + "OR\" * AND \"" + mark + "klant\" *");
    EXPECT_EQ(diary_search_expression("ab", " ()* "), "");
}

}  // namespace
}  // namespace ritme::storage
