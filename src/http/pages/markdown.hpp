#pragma once
// Entry text is Markdown (GitHub flavour), rendered by cmark-gfm in its safe mode: raw
// HTML and dangerous links are left out, never passed through.
#include <string>
#include <string_view>

namespace ritme::http::pages {

// Registers cmark-gfm's extensions; call once before threads start (Pages does).
void prepare_markdown();
std::string markdown_to_html(std::string_view markdown);
// The same, and "" for blank text (nothing to render).
std::string markdown_html(std::string_view markdown);
// The start of a text for a list: whole when short, else cut at a line or word boundary
// before `at_most` bytes, with "…" after it, rendered.
std::string markdown_excerpt_html(std::string_view markdown, std::size_t at_most);

}  // namespace ritme::http::pages
