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

TEST(SearchOwnerToken, IsHexOfTheIdSoItNeverFoldsOrSplits) {
    EXPECT_EQ(search_owner_token("Ab-_"), "u41622d5f");
    EXPECT_NE(search_owner_token("ab"), search_owner_token("AB"));
}

TEST(DiarySearchExpression, QuotesEveryWordAsAPrefixWithinTheOwnersEntries) {
    EXPECT_EQ(diary_search_expression("ab", "\"Één\" OR klant*"),
              "owner : \"u6162\""
              " AND {learning_moments handling key_learning tags} : \"Één\" *"
              " AND {learning_moments handling key_learning tags} : \"OR\" *"
              " AND {learning_moments handling key_learning tags} : \"klant\" *");
    EXPECT_EQ(diary_search_expression("ab", " ()* "), "");
}

}  // namespace
}  // namespace ritme::storage
