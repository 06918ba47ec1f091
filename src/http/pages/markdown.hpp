#pragma once
// Entry text is Markdown (GitHub flavour), rendered by cmark-gfm in its safe mode: raw
// HTML and dangerous links are left out, never passed through.
#include <string>
#include <string_view>

namespace ritme::http::pages {

// Registers cmark-gfm's extensions; call once before threads start (Pages does).
void prepare_markdown();
std::string markdown_to_html(std::string_view markdown);

}  // namespace ritme::http::pages
