// Shared helpers for the fuzz targets: a scratch folder per process, input
// splitting, and a property check that aborts (so that libFuzzer, and the
// replay driver through CTest, report a violated property as a crash).
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace onus::fuzz {

// Report and abort: a violated property is a finding, like a crash.
[[noreturn]] inline void fail(const char* file, int line, const char* what) {
    std::fprintf(stderr, "%s:%d: fuzz property violated: %s\n", file, line, what);
    std::fflush(stderr);
    std::abort();
}

#define ONUS_FUZZ_CHECK(condition) \
    ((condition) ? (void)0 : ::onus::fuzz::fail(__FILE__, __LINE__, #condition))

// A folder of our own under the system temp folder, unique per process
// (libFuzzer's -jobs/-workers run several processes side by side), made
// once and removed at normal exit. Rule packs are folders on disk, so the
// pack targets write their input there.
inline const std::filesystem::path& scratch_folder(const char* target) {
    static const std::filesystem::path folder = [target] {
        namespace fs = std::filesystem;
        fs::path p = fs::temp_directory_path() / (std::string("onus-") + target + "-" + std::to_string(::getpid()));
        std::error_code ec;
        fs::remove_all(p, ec);
        fs::create_directories(p);
        return p;
    }();
    static const bool cleanup_registered = [] {
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(folder, ec);
        });
        return true;
    }();
    (void)cleanup_registered;
    return folder;
}

// Replace the one rule file of the scratch pack.
inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) fail(__FILE__, __LINE__, "cannot write the scratch rule file");
}

// Two parts of one input: split at the first NUL, else at the first
// newline; with neither, everything is the first part.
inline std::pair<std::string_view, std::string_view> split_input(std::string_view bytes, bool newline_too) {
    std::size_t cut = bytes.find('\0');
    if (cut == std::string_view::npos && newline_too) cut = bytes.find('\n');
    if (cut == std::string_view::npos) return {bytes, std::string_view()};
    return {bytes.substr(0, cut), bytes.substr(cut + 1)};
}

}  // namespace onus::fuzz
