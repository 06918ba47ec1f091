// TemplateSet against mstch::render itself: the same text for the same templates and data,
// on cases chosen for the corners of mustache and on every template of web/templates.
#include "http/pages/mustache.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ritme::http::pages {
namespace {

using Sources = std::map<std::string, std::string>;

std::string ours(const Sources& sources, const mstch::node& data) {
    return TemplateSet(sources).render("page", data);
}

std::string theirs(const Sources& sources, const mstch::node& data) {
    Sources partials = sources;
    partials.erase("page");
    return mstch::render(sources.at("page"), data, partials);
}

void expect_same(const Sources& sources, const mstch::node& data) {
    EXPECT_EQ(ours(sources, data), theirs(sources, data)) << "template:\n" << sources.at("page");
}

mstch::map person() {
    return mstch::map{
        {"name", std::string("Anne & <Bart> \"'/")},
        {"count", 3},
        {"zero", 0},
        {"ratio", 2.5},
        {"yes", true},
        {"no", false},
        {"empty", std::string()},
        {"none", nullptr},
        {"items", mstch::array{mstch::map{{"label", std::string("een")}, {"done", true}},
                               mstch::map{{"label", std::string("twee")}, {"done", false}}}},
        {"words", mstch::array{std::string("a"), std::string("b<c")}},
        {"nested", mstch::array{mstch::array{std::string("x"), std::string("y")}}},
        {"no_items", mstch::array{}},
        {"inner", mstch::map{{"deeper", mstch::map{{"value", std::string("diep")}}}, {"name", std::string("binnen")}}},
    };
}

TEST(Mustache, RendersAsMstchDoes) {
    const std::vector<std::string> cases = {
        "plain text, no tags",
        "{{name}} {{{name}}} {{&name}} {{ name }} {{{ name }}}",
        "{{count}} {{zero}} {{ratio}} {{yes}} {{no}} [{{empty}}] [{{none}}] [{{missing}}] [{{items}}] [{{inner}}]",
        "{{#items}}<li>{{label}}{{#done}} ✓{{/done}}{{^done}} …{{/done}} {{name}}</li>{{/items}}",
        "{{#words}}[{{.}}]{{/words}}{{#nested}}({{#.}}{{.}}{{/.}}){{/nested}}",
        "{{#words}}{{^no}}[{{.}}]{{/no}}{{#yes}}[{{.}}]{{/yes}}{{/words}}",
        "{{#no_items}}never{{/no_items}}{{^no_items}}nothing{{/no_items}}{{^items}}never{{/items}}",
        "{{#yes}}yes {{name}} [{{.}}]{{/yes}}{{#no}}never{{/no}}{{^no}}no [{{.}}]{{/no}}",
        "{{#zero}}never{{/zero}}{{^zero}}zero{{/zero}}{{#count}}{{.}} items{{/count}}{{#empty}}x{{/empty}}",
        "{{#none}}x{{/none}}{{^none}}none{{/none}}{{#missing}}x{{/missing}}{{^missing}}missing{{/missing}}",
        "{{inner.name}} {{inner.deeper.value}} [{{inner.deeper.name}}] [{{inner.missing.value}}] [{{missing.name}}]",
        "{{#inner}}{{name}} {{deeper.value}} {{count}}{{#deeper}}{{value}} {{name}}{{/deeper}}{{/inner}}",
        "{{#items}}{{#items}}{{label}}{{/items}}{{/items}}",
        "{{! a comment }}before{{!another}} after",
        "<ul>\n  {{#items}}\n  <li>{{label}}</li>\n  {{/items}}\n</ul>\n",
        "<p>\n{{^items}}\nnone\n{{/items}}\n</p>\n  {{! standalone comment }}  \nend",
        "line {{#yes}}\n inside\n{{/yes}} after\n",
        "\t{{#yes}}  \r\nwith carriage returns\r\n  {{/yes}}\r\n",
        "<div>\n  {{> part}}\n  <span>{{> part}}</span>\n</div>\n",
        "{{> part}}\n{{> missing}}\n{{>part}}",
        "<form>\n    {{> fields}}\n</form>",
        "{{#items}}\n  {{> item}}\n{{/items}}\n",
        "ends with a tag {{name}}",
        "ends with a section {{#yes}}y{{/yes}}",
        "{{#yes}}\n{{/yes}}",
        "unclosed {{ tag",
        "{{{name}}} and {{{{name}}}}",
        "<textarea>\n{{name}}\n</textarea>\n",
    };
    const Sources partials = {
        {"part", "<b>{{name}}</b>\n<i>two</i>\n"},
        {"fields", "<label>{{name}}</label>\n{{#items}}\n<input value=\"{{label}}\">\n{{/items}}\n  {{> part}}\n"},
        {"item", "<li>\n  {{label}}\n</li>\n"},
    };
    for (const std::string& text : cases) {
        Sources sources = partials;
        sources["page"] = text;
        expect_same(sources, person());
        expect_same(sources, mstch::map{});
    }
}

TEST(Mustache, RefusesWhatItDoesNotRender) {
    EXPECT_THROW(TemplateSet(Sources{{"page", "{{#open}} never closed"}}), std::runtime_error);
    EXPECT_THROW(TemplateSet(Sources{{"page", "{{#a}}{{/b}}"}}), std::runtime_error);
    EXPECT_THROW(TemplateSet(Sources{{"page", "a close {{/a}} alone"}}), std::runtime_error);
    EXPECT_THROW(TemplateSet(Sources{{"page", "{{=<% %>=}}"}}), std::runtime_error);
    TemplateSet set(Sources{{"page", "{{x}}"}});
    EXPECT_TRUE(set.has("page"));
    EXPECT_FALSE(set.has("other"));
    EXPECT_THROW(set.render("other", mstch::map{}), std::out_of_range);
}

// Every name a template uses, for data that answers all of them.
std::set<std::string> names_in(const std::string& text) {
    static const std::regex tag{R"(\{\{[#^/&{]?\s*([A-Za-z0-9_.]+)\s*\}?\}\})"};
    std::set<std::string> names;
    for (auto match = std::sregex_iterator(text.begin(), text.end(), tag); match != std::sregex_iterator(); ++match) {
        std::string name = (*match)[1].str();
        if (name != ".") names.insert(name.substr(0, name.find('.')));
    }
    return names;
}

TEST(Mustache, RendersEveryPageTemplateAsMstchDoes) {
    Sources templates;
    std::set<std::string> names;
    for (const auto& item : std::filesystem::directory_iterator(RITME_SOURCE_TEMPLATES)) {
        if (item.path().extension() != ".mustache") continue;
        std::ifstream file(item.path());
        std::stringstream text;
        text << file.rdbuf();
        templates[item.path().stem().string()] = text.str();
        for (const std::string& name : names_in(text.str())) names.insert(name);
    }
    ASSERT_GT(templates.size(), 20u);
    // Three worlds: nothing set; every name a text with characters to escape; every name
    // a list of two, so that every section and every partial in it is rendered.
    mstch::map texts;
    mstch::map lists;
    for (const std::string& name : names) {
        texts[name] = std::string("<" + name + " & 'x'/>");
        lists[name] = mstch::array{mstch::map{{"label", std::string("een")}}, std::string("twee")};
    }
    for (const auto& [name, text] : templates) {
        Sources sources = templates;
        sources["page"] = text;
        for (const mstch::node& data : {mstch::node(mstch::map{}), mstch::node(texts), mstch::node(lists)}) {
            EXPECT_EQ(ours(sources, data), theirs(sources, data)) << "template " << name;
        }
    }
}

}  // namespace
}  // namespace ritme::http::pages
