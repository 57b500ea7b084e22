// Helpers shared by the tests: paths to fixtures and to ../shared, which a
// fresh clone does not have (tests that need it skip cleanly).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace onus::test {

inline std::filesystem::path source_dir() { return ONUS_SOURCE_DIR; }
inline std::filesystem::path data_dir() { return ONUS_TEST_DATA; }
inline std::filesystem::path shared_dir() { return ONUS_SHARED_DIR; }
inline std::filesystem::path onus_binary() { return ONUS_BINARY; }
inline bool have_shared() { return std::filesystem::is_directory(shared_dir() / "corpus"); }

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace onus::test
