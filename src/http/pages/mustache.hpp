#pragma once
// Mustache templates parsed once, when loaded, and rendered over mstch's data (mstch::node)
// with the output mstch::render gives for the same text: the same tags, the same HTML
// escaping, the same lines dropped around standalone tags, the same indentation of
// standalone partials. mstch itself parses a template and every partial it is given at
// each render and copies each context it enters (docs/adr/0003). Set delimiters and
// lambdas are not supported: the templates use neither.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <mstch/mstch.hpp>

namespace ritme::http::pages {

class TemplateSet {
public:
    // Parses every template of `sources` (by name, as {{> name}} names them). Throws
    // std::runtime_error for a section that is not closed, a close without its section,
    // or a set-delimiter tag.
    explicit TemplateSet(const std::map<std::string, std::string>& sources);
    // Its partials point into its own maps: it moves, but is not copied.
    TemplateSet(TemplateSet&&) = default;
    TemplateSet& operator=(TemplateSet&&) = default;
    TemplateSet(const TemplateSet&) = delete;
    TemplateSet& operator=(const TemplateSet&) = delete;

    bool has(const std::string& name) const { return templates_.count(name) > 0; }
    // Throws std::out_of_range for a name not in the set. A partial not in the set renders
    // as nothing, as in mstch.
    std::string render(const std::string& name, const mstch::node& data) const;

    struct Token;
    using Tokens = std::vector<Token>;

private:
    void render_range(const Tokens& tokens, std::size_t from, std::size_t to, std::vector<const mstch::node*>& context,
                      std::string& out) const;

    std::map<std::string, Tokens> templates_;
    // Partials as a standalone {{> name}} with indentation gives them: the indentation
    // before each of their lines. By name and indentation.
    std::map<std::pair<std::string, std::string>, Tokens> indented_;
};

struct TemplateSet::Token {
    enum class Kind { text, variable, unescaped, section, inverted, close, partial, comment };
    Kind kind = Kind::text;
    std::string text;                 // text: as written; a tag: its name
    std::vector<std::string> path;    // a variable or section: the name split at its dots
    bool eol = false;                 // text that ends a line
    bool whitespace_only = false;     // text of spaces, tabs and line ends only
    std::string indentation;          // a standalone partial: the whitespace before it
    std::size_t close = 0;            // a section: the position of its close tag
    const Tokens* partial = nullptr;  // a partial: what it renders, set once all are parsed
};

}  // namespace ritme::http::pages
