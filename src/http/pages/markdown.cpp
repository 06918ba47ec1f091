#include "http/pages/markdown.hpp"

#include <cstdlib>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

namespace ritme::http::pages {

void prepare_markdown() {
    cmark_gfm_core_extensions_ensure_registered();
}

std::string markdown_to_html(std::string_view markdown) {
    // CMARK_OPT_DEFAULT is the safe mode; CMARK_OPT_UNSAFE is never set.
    const int options = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
    cmark_parser* parser = cmark_parser_new(options);
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
        if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
            cmark_parser_attach_syntax_extension(parser, extension);
        }
    }
    cmark_parser_feed(parser, markdown.data(), markdown.size());
    cmark_node* document = cmark_parser_finish(parser);
    char* rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
    std::string html = rendered != nullptr ? rendered : "";
    std::free(rendered);
    cmark_node_free(document);
    cmark_parser_free(parser);
    return html;
}

std::string markdown_html(std::string_view markdown) {
    if (markdown.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
    return markdown_to_html(markdown);
}

std::string markdown_excerpt_html(std::string_view markdown, std::size_t at_most) {
    if (markdown.size() <= at_most) return markdown_html(markdown);
    // A line or word boundary is an ASCII byte, so the cut never splits a character.
    std::string_view start = markdown.substr(0, at_most);
    std::size_t cut = start.rfind('\n');
    if (cut == std::string_view::npos || cut < at_most / 2) cut = start.find_last_of(" \t\n");
    if (cut == std::string_view::npos || cut == 0) {
        cut = at_most;
        while (cut > 0 && (static_cast<unsigned char>(markdown[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    }
    std::string excerpt(markdown.substr(0, cut));
    excerpt += " …";
    return markdown_html(excerpt);
}

}  // namespace ritme::http::pages
