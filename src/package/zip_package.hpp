// Zip containers (DOCX, ODT) read under every safety limit: the one place
// libzip is used. Readers ask for parts by name and never see libzip.
//
// Hostile archives are the normal case (see ../shared/docs/hostile-input.md):
// decompression bombs (including overlapping entries), header lies, zip64
// tricks, duplicate and case-variant duplicate names, path traversal,
// encrypted entries. Each is refused with an onus::Error naming the file,
// the entry and the limit; nothing is written to disk.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "onus/ingest.hpp"

namespace onus::package {

class ZipPackage {
public:
    // Open an archive held in memory (the bytes must outlive the package).
    // `name` is used in error messages. Throws Error: malformed (not a zip,
    // truncated, inconsistent headers, duplicate or case-variant duplicate
    // names, path traversal names), limit (too many entries), unsupported
    // (encrypted entries).
    ZipPackage(std::string_view bytes, std::string name, const Limits& limits);
    // A temporary std::string would be gone before the package is read.
    template <class T, class = std::enable_if_t<std::is_same_v<T, std::string>>>
    ZipPackage(T&& bytes, std::string name, const Limits& limits) = delete;
    ~ZipPackage();
    ZipPackage(ZipPackage&&) noexcept;
    ZipPackage& operator=(ZipPackage&&) noexcept;

    // Entry names as stored, in archive order.
    const std::vector<std::string>& names() const noexcept;

    // True when an entry of exactly this name exists. OPC part names are
    // case-insensitive: use find() to look one up the way OPC does.
    bool contains(std::string_view entry) const;

    // The stored name matching `entry` ASCII-case-insensitively, with any
    // leading '/' ignored; empty when absent.
    std::string find(std::string_view entry) const;

    // Inflate one entry, enforcing the part cap, the compression-ratio rule,
    // the total budget shared by all reads of this package, and CRC and
    // length checks. Throws Error: malformed (absent, CRC mismatch, length
    // differs from the header), limit (part or total cap, ratio),
    // unsupported (encrypted entry).
    std::string read(std::string_view entry);

    // Bytes inflated so far by read(), against Limits::max_total_inflated.
    std::uint64_t inflated_total() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Resolve an OPC relationship target against the part that holds the
// relationship ("word/document.xml" + "media/a.png" -> "word/media/a.png";
// "/word/x.xml" is absolute). Returns empty when the target escapes the
// package root ("../../etc/passwd").
std::string resolve_part_name(std::string_view source_part, std::string_view target);

}  // namespace onus::package
