#include "formats/zip.hpp"

#include <zip.h>

#include <memory>
#include <stdexcept>

namespace ritme::formats {
namespace {

std::string mebibytes(std::size_t bytes) {
    return std::to_string(bytes / (1024 * 1024)) + " MiB";
}

struct ArchiveCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

bool looks_like_zip(std::string_view bytes) {
    return bytes.substr(0, 4) == std::string_view("PK\3\4", 4) || bytes.substr(0, 4) == std::string_view("PK\5\6", 4);
}

Result<std::vector<ZipFile>> read_zip(std::string_view bytes, const std::function<bool(std::string_view)>& wanted,
                                      const ZipLimits& limits) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) throw std::runtime_error("zip: no memory for the archive");
    std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (!archive) {
        zip_source_free(source);
        zip_error_fini(&error);
        return Error{ErrorCode::bad_request, "The file is not a zip archive that can be read."};
    }
    zip_error_fini(&error);
    zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    if (count < 0 || static_cast<std::size_t>(count) > limits.max_entries) {
        return Error{ErrorCode::payload_too_large,
                     "The zip archive holds more than " + std::to_string(limits.max_entries) + " files."};
    }
    std::vector<ZipFile> files;
    std::size_t unpacked = 0;
    for (zip_int64_t index = 0; index < count; ++index) {
        const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(index), ZIP_FL_ENC_GUESS);
        if (name == nullptr) return Error{ErrorCode::bad_request, "The zip archive has an entry without a name."};
        ZipFile file{name, ""};
        if (!file.name.empty() && file.name.back() != '/' && wanted(file.name)) {
            std::unique_ptr<zip_file_t, FileCloser> entry(
                zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
            if (!entry) {
                return Error{ErrorCode::bad_request, "The zip archive's file " + file.name + " cannot be unpacked."};
            }
            char buffer[64 * 1024];
            for (;;) {
                zip_int64_t read = zip_fread(entry.get(), buffer, sizeof buffer);
                if (read < 0) {
                    return Error{ErrorCode::bad_request,
                                 "The zip archive's file " + file.name + " is damaged and cannot be unpacked."};
                }
                if (read == 0) break;
                unpacked += static_cast<std::size_t>(read);
                if (unpacked > limits.max_unpacked_bytes) {
                    return Error{ErrorCode::payload_too_large, "The zip archive unpacks to more than " +
                                                                   mebibytes(limits.max_unpacked_bytes) +
                                                                   "; nothing was imported."};
                }
                file.content.append(buffer, static_cast<std::size_t>(read));
            }
        }
        files.push_back(std::move(file));
    }
    return files;
}

std::string write_zip(const std::vector<ZipFile>& files) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer == nullptr) throw std::runtime_error("zip: no memory for the archive");
    zip_source_keep(buffer);  // read back after the archive is closed
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    zip_error_fini(&error);
    if (archive == nullptr) {
        zip_source_free(buffer);
        throw std::runtime_error("zip: cannot make an archive");
    }
    for (const ZipFile& file : files) {
        zip_source_t* content = zip_source_buffer(archive, file.content.data(), file.content.size(), 0);
        if (content == nullptr ||
            zip_file_add(archive, file.name.c_str(), content, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            if (content != nullptr) zip_source_free(content);
            zip_discard(archive);
            zip_source_free(buffer);
            throw std::runtime_error("zip: cannot add " + file.name);
        }
    }
    if (zip_close(archive) < 0) {
        zip_discard(archive);
        zip_source_free(buffer);
        throw std::runtime_error("zip: cannot write the archive");
    }
    std::string out;
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer, &stat) == 0 && zip_source_open(buffer) == 0) {
        out.resize(static_cast<std::size_t>(stat.size));
        zip_int64_t read = zip_source_read(buffer, out.data(), stat.size);
        zip_source_close(buffer);
        out.resize(read < 0 ? 0 : static_cast<std::size_t>(read));
    }
    zip_source_free(buffer);
    if (out.empty()) throw std::runtime_error("zip: the archive came out empty");
    return out;
}

}  // namespace ritme::formats
