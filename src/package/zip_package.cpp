// Zip containers read under every safety limit. The only file that calls
// libzip (1.7.3 on Debian 12). libzip does not defend onus against hostile
// archives by itself (../shared/docs/hostile-input.md, "Zip containers"), so
// every check below is ours; the comments say which measured fact each one
// answers.
//
// Not thread-safe: a ZipPackage wraps one zip_t, which libzip does not
// share between threads. Separate packages are independent.
#include "package/zip_package.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

#include "onus/error.hpp"

namespace onus::package {

namespace {

// ---------------------------------------------------------------------------
// RAII over libzip's handles: nothing libzip allocates may leak when a check
// throws halfway through.

struct ArchiveDiscard {
    // Read-only: discard, never close (zip_close would try to write back).
    void operator()(zip_t* archive) const noexcept { zip_discard(archive); }
};
struct SourceFree {
    void operator()(zip_source_t* source) const noexcept { zip_source_free(source); }
};
struct FileClose {
    // Used only on error paths; the success path closes by hand to check the
    // result, which is where a bad CRC can surface.
    void operator()(zip_file_t* file) const noexcept { zip_fclose(file); }
};

using Archive = std::unique_ptr<zip_t, ArchiveDiscard>;
using Source = std::unique_ptr<zip_source_t, SourceFree>;
using File = std::unique_ptr<zip_file_t, FileClose>;

// zip_error_t must be initialised and finalised around every use.
class LibzipError {
public:
    LibzipError() noexcept { zip_error_init(&error_); }
    ~LibzipError() { zip_error_fini(&error_); }
    LibzipError(const LibzipError&) = delete;
    LibzipError& operator=(const LibzipError&) = delete;

    zip_error_t* get() noexcept { return &error_; }
    int code() const noexcept { return error_.zip_err; }
    std::string message() { return zip_error_strerror(&error_); }

private:
    zip_error_t error_;
};

constexpr std::size_t kReadChunk = 64u << 10;

// ---------------------------------------------------------------------------
// Text helpers.

char lower_ascii(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string fold_case(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower_ascii);
    return out;
}

std::string_view strip_leading_slashes(std::string_view s) noexcept {
    while (!s.empty() && s.front() == '/') s.remove_prefix(1);
    return s;
}

// Entry names come from the archive and may hold control characters
// (libzip treats \n, \r and \t as plain ASCII in names): escape them so that
// every message stays on one line.
std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            std::array<char, 5> hex{};
            std::snprintf(hex.data(), hex.size(), "\\x%02x", u);
            out += hex.data();
        } else {
            out += c;
        }
    }
    return out;
}

// "64 MiB", "100 KiB" or "1234 bytes": limits as a person set them.
std::string format_bytes(std::uint64_t n) {
    if (n >= (1u << 20) && n % (1u << 20) == 0) return std::to_string(n >> 20) + " MiB";
    if (n >= (1u << 10) && n % (1u << 10) == 0) return std::to_string(n >> 10) + " KiB";
    return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

std::string format_ratio(double ratio) {
    if (std::isinf(ratio)) return "infinite";
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%.4g:1", ratio);
    return text.data();
}

// ---------------------------------------------------------------------------
// Entry name rules.

// Path traversal and aliasing: OPC part names are relative, '/'-separated and
// never climb. A name that is absolute, climbs with "..", uses '\' (a
// separator to Windows tools, not to us) or hides a NUL is refused, so that
// no consumer of the name can be tricked into another path. (libzip 1.7.3
// already turns a NUL inside a stored name into a space; the check stays in
// case a later libzip stops doing so.)
const char* unsafe_name_reason(std::string_view name) {
    if (name.empty()) return "empty entry name";
    if (name.find('\0') != std::string_view::npos) return "unsafe entry name (NUL byte)";
    if (name.find('\\') != std::string_view::npos) return "unsafe entry name (backslash)";
    if (name.front() == '/') return "unsafe entry name (absolute path)";
    if (name.size() >= 2 && name[1] == ':' &&
        ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')))
        return "unsafe entry name (drive letter)";
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('/', start);
        if (end == std::string_view::npos) end = name.size();
        if (name.substr(start, end - start) == "..") return "unsafe entry name (\"..\" segment)";
        start = end + 1;
    }
    return nullptr;
}

// ---------------------------------------------------------------------------
// Opening.

// Opens `bytes` with `flags`; null on failure with `error` set. On failure
// zip_open_from_source leaves the source with us, so it is freed here; on
// success the archive owns it.
Archive open_archive(std::string_view bytes, int flags, LibzipError& error) {
    Source source(zip_source_buffer_create(bytes.data(), bytes.size(), 0, error.get()));
    if (!source) return nullptr;
    Archive archive(zip_open_from_source(source.get(), flags, error.get()));
    if (archive) source.release();
    return archive;
}

// With ZIP_CHECKCONS libzip refuses duplicate names at open (ZIP_ER_EXISTS)
// but does not say which. Reopen without the check, only to name the
// duplicate in the message; empty if that fails too.
std::string find_exact_duplicate(std::string_view bytes) {
    LibzipError error;
    Archive archive = open_archive(bytes, ZIP_RDONLY, error);
    if (!archive) return {};
    std::unordered_set<std::string> seen;
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const char* entry = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
        if (entry && !seen.insert(entry).second) return entry;
    }
    return {};
}

// Reads a little-endian field; 0 when it would run past the end, which
// the callers treat as a mismatch.
std::uint32_t le(std::string_view b, std::size_t at, int width) {
    if (at + static_cast<std::size_t>(width) > b.size()) return 0;
    std::uint32_t v = 0;
    for (int i = width - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    return v;
}

// The part of ZIP_CHECKCONS that guards against two readers seeing two
// different files: every local header must name the same entry, with the
// same method (and, without a data descriptor, the same sizes and CRC) as
// its central directory record. Differences in extra fields, which Word's
// and .NET's packagers leave, are allowed. Returns the first entry that
// disagrees, or empty. Zip64 archives are left to libzip's own checks.
std::string first_local_header_mismatch(std::string_view b) {
    constexpr std::size_t kEocd = 22;
    if (b.size() < kEocd) return "(end of central directory)";
    std::size_t eocd = std::string_view::npos;
    std::size_t lowest = b.size() > kEocd + 0xFFFF ? b.size() - kEocd - 0xFFFF : 0;
    for (std::size_t at = b.size() - kEocd + 1; at-- > lowest;)
        if (le(b, at, 4) == 0x06054b50) {
            eocd = at;
            break;
        }
    if (eocd == std::string_view::npos) return "(end of central directory)";
    std::uint32_t count = le(b, eocd + 10, 2), cd = le(b, eocd + 16, 4);
    if (count == 0xFFFF || cd == 0xFFFFFFFF) return {};
    std::size_t at = cd;
    for (std::uint32_t i = 0; i < count; ++i) {
        if (le(b, at, 4) != 0x02014b50) return "(central directory)";
        std::uint32_t flags = le(b, at + 8, 2), method = le(b, at + 10, 2), crc = le(b, at + 16, 4),
                      csize = le(b, at + 20, 4), usize = le(b, at + 24, 4), nlen = le(b, at + 28, 2),
                      elen = le(b, at + 30, 2), clen = le(b, at + 32, 2), local = le(b, at + 42, 4);
        std::string_view name = b.substr(std::min(b.size(), at + 46), nlen);
        if (local == 0xFFFFFFFF || csize == 0xFFFFFFFF || usize == 0xFFFFFFFF) return {};
        if (le(b, local, 4) != 0x04034b50 || le(b, local + 8, 2) != method ||
            b.substr(std::min(b.size(), std::size_t(local) + 30), le(b, local + 26, 2)) != name)
            return std::string(name);
        bool descriptor = (flags & 8) != 0 || (le(b, local + 6, 2) & 8) != 0;
        if (!descriptor && (le(b, local + 14, 4) != crc || le(b, local + 18, 4) != csize ||
                            le(b, local + 22, 4) != usize))
            return std::string(name);
        at += 46 + nlen + elen + clen;
    }
    return {};
}

bool looks_like_zip(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

bool looks_like_ole2(std::string_view bytes) {
    return bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

[[noreturn]] void throw_open_error(std::string_view bytes, const std::string& name, LibzipError& error) {
    if (error.code() == ZIP_ER_EXISTS) {
        const std::string duplicate = find_exact_duplicate(bytes);
        throw Error(ErrorCode::malformed, name,
                    duplicate.empty() ? "duplicate entry names"
                                      : "duplicate entry name " + printable(duplicate));
    }
    if (error.code() == ZIP_ER_NOZIP && !looks_like_zip(bytes)) {
        // A password-protected DOCX is an OLE2 file, not a zip (hostile-input.md).
        if (looks_like_ole2(bytes))
            throw Error(ErrorCode::malformed, name,
                        "not a zip archive (an OLE2 compound file: perhaps a password-protected document)");
        throw Error(ErrorCode::malformed, name, "not a zip archive");
    }
    throw Error(ErrorCode::malformed, name, "truncated or corrupt zip archive: " + error.message());
}

zip_stat_t stat_entry(zip_t* archive, zip_uint64_t index, const std::string& where) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive, index, 0, &st) != 0)
        throw Error(ErrorCode::malformed, where, std::string("cannot stat entry: ") + zip_strerror(archive));
    constexpr zip_uint64_t kNeeded = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_ENCRYPTION_METHOD;
    if ((st.valid & kNeeded) != kNeeded)
        throw Error(ErrorCode::malformed, where, "entry header lacks its sizes");
    return st;
}

// Encryption is refused before the entry is opened (hostile-input.md): an
// encrypted part cannot be read without a password, and saying so beats a
// confusing libzip error.
void refuse_encrypted(const zip_stat_t& st, const std::string& where) {
    if (st.encryption_method != ZIP_EM_NONE)
        throw Error(ErrorCode::unsupported, where, "encrypted entry (password-protected archive)");
}

}  // namespace

// ---------------------------------------------------------------------------

struct ZipPackage::Impl {
    std::string name;
    Limits limits;
    Archive archive;
    std::vector<std::string> names;
    std::unordered_map<std::string, zip_uint64_t> exact;   // stored name -> index
    std::unordered_map<std::string, zip_uint64_t> folded;  // ASCII-lower-case name -> index
    std::uint64_t inflated = 0;

    std::string where(std::string_view entry) const { return name + ": " + printable(entry); }

    void index_entries();
    const zip_uint64_t* lookup(std::string_view entry) const;
    void check_declared_sizes(const zip_stat_t& st, const std::string& at) const;
    std::string inflate(zip_uint64_t index, std::uint64_t declared, const std::string& at);
    [[noreturn]] void throw_read_error(zip_file_t* file, std::uint64_t got, std::uint64_t declared,
                                       const std::string& at) const;
};

// Lists the entries, refusing what libzip lets through even with
// ZIP_CHECKCONS: too many entries, unsafe names, case-variant duplicates
// (OPC forbids them, and Word and onus could pick different ones) and
// encrypted entries.
void ZipPackage::Impl::index_entries() {
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    if (count < 0) throw Error(ErrorCode::malformed, name, "cannot count the entries");
    // POI caps entries at 1,000: a central directory of millions of tiny
    // entries costs memory and time before any limit on content applies.
    if (static_cast<std::uint64_t>(count) > limits.max_entries)
        throw Error(ErrorCode::limit, name,
                    std::to_string(count) + " entries exceed the limit of " +
                        std::to_string(limits.max_entries));
    names.reserve(static_cast<std::size_t>(count));
    for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
        const char* raw = zip_get_name(archive.get(), i, 0);
        if (!raw) throw Error(ErrorCode::malformed, name, "unreadable entry name");
        std::string entry(raw);
        const std::string at = where(entry);
        if (const char* reason = unsafe_name_reason(entry)) throw Error(ErrorCode::malformed, at, reason);
        if (!exact.emplace(entry, i).second)  // ZIP_CHECKCONS should have caught it already
            throw Error(ErrorCode::malformed, at, "duplicate entry name");
        if (auto [it, added] = folded.emplace(fold_case(entry), i); !added)
            throw Error(ErrorCode::malformed, at,
                        "entry name differs only in case from " + printable(names[it->second]));
        refuse_encrypted(stat_entry(archive.get(), i, at), at);
        names.push_back(std::move(entry));
    }
}

const zip_uint64_t* ZipPackage::Impl::lookup(std::string_view entry) const {
    if (auto it = folded.find(fold_case(strip_leading_slashes(entry))); it != folded.end()) return &it->second;
    return nullptr;
}

// Refuses on the declared sizes, before anything is allocated or inflated: a
// 921-byte file declaring 4 GiB made naive code allocate 4 GiB.
void ZipPackage::Impl::check_declared_sizes(const zip_stat_t& st, const std::string& at) const {
    if (st.size > limits.max_part_bytes)
        throw Error(ErrorCode::limit, at,
                    "inflated size exceeds the " + format_bytes(limits.max_part_bytes) +
                        " part limit (the entry declares " + std::to_string(st.size) + " bytes)");
    // POI's rule: past a grace size, a part may not inflate more than
    // max_compression_ratio times its compressed size.
    if (st.size > limits.ratio_check_min_bytes) {
        const double ratio = st.comp_size == 0 ? INFINITY
                                               : static_cast<double>(st.size) / static_cast<double>(st.comp_size);
        if (ratio > limits.max_compression_ratio)
            throw Error(ErrorCode::limit, at,
                        "compression ratio " + format_ratio(ratio) + " exceeds the " +
                            format_ratio(limits.max_compression_ratio) + " limit");
    }
    // The budget across all reads is what defeats overlapping-entry bombs:
    // many entries sharing one compressed kernel each pass the checks above.
    if (st.size > limits.max_total_inflated || inflated > limits.max_total_inflated - st.size)
        throw Error(ErrorCode::limit, at,
                    "inflating " + std::to_string(st.size) + " more bytes would exceed the " +
                        format_bytes(limits.max_total_inflated) + " total budget (" +
                        std::to_string(inflated) + " bytes already inflated)");
}

[[noreturn]] void ZipPackage::Impl::throw_read_error(zip_file_t* file, std::uint64_t got, std::uint64_t declared,
                                                    const std::string& at) const {
    const zip_error_t* error = zip_file_get_error(file);
    switch (error->zip_err) {
        case ZIP_ER_CRC:
            throw Error(ErrorCode::malformed, at, "CRC mismatch");
        case ZIP_ER_INCONS:
            // libzip's own length check at EOF: with the cap below this only
            // fires for entries shorter than declared.
            if (got < declared)
                throw Error(ErrorCode::malformed, at,
                            "entry shorter than its header says (" + std::to_string(got) + " of " +
                                std::to_string(declared) + " bytes)");
            break;
        case ZIP_ER_COMPNOTSUPP:
            throw Error(ErrorCode::unsupported, at, "compression method not supported");
        default:
            break;
    }
    throw Error(ErrorCode::malformed, at, std::string("cannot inflate entry: ") + zip_file_strerror(file));
}

// Inflates at most declared + 1 bytes: libzip keeps inflating past the
// declared size (a 4,096-byte entry yielded 1 GiB), so the one extra byte is
// how a lie is seen without inflating the bomb. Every byte that comes out
// counts against the total budget, even when the read then fails.
std::string ZipPackage::Impl::inflate(zip_uint64_t index, std::uint64_t declared, const std::string& at) {
    File file(zip_fopen_index(archive.get(), index, 0));
    if (!file) {
        const int code = zip_error_code_zip(zip_get_error(archive.get()));
        throw Error(code == ZIP_ER_COMPNOTSUPP ? ErrorCode::unsupported : ErrorCode::malformed, at,
                    code == ZIP_ER_COMPNOTSUPP ? std::string("compression method not supported")
                                               : std::string("cannot open entry: ") + zip_strerror(archive.get()));
    }
    const std::uint64_t wanted = declared + 1;  // declared <= max_part_bytes, checked
    std::string out;
    // Safe: declared was checked against the caps. The + 1 leaves room for
    // the probe byte, which would otherwise double the buffer (and copy it)
    // on the final read of every entry.
    out.reserve(static_cast<std::size_t>(wanted));
    // Until zip_fread returns 0: libzip checks the CRC only at EOF.
    while (true) {
        const std::size_t have = out.size();
        const auto room = static_cast<std::size_t>(std::min<std::uint64_t>(kReadChunk, wanted - have));
        out.resize(have + room);
        const zip_int64_t n = zip_fread(file.get(), out.data() + have, room);
        out.resize(have + static_cast<std::size_t>(std::max<zip_int64_t>(n, 0)));
        if (n < 0) throw_read_error(file.get(), have, declared, at);
        if (n == 0) break;
        inflated += static_cast<std::uint64_t>(n);
        if (out.size() > declared)
            throw Error(ErrorCode::malformed, at,
                        "entry longer than its header says (more than " + std::to_string(declared) +
                            " bytes)");
    }
    if (out.size() != declared)
        throw Error(ErrorCode::malformed, at,
                    "entry shorter than its header says (" + std::to_string(out.size()) + " of " +
                        std::to_string(declared) + " bytes)");
    // zip_fclose reports the error state of the whole read. With libzip 1.7.3
    // a bad CRC already comes out of the final zip_fread (tested); the check
    // stays for versions that report it only here (hostile-input.md).
    const int closed = zip_fclose(file.release());
    if (closed == ZIP_ER_CRC) throw Error(ErrorCode::malformed, at, "CRC mismatch");
    if (closed != 0) {
        LibzipError error;
        zip_error_set(error.get(), closed, 0);
        throw Error(ErrorCode::malformed, at, "cannot inflate entry: " + error.message());
    }
    return out;
}

// ---------------------------------------------------------------------------

ZipPackage::ZipPackage(std::string_view bytes, std::string name, const Limits& limits)
    : impl_(std::make_unique<Impl>()) {
    impl_->name = std::move(name);
    impl_->limits = limits;
    // libzip opens an empty buffer as a new, empty archive (measured, 1.7.3).
    if (bytes.empty()) throw Error(ErrorCode::malformed, impl_->name, "not a zip archive (empty input)");
    LibzipError error;
    // ZIP_CHECKCONS: without it duplicate names and local/central header
    // mismatches pass (libzip returns the first duplicate, Python the last).
    impl_->archive = open_archive(bytes, ZIP_CHECKCONS | ZIP_RDONLY, error);
    if (!impl_->archive && error.code() == ZIP_ER_INCONS) {
        // Word and .NET's packaging write archives whose local headers differ
        // from the central directory in harmless ways (extra-field padding);
        // libzip's consistency check refuses a fifth of the real DOCX corpus
        // for it. Such archives are accepted when names, methods, sizes and
        // CRCs agree; duplicate names are still refused in index_entries(),
        // and every read() checks length and CRC.
        std::string mismatch = first_local_header_mismatch(bytes);
        if (!mismatch.empty())
            throw Error(ErrorCode::malformed, impl_->name,
                        "truncated or corrupt zip archive: local header of " + printable(mismatch) +
                            " disagrees with the central directory");
        zip_error_fini(error.get());
        zip_error_init(error.get());
        impl_->archive = open_archive(bytes, ZIP_RDONLY, error);
    }
    if (!impl_->archive) throw_open_error(bytes, impl_->name, error);
    impl_->index_entries();
}

ZipPackage::~ZipPackage() = default;
ZipPackage::ZipPackage(ZipPackage&&) noexcept = default;
ZipPackage& ZipPackage::operator=(ZipPackage&&) noexcept = default;

const std::vector<std::string>& ZipPackage::names() const noexcept {
    static const std::vector<std::string> none;
    return impl_ ? impl_->names : none;
}

bool ZipPackage::contains(std::string_view entry) const {
    return impl_ && impl_->exact.count(std::string(entry)) != 0;
}

std::string ZipPackage::find(std::string_view entry) const {
    if (!impl_) return {};
    const zip_uint64_t* index = impl_->lookup(entry);
    return index ? impl_->names[*index] : std::string();
}

// Looks the entry up the way find() does: names are unique
// case-insensitively, so this is never ambiguous.
std::string ZipPackage::read(std::string_view entry) {
    if (!impl_) throw Error(ErrorCode::internal, printable(entry), "read from a moved-from ZipPackage");
    const zip_uint64_t* index = impl_->lookup(entry);
    if (!index) throw Error(ErrorCode::malformed, impl_->where(entry), "no such entry in the archive");
    const std::string at = impl_->where(impl_->names[*index]);
    const zip_stat_t st = stat_entry(impl_->archive.get(), *index, at);
    refuse_encrypted(st, at);
    impl_->check_declared_sizes(st, at);
    return impl_->inflate(*index, st.size, at);
}

std::uint64_t ZipPackage::inflated_total() const noexcept { return impl_ ? impl_->inflated : 0; }

// ---------------------------------------------------------------------------

namespace {

// A URI scheme ("http:", "file:") before the first '/': not a part name.
bool has_scheme(std::string_view target) {
    const auto colon = target.find(':');
    return colon != std::string_view::npos && colon < target.find('/');
}

// Applies one '/'-separated path to a stack of segments; false when ".."
// climbs above the package root.
bool push_segments(std::vector<std::string_view>& stack, std::string_view path) {
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        const std::string_view segment = path.substr(start, end - start);
        if (segment == "..") {
            if (stack.empty()) return false;
            stack.pop_back();
        } else if (!segment.empty() && segment != ".") {
            stack.push_back(segment);
        }
        start = end + 1;
    }
    return true;
}

}  // namespace

// RFC 3986 reference resolution as OPC uses it: a relative target is taken
// against the folder of the source part, a leading '/' starts at the package
// root, and "." and ".." segments are removed. Empty segments are dropped.
std::string resolve_part_name(std::string_view source_part, std::string_view target) {
    if (target.empty() || has_scheme(target)) return {};
    std::vector<std::string_view> stack;
    if (target.front() != '/') {
        std::string_view source = strip_leading_slashes(source_part);
        const auto slash = source.rfind('/');
        source = slash == std::string_view::npos ? std::string_view() : source.substr(0, slash);
        if (!push_segments(stack, source)) return {};
    }
    if (!push_segments(stack, target)) return {};
    std::string out;
    for (std::string_view segment : stack) {
        if (!out.empty()) out += '/';
        out += segment;
    }
    return out;
}

}  // namespace onus::package
