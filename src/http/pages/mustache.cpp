#include "http/pages/mustache.hpp"

#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace ritme::http::pages {
namespace {

using Token = TemplateSet::Token;
using Tokens = TemplateSet::Tokens;
using Kind = Token::Kind;

constexpr std::string_view open_tag = "{{";
constexpr std::string_view close_tag = "}}";

// The span of `text` without the spaces (only spaces, as mstch trims) at either end.
std::string_view trim_spaces(std::string_view text) {
    std::size_t first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

std::vector<std::string> split_at_dots(const std::string& name) {
    if (name == ".") return {name};
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', start)) {
        parts.push_back(name.substr(start, dot - start));
        start = dot + 1;
    }
    parts.push_back(name.substr(start));
    return parts;
}

// Text between tags, one token per line (a token ends after each '\n').
void add_text(Tokens& tokens, std::string_view text) {
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        end = end == std::string_view::npos ? text.size() : end + 1;
        Token token;
        token.text = std::string(text.substr(0, end));
        token.eol = token.text.back() == '\n';
        token.whitespace_only = token.text.find_first_not_of(" \r\n\t") == std::string::npos;
        tokens.push_back(std::move(token));
        text.remove_prefix(end);
    }
}

// `tag` with its braces, e.g. "{{# name }}" or "{{{name}}}".
Token tag_token(std::string_view tag) {
    Token token;
    std::string_view inner = tag.substr(open_tag.size(), tag.size() - open_tag.size() - close_tag.size());
    if (!inner.empty() && inner.front() == '=' && inner.back() == '=') {
        throw std::runtime_error("template: set-delimiter tags are not supported");
    }
    if (!inner.empty() && inner.front() == '{' && inner.back() == '}') {
        token.kind = Kind::unescaped;
        token.text = std::string(trim_spaces(inner.substr(1, inner.size() - 2)));
    } else {
        std::string_view name = trim_spaces(inner);
        char sigil = name.empty() ? '\0' : name.front();
        switch (sigil) {
            case '#':
                token.kind = Kind::section;
                break;
            case '^':
                token.kind = Kind::inverted;
                break;
            case '/':
                token.kind = Kind::close;
                break;
            case '>':
                token.kind = Kind::partial;
                break;
            case '&':
                token.kind = Kind::unescaped;
                break;
            case '!':
                token.kind = Kind::comment;
                break;
            default:
                token.kind = Kind::variable;
                break;
        }
        if (token.kind != Kind::variable) name = trim_spaces(name.substr(1));
        token.text = std::string(name);
    }
    token.path = split_at_dots(token.text);
    return token;
}

Tokens tokenize(std::string_view source) {
    Tokens tokens;
    std::size_t at = 0;
    while (at < source.size()) {
        std::size_t open = source.find(open_tag, at);
        std::size_t close = open == std::string_view::npos ? open : source.find(close_tag, open + 1);
        if (open == std::string_view::npos || close == std::string_view::npos) {
            add_text(tokens, source.substr(at));
            break;
        }
        // "{{{name}}}": the third brace belongs to the tag.
        if (source.substr(open + open_tag.size(), 1) == "{" && source.substr(close + close_tag.size(), 1) == "}") {
            ++close;
        }
        add_text(tokens, source.substr(at, open - at));
        at = close + close_tag.size();
        tokens.push_back(tag_token(source.substr(open, at - open)));
        if (at == source.size()) {  // a tag at the very end still ends a line
            Token end;
            end.eol = true;
            end.whitespace_only = true;
            tokens.push_back(std::move(end));
        }
    }
    return tokens;
}

bool is_tag(const Token& token) {
    return token.kind != Kind::text && token.kind != Kind::variable && token.kind != Kind::unescaped;
}

// A line that holds tags other than variables and otherwise only whitespace leaves no
// trace in the output: its whitespace goes. A standalone partial keeps the whitespace
// before it as the indentation of its lines.
void strip_standalone_lines(Tokens& tokens) {
    Tokens kept;
    kept.reserve(tokens.size());
    std::size_t line_begin = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!tokens[i].eol) continue;
        bool has_tag = false;
        bool other_text = false;
        for (std::size_t j = line_begin; j <= i; ++j) {
            if (is_tag(tokens[j])) {
                has_tag = true;
            } else if (!tokens[j].whitespace_only) {
                other_text = true;
            }
        }
        const bool standalone = has_tag && !other_text;
        for (std::size_t j = line_begin; j <= i; ++j) {
            Token& token = tokens[j];
            if (standalone && token.kind == Kind::partial && j > line_begin && tokens[j - 1].kind == Kind::text &&
                tokens[j - 1].whitespace_only) {
                token.indentation = tokens[j - 1].text;
            }
            if (standalone && token.kind == Kind::text && token.whitespace_only) continue;
            kept.push_back(std::move(token));
        }
        line_begin = i + 1;
    }
    for (std::size_t j = line_begin; j < tokens.size(); ++j) kept.push_back(std::move(tokens[j]));
    tokens = std::move(kept);
}

// Each section's close, by the section's name; sections nest.
void match_sections(Tokens& tokens) {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        if (token.kind == Kind::section || token.kind == Kind::inverted) {
            open.push_back(i);
        } else if (token.kind == Kind::close) {
            if (open.empty() || tokens[open.back()].text != token.text) {
                throw std::runtime_error("template: {{/" + token.text + "}} closes no section of that name");
            }
            tokens[open.back()].close = i;
            open.pop_back();
        }
    }
    if (!open.empty()) throw std::runtime_error("template: {{#" + tokens[open.back()].text + "}} is not closed");
}

Tokens parse(std::string_view source) {
    Tokens tokens = tokenize(source);
    strip_standalone_lines(tokens);
    match_sections(tokens);
    return tokens;
}

// A partial's tokens with `indentation` before each of its lines, where mstch puts it:
// before every token that follows one that ends a line, and before the first.
Tokens indented(const Tokens& tokens, const std::string& indentation) {
    Tokens out;
    out.reserve(tokens.size() * 2);
    bool line_start = true;
    for (const Token& token : tokens) {
        if (line_start) {
            Token text;
            text.text = indentation;
            out.push_back(std::move(text));
        }
        out.push_back(token);
        line_start = token.eol;
    }
    match_sections(out);  // the positions of the closes moved
    return out;
}

const mstch::node null_node{nullptr};

// mstch's lookup: a map holds its keys; any other value answers only to ".".
const mstch::node* member(const mstch::node& node, const std::string& name) {
    if (const auto* map = boost::get<mstch::map>(&node)) {
        auto found = map->find(name);
        return found == map->end() ? nullptr : &found->second;
    }
    if (boost::get<std::shared_ptr<mstch::object>>(&node) != nullptr) {
        throw std::runtime_error("template: mstch objects are not supported");
    }
    return name == "." ? &node : nullptr;
}

// The first part of the name looked up from the innermost context outward, every
// further part in what the part before it found.
const mstch::node& find(const std::vector<std::string>& path, const std::vector<const mstch::node*>& context) {
    const mstch::node* found = nullptr;
    for (auto node = context.rbegin(); node != context.rend() && found == nullptr; ++node) {
        found = member(**node, path.front());
    }
    for (std::size_t part = 1; part < path.size() && found != nullptr; ++part) found = member(*found, path[part]);
    return found != nullptr ? *found : null_node;
}

// mstch's emptiness: null, false, 0, "" and [] render a section not at all.
bool is_empty(const mstch::node& node) {
    if (node.which() == 0) return true;  // nullptr
    if (const auto* text = boost::get<std::string>(&node)) return text->empty();
    if (const auto* number = boost::get<int>(&node)) return *number == 0;
    if (const auto* real = boost::get<double>(&node)) return *real == 0;
    if (const auto* flag = boost::get<bool>(&node)) return !*flag;
    if (const auto* items = boost::get<mstch::array>(&node)) return items->empty();
    return false;
}

void append_escaped(std::string& out, const std::string& text) {
    std::size_t copied = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char* escaped = nullptr;
        switch (text[i]) {
            case '&':
                escaped = "&amp;";
                break;
            case '\'':
                escaped = "&#39;";
                break;
            case '"':
                escaped = "&quot;";
                break;
            case '<':
                escaped = "&lt;";
                break;
            case '>':
                escaped = "&gt;";
                break;
            case '/':
                escaped = "&#x2F;";
                break;
            default:
                continue;
        }
        out.append(text, copied, i - copied);
        out += escaped;
        copied = i + 1;
    }
    out.append(text, copied, std::string::npos);
}

void append_value(std::string& out, const mstch::node& node, bool escape) {
    if (const auto* text = boost::get<std::string>(&node)) {
        if (escape) {
            append_escaped(out, *text);
        } else {
            out += *text;
        }
    } else if (const auto* number = boost::get<int>(&node)) {
        out += std::to_string(*number);
    } else if (const auto* real = boost::get<double>(&node)) {
        std::ostringstream written;
        written << *real;
        out += written.str();
    } else if (const auto* flag = boost::get<bool>(&node)) {
        out += *flag ? "true" : "false";
    } else if (boost::get<mstch::lambda>(&node) != nullptr) {
        throw std::runtime_error("template: mstch lambdas are not supported");
    }
}

}  // namespace

TemplateSet::TemplateSet(const std::map<std::string, std::string>& sources) {
    for (const auto& [name, source] : sources) templates_.emplace(name, parse(source));
    for (const auto& [name, tokens] : templates_) {
        for (const Token& token : tokens) {
            if (token.kind != Kind::partial || token.indentation.empty()) continue;
            auto partial = templates_.find(token.text);
            if (partial == templates_.end()) continue;
            indented_.try_emplace({token.text, token.indentation}, indented(partial->second, token.indentation));
        }
    }
    // Each {{> name}} points at what it renders (nothing for a name not in the set).
    auto resolve = [this](Tokens& tokens) {
        for (Token& token : tokens) {
            if (token.kind != Kind::partial) continue;
            if (token.indentation.empty()) {
                auto found = templates_.find(token.text);
                token.partial = found == templates_.end() ? nullptr : &found->second;
            } else {
                auto found = indented_.find({token.text, token.indentation});
                token.partial = found == indented_.end() ? nullptr : &found->second;
            }
        }
    };
    for (auto& [name, tokens] : templates_) resolve(tokens);
    for (auto& [key, tokens] : indented_) resolve(tokens);
}

std::string TemplateSet::render(const std::string& name, const mstch::node& data) const {
    const Tokens& tokens = templates_.at(name);
    std::vector<const mstch::node*> context{&data};
    std::string out;
    render_range(tokens, 0, tokens.size(), context, out);
    return out;
}

void TemplateSet::render_range(const Tokens& tokens, std::size_t from, std::size_t to,
                               std::vector<const mstch::node*>& context, std::string& out) const {
    for (std::size_t i = from; i < to; ++i) {
        const Token& token = tokens[i];
        switch (token.kind) {
            case Kind::text:
                out += token.text;
                break;
            case Kind::variable:
                append_value(out, find(token.path, context), true);
                break;
            case Kind::unescaped:
                append_value(out, find(token.path, context), false);
                break;
            case Kind::section: {
                const mstch::node& value = find(token.path, context);
                if (!is_empty(value)) {
                    if (const auto* items = boost::get<mstch::array>(&value)) {
                        for (const mstch::node& item : *items) {
                            context.push_back(&item);
                            render_range(tokens, i + 1, token.close, context, out);
                            context.pop_back();
                        }
                    } else {
                        context.push_back(&value);
                        render_range(tokens, i + 1, token.close, context, out);
                        context.pop_back();
                    }
                }
                i = token.close;
                break;
            }
            case Kind::inverted: {
                if (is_empty(find(token.path, context))) {
                    context.push_back(&null_node);
                    render_range(tokens, i + 1, token.close, context, out);
                    context.pop_back();
                }
                i = token.close;
                break;
            }
            case Kind::partial:
                if (token.partial != nullptr) render_range(*token.partial, 0, token.partial->size(), context, out);
                break;
            case Kind::close:
            case Kind::comment:
                break;
        }
    }
}

}  // namespace ritme::http::pages
