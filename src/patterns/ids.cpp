// patterns/ids.cpp: the identifiers the responsibility model fixes
// (../shared/docs/responsibility-model.md). Labels, tests and users' scripts
// key on them, so rule packs may use them but never add or rename one.
#include "onus/patterns.hpp"

namespace onus {

const char* to_string(RuleKind kind) noexcept {
    switch (kind) {
        case RuleKind::domain: return "domain";
        case RuleKind::modality: return "modality";
        case RuleKind::party: return "party";
        case RuleKind::carveout: return "carveout";
        case RuleKind::baseline: return "baseline";
        case RuleKind::model: return "model";
    }
    return "unknown";
}

const std::vector<std::string>& domain_ids() {
    static const std::vector<std::string> ids{
        "application", "platform",       "endpoint",   "data",     "network",  "identity",
        "workloads",   "apis",           "infrastructure", "compliance", "incident", "availability"};
    return ids;
}

const std::vector<std::string>& party_ids() {
    static const std::vector<std::string> ids{"provider", "customer", "shared", "none"};
    return ids;
}

const std::vector<std::string>& modality_ids() {
    static const std::vector<std::string> ids{"obligation", "prohibition", "efforts",
                                              "permission", "disclaimer",  "statement"};
    return ids;
}

const std::vector<std::string>& model_ids() {
    static const std::vector<std::string> ids{"saas", "paas", "iaas"};
    return ids;
}

}  // namespace onus
