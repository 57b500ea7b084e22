// patterns/compiled.hpp: the compiled form of a rule pack (RulePack::Impl).
//
// Only translation units built with the library's regex budget may include
// this: on Debian's Boost 1.74, BOOST_REGEX_MAX_STATE_COUNT is silently
// ignored unless BOOST_REGEX_NO_EXTERNAL_TEMPLATES makes the matcher
// templates instantiate here (../shared/docs/hostile-input.md). Without the
// budget, `(a+)+$` on one long clause costs seconds instead of milliseconds,
// so refuse to build rather than lose the protection silently.
#pragma once

#if !defined(BOOST_REGEX_NO_EXTERNAL_TEMPLATES)
#error "src/patterns needs -DBOOST_REGEX_NO_EXTERNAL_TEMPLATES (see hostile-input.md, regular expressions)"
#endif
#if !defined(BOOST_REGEX_MAX_STATE_COUNT)
#error "src/patterns needs -DBOOST_REGEX_MAX_STATE_COUNT=N (see hostile-input.md, regular expressions)"
#endif

#include <boost/regex/icu.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "onus/patterns.hpp"
#include "patterns/literal_scanner.hpp"
#include "patterns/pack_internal.hpp"
#include "patterns/pattern_filter.hpp"

namespace onus {

struct RulePack::Impl {
    struct Pattern {
        boost::u32regex regex;
        patterns_detail::Prefilter prefilter;
        // The pattern in the pack's filter, which holds its prefilter as
        // atom ids of the pack's scanner: what a match() checks.
        patterns_detail::PatternFilter::Id filter_id = 0;
        // make_prefixes(): where a match can start. Empty: anywhere.
        std::vector<std::string> prefixes;
    };
    struct Compiled {
        std::vector<Pattern> patterns;
        std::vector<Pattern> unless;
    };

    // Never resized once built: RuleMatch and RuleFailure point into it.
    std::vector<Rule> rules;
    std::vector<Compiled> compiled;  // parallel to rules
    Baseline baseline;
    // Indices into rules, per RuleKind, in pack order.
    std::array<std::vector<std::size_t>, kRuleKindCount> by_kind;
    // Every atom of every rule's prefilters: one pass over a text tells
    // which patterns, of every kind, are worth running (prepare()).
    patterns_detail::LiteralScanner scanner;
    // Every pattern's prefilter over the scanner's atoms.
    patterns_detail::PatternFilter filter;
};

struct PreparedText::State {
    const NormalizedText* text = nullptr;
    const RulePack::Impl* pack = nullptr;  // the ids below are this pack's
    std::string_view matched;              // the part of text->text that is matched (the cap)
    std::vector<unsigned char> candidate;  // per pattern filter id: the prefilter lets it through
    std::string lowered;                   // `matched` with ASCII letters lower-cased, when lowered_made
    bool lowered_made = false;
};

}  // namespace onus
