// The pages' pure parts: form parsing, escaping, language negotiation, routing by path.
#include <gtest/gtest.h>

#include "http/pages/form.hpp"
#include "http/pages/i18n.hpp"
#include "http/pages/markdown.hpp"
#include "http/pages/pages.hpp"
#include "http/pages/when.hpp"

namespace ritme::http::pages {
namespace {

TEST(PagesForm, ParsesUrlEncodedFieldsInOrder) {
    auto form = Form::parse_urlencoded("a=1&b=twee+woorden&c=%C3%A9%C3%A9n&a=2&empty=&flag");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->get("a"), "1");
    EXPECT_EQ(form->all("a"), (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(form->get("b"), "twee woorden");
    EXPECT_EQ(form->get("c"), "één");
    EXPECT_TRUE(form->has("empty"));
    EXPECT_TRUE(form->has("flag"));
    EXPECT_FALSE(form->has("missing"));
}

TEST(PagesForm, TurnsCrLfIntoLf) {
    auto form = Form::parse_urlencoded("text=one%0D%0Atwo");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->get("text"), "one\ntwo");
}

TEST(PagesForm, RefusesBrokenPercentEncoding) {
    EXPECT_FALSE(Form::parse_urlencoded("a=%G1"));
    EXPECT_FALSE(Form::parse_urlencoded("a=%4"));
}

TEST(PagesForm, ParsesMultipart) {
    std::string body =
        "--XYZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntoken\r\n"
        "--XYZ\r\nContent-Disposition: form-data; name=\"csv_file\"; filename=\"c.csv\"\r\n"
        "Content-Type: text/csv\r\n\r\nname,description\r\nA,b\r\n--XYZ--\r\n";
    auto form = Form::parse_multipart(body, "multipart/form-data; boundary=XYZ");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->get("_csrf"), "token");
    EXPECT_EQ(form->get("csv_file"), "name,description\r\nA,b");
}

TEST(PagesText, EscapesHtml) {
    EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(PagesLanguage, FollowsAcceptLanguageElseDutch) {
    EXPECT_EQ(negotiate_locale(std::nullopt), Locale::nl);
    EXPECT_EQ(negotiate_locale(std::string("en-GB,en;q=0.9")), Locale::en);
    EXPECT_EQ(negotiate_locale(std::string("de-DE,en;q=0.5,nl;q=0.8")), Locale::nl);
    EXPECT_EQ(negotiate_locale(std::string("fr")), Locale::nl);
}

TEST(PagesRouting, SendsApiAndOperationsPathsToTheApi) {
    EXPECT_TRUE(is_api_path("/api/v1/diary"));
    EXPECT_TRUE(is_api_path("/healthz"));
    EXPECT_TRUE(is_api_path("/metrics"));
    EXPECT_FALSE(is_api_path("/"));
    EXPECT_FALSE(is_api_path("/diary"));
    EXPECT_FALSE(is_api_path("/apix"));
}

TEST(PagesMarkdown, RendersSafely) {
    prepare_markdown();
    std::string html = markdown_to_html("**vet** <script>alert(1)</script> [x](javascript:alert(1))");
    EXPECT_NE(html.find("<strong>vet</strong>"), std::string::npos);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("javascript:"), std::string::npos);
}

}  // namespace
}  // namespace ritme::http::pages
