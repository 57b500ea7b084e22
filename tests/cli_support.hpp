// Helpers for tests that run the built `onus` or compare against golden
// files (Catch2 test cases only; tests/support.hpp has the paths).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "support.hpp"

namespace onus::test {

// What `onus ARGS` printed and returned.
struct CliRun {
    int status = -1;
    std::string out;
    std::string err;
};

// Run the built `onus ARGS` from the source tree (so that paths in its
// output are relative), with `env` ("SOURCE_DATE_EPOCH=0") before it;
// stdout and stderr apart.
inline CliRun run_cli(const std::string& args, const std::string& env = "") {
    // One file per process: CTest runs test cases in parallel.
    const std::filesystem::path err_file =
        std::filesystem::temp_directory_path() / ("onus-cli-test-" + std::to_string(::getpid()) + ".stderr");
    const std::string cmd = "cd '" + source_dir().string() + "' && " + env + " '" + onus_binary().string() + "' " +
                            args + " 2>'" + err_file.string() + "'";
    CliRun r;
    FILE* pipe = popen(cmd.c_str(), "r");
    REQUIRE(pipe);
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
    const int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = read_file(err_file);
    std::filesystem::remove(err_file);
    return r;
}

// Golden files: ONUS_ACCEPT=1 (any value but "0") rewrites them instead of
// comparing, for a reviewer to read the diff.
inline bool accepting_goldens() {
    const char* v = std::getenv("ONUS_ACCEPT");
    return v && *v && std::string(v) != "0";
}

inline void check_golden(const std::filesystem::path& expected, const std::string& got) {
    if (accepting_goldens()) {
        std::filesystem::create_directories(expected.parent_path());
        std::ofstream(expected, std::ios::binary) << got;
        WARN("rewrote " << expected.string());
        return;
    }
    INFO("golden file " << expected.string() << " (ONUS_ACCEPT=1 rewrites it)");
    REQUIRE(std::filesystem::exists(expected));
    CHECK(read_file(expected) == got);
}

}  // namespace onus::test
