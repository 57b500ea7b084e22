// Fuzz target: any bytes as a rule-pack file. The input is written as the
// only rule file of a scratch pack folder, which is then loaded
// (load_rule_pack: stops at the first problem) and linted (lint_rule_packs:
// reads every rule, compiles every pattern, runs every example). The only
// acceptable outcomes are a pack, a list of issues, or an onus::Error;
// anything else (a crash, another exception, a hang, a sanitizer report) is
// a bug. YAML aliases are worth the attention: yaml-cpp shares an aliased
// node instead of copying it, so a "billion laughs" file is small in memory
// but a walk over it that does not stop at the first wrong type would be
// exponential.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "onus/patterns.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::filesystem::path& folder = onus::fuzz::scratch_folder("fuzz_patterns");
    onus::fuzz::write_file(folder / "pack.yaml", bytes);
    const std::vector<std::string> folders{folder.string()};
    try {
        onus::RulePack pack = onus::load_rule_pack(folders);
        // A pack that loads has rules with valid ids; its examples run too.
        for (const onus::Rule& rule : pack.rules()) ONUS_FUZZ_CHECK(!rule.id.empty());
        (void)onus::test_rule_pack(pack);
    } catch (const onus::Error&) {
    }
    try {
        std::vector<onus::PackIssue> issues = onus::lint_rule_packs(folders);
        for (const onus::PackIssue& issue : issues) ONUS_FUZZ_CHECK(!issue.message.empty());
    } catch (const onus::Error&) {
    }
    return 0;
}
