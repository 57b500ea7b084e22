// Fuzz target: a regular expression and a text. The input splits at its
// first NUL (else its first newline) into a pattern and a text; the pattern
// becomes the one pattern of a domain rule in a scratch pack (a YAML
// single-quoted scalar, quotes doubled), which is loaded (a bad pattern is an
// onus::Error, fine) and matched against the normalised text. Properties:
// matching finishes (Boost's state budget turns a catastrophic pattern into
// a RuleFailure; libFuzzer's -timeout catches a hang), nothing but
// onus::Error escapes, and every match is a span of the original text that
// names a rule of the pack.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "onus/patterns.hpp"
#include "onus/text.hpp"

namespace {

// A YAML single-quoted scalar: only the quote needs escaping (doubled).
// Line breaks inside it fold to spaces, which only changes the pattern
// tried, not the property.
std::string single_quoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

std::string rule_file(std::string_view pattern) {
    return "kind: domain\n"
           "rules:\n"
           "  - id: fuzz.pattern\n"
           "    domain: data\n"
           "    description: The fuzzed pattern.\n"
           "    patterns:\n"
           "      - " + single_quoted(pattern) + "\n"
           "    examples:\n"
           "      match: [\"x\"]\n"
           "      no_match: [\"y\"]\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto [pattern_bytes, text_bytes] = onus::fuzz::split_input(bytes, true);
    // Rule files must be UTF-8 (the loader refuses others): repair the
    // pattern so that the fuzzer spends its time on regular expressions.
    const std::string pattern = onus::sanitize_utf8(pattern_bytes);
    const std::string text = onus::sanitize_utf8(text_bytes);

    static const bool verbose = std::getenv("ONUS_FUZZ_VERBOSE") != nullptr;  // to read a reproducer
    const std::filesystem::path& folder = onus::fuzz::scratch_folder("fuzz_matcher");
    onus::fuzz::write_file(folder / "pack.yaml", rule_file(pattern));
    onus::RulePack pack;
    try {
        pack = onus::load_rule_pack({folder.string()});
    } catch (const onus::Error& e) {
        if (verbose) std::fprintf(stderr, "pattern refused: %s\n", e.what());
        return 0;
    }
    const onus::NormalizedText normalized = onus::normalize(text);
    std::vector<onus::RuleFailure> failures;
    const std::vector<onus::RuleMatch> matches = pack.match(normalized, onus::RuleKind::domain, &failures);
    std::size_t previous_start = 0;
    for (const onus::RuleMatch& m : matches) {
        ONUS_FUZZ_CHECK(m.rule != nullptr);
        ONUS_FUZZ_CHECK(m.rule >= pack.rules().data() && m.rule < pack.rules().data() + pack.rules().size());
        ONUS_FUZZ_CHECK(m.start <= m.end);
        ONUS_FUZZ_CHECK(m.end <= text.size());
        ONUS_FUZZ_CHECK(m.start >= previous_start);  // "in text order"
        previous_start = m.start;
    }
    for (const onus::RuleFailure& f : failures) ONUS_FUZZ_CHECK(!f.message.empty());
    if (verbose) {
        std::fprintf(stderr, "%zu matches, %zu failures\n", matches.size(), failures.size());
        for (const onus::RuleFailure& f : failures) std::fprintf(stderr, "  failure: %s\n", f.message.c_str());
    }
    // Kinds with no rules in this pack must match nothing.
    ONUS_FUZZ_CHECK(pack.match(normalized, onus::RuleKind::modality).empty());
    return 0;
}
