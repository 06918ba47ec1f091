#pragma once
// Zip archives in memory (libzip): reading one that came from outside, within limits, and
// writing one for an export.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ritme::formats {

// What an archive from outside may hold. The size is counted while unpacking, not taken
// from the archive's own word, so a zip bomb stops at the limit.
struct ZipLimits {
    std::size_t max_entries = 20000;
    std::size_t max_unpacked_bytes = 200u * 1024u * 1024u;
};

struct ZipFile {
    std::string name;     // the path inside the archive
    std::string content;  // unpacked; empty for entries not asked for
};

// Every entry of the archive, with the content of those `wanted` accepts (the others only
// named). bad_request when it is not a zip; payload_too_large past a limit.
Result<std::vector<ZipFile>> read_zip(std::string_view bytes, const std::function<bool(std::string_view)>& wanted,
                                      const ZipLimits& limits = {});

// An archive of these files (deflated), as bytes.
std::string write_zip(const std::vector<ZipFile>& files);

// Whether the bytes start like a zip archive ("PK\3\4", or an empty archive's "PK\5\6").
bool looks_like_zip(std::string_view bytes);

}  // namespace ritme::formats
