// Tests for the staged report output (src/cli/staged_output.cpp) and the
// JSON writer's pieces (src/report/json_stream.cpp): what reaches the
// destination is exactly what was written, in order, whether it stayed in
// memory or went through the temporary file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <ostream>
#include <sstream>
#include <string>

#include "cli/staged_output.hpp"
#include "report/json_stream.hpp"

namespace {

// A text of `n` bytes that no shifted or reordered copy equals.
std::string numbered_text(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; s.size() < n; ++i) s += std::to_string(i) + (i % 7 == 0 ? "\n" : " ");
    s.resize(n);
    return s;
}

}  // namespace

TEST_CASE("staged output: a short report stays in memory", "[cli][staged]") {
    onus::cli::StagedOutput staged(1024);
    std::ostream out(&staged);
    out << "matrix" << ' ' << 12 << '\n';
    CHECK_FALSE(staged.spilled());
    std::ostringstream dest;
    REQUIRE(staged.commit(dest));
    CHECK(dest.str() == "matrix 12\n");
}

TEST_CASE("staged output: a long report goes through the temporary file unchanged", "[cli][staged]") {
    const std::string text = numbered_text(300000);
    onus::cli::StagedOutput staged(4096);
    std::ostream out(&staged);
    // Pieces of every size, single characters among them, across the limit.
    std::size_t at = 0;
    for (std::size_t step = 1; at < text.size(); step = step * 3 % 9973 + 1) {
        const std::size_t n = std::min(step, text.size() - at);
        if (n == 1) out.put(text[at]);
        else out.write(text.data() + at, static_cast<std::streamsize>(n));
        at += n;
    }
    CHECK(staged.spilled());
    CHECK(staged.size() == text.size());
    std::ostringstream dest;
    REQUIRE(staged.commit(dest));
    CHECK(dest.str() == text);
}

TEST_CASE("staged output: a failing destination fails the commit", "[cli][staged]") {
    onus::cli::StagedOutput staged(16);
    std::ostream out(&staged);
    out << numbered_text(100);
    std::ostringstream dest;
    dest.setstate(std::ios::badbit);
    CHECK_FALSE(staged.commit(dest));
}

TEST_CASE("JSON to a stream in pieces: the same text as into one string", "[report][json]") {
    auto write = [](onus::JsonStream& w) {
        w.begin_object();
        w.key("clauses");
        w.begin_array();
        for (int i = 0; i < 5000; ++i) {
            w.begin_object();
            w.member("id", std::to_string(i) + ".1");
            w.member("text", numbered_text(static_cast<std::size_t>(i % 97) * 3) + "\t\"quoted\"");
            w.key("tags");
            w.begin_array();
            w.end_array();
            w.end_object();
        }
        w.end_array();
        w.end_object();
        w.raw("\n");
    };
    std::string whole;
    onus::JsonStream into_string(whole, 2);
    write(into_string);
    REQUIRE(whole.size() > 3 * onus::JsonStream::kPieceBytes);

    std::ostringstream pieces;
    onus::JsonStream into_stream(pieces, 2);
    write(into_stream);
    CHECK(pieces.str().size() < whole.size());  // some held back until flush()
    into_stream.flush();
    CHECK(pieces.str() == whole);
}
