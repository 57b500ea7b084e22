// Word's automatic numbering, rendered the way Word renders it.
//
// numbering.xml holds abstract numbering definitions (w:abstractNum, nine
// levels each: start, numFmt, lvlText "%1.%2(%3)", isLgl, lvlRestart, suff)
// and numbering instances (w:num) that point at one and may override levels
// (w:lvlOverride with w:startOverride or a whole w:lvl). Paragraphs reference
// an instance by numId and a level (ilvl), directly or through their style.
// This module holds those definitions and the running counters, and turns
// (numId, ilvl) into the label a reader sees: "4.2(a)", "Article IV", "•".
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "onus/error.hpp"

namespace pugi { class xml_node; }

namespace onus::docx {

// One level of a numbering definition (w:lvl).
struct Level {
    int start = 1;                   // w:start; Word reads a missing w:start as 0, not 1
    std::string format = "decimal";  // w:numFmt, resolved: decimal, lowerLetter, upperRoman, bullet, ...;
                                     // a zero-padded custom w:format becomes "decimalZero" (2 digits)
                                     // or stays as its pattern, e.g. "001, 002, 003, ..."
    std::string text;                // w:lvlText, e.g. "%1.%2."; for bullets, the bullet character
    bool is_legal = false;           // w:isLgl: show every level as decimal
    int restart = -1;                // w:lvlRestart: restart after this (1-based) level; -1 = after any higher level; 0 = never
    std::string suffix = "tab";      // w:suff: tab, space, nothing
    std::string style;               // w:pStyle: the paragraph style linked to this level
    std::string font;                // w:rPr/w:rFonts w:ascii: says how a Symbol/Wingdings bullet byte must be read
};

struct AbstractNum {
    std::string id;
    std::vector<std::optional<Level>> levels;  // 9 entries (fewer are padded); nullopt = no w:lvl for that ilvl
    std::string num_style_link;      // w:numStyleLink: take levels from the style's numbering
    std::string style_link;          // w:styleLink
};

// A w:num instance: its abstract number and per-level overrides.
struct NumInstance {
    std::string id;
    std::string abstract_id;
    std::map<int, int> start_overrides;  // ilvl -> start
    std::map<int, Level> level_overrides;  // ilvl -> replacement level
};

// Definitions plus the counters that advance as paragraphs are read, in
// document order. Not thread-safe; one per document being read.
//
// ilvl outside 0..8 is treated as "no such level" (label "", no counter
// moves) rather than clamped: Word never writes one, and guessing a level
// would advance a counter the author never used.
class Numbering {
public:
    // Read the definitions from numbering.xml's root element (w:numbering),
    // transitional or strict namespace. Unknown formats are kept and
    // rendered as decimal, with one diagnostic per format in `warnings`.
    void load(const pugi::xml_node& numbering_root, std::vector<Diagnostic>& warnings);

    // Add definitions directly (tests, other formats). The first definition
    // of an id wins, as in load().
    void add_abstract(AbstractNum abstract);
    void add_instance(NumInstance instance);

    // Resolve `style_id`'s numbering link (styles.xml, "style w:numPr") so
    // that numStyleLink/styleLink chains can be followed: style -> numId.
    // May be called before or after load(); links are followed lazily.
    void link_style(const std::string& style_id, const std::string& num_id);

    // Advance the counter of (num_id, ilvl) for one more paragraph and return
    // its rendered label ("" when the instance or level does not exist, or
    // num_id is "0", which means "numbering removed"). Counters restart as
    // Word does: lower levels restart when a higher level advances (unless
    // lvlRestart says otherwise). All instances of one abstract number are
    // one list and share its counters; an instance's startOverride resets
    // the shared counter once, at that instance's first paragraph of the
    // level, and the other instances then continue from there.
    std::string next(const std::string& num_id, int ilvl);

    // The label next() would return, without advancing anything: for a
    // paragraph that is shown but must not count (a tracked-deleted one
    // shown for context), or to look ahead. A paragraph that must not count
    // and need not be shown simply gets no call at all.
    std::string peek(const std::string& num_id, int ilvl) const;

    // The level definition that applies to (num_id, ilvl), overrides and
    // numStyleLink taken into account; nullptr when none. The pointer stays
    // valid until the next load/add_*/link_style call.
    const Level* level(const std::string& num_id, int ilvl) const;

    // True when (num_id, ilvl) renders a bullet rather than a number.
    bool is_bullet(const std::string& num_id, int ilvl) const;

    // The ilvl of num_id whose w:pStyle is `style_id`, or -1: a paragraph
    // that gets its numbering from a style linked to a level uses that level.
    int level_for_style(const std::string& num_id, const std::string& style_id) const;

    // Diagnostics found after load(): unknown formats met only while
    // rendering (definitions given through add_abstract/add_instance).
    std::vector<Diagnostic>& warnings() { return warnings_; }

private:
    // The running state of one list (one abstract number).
    struct Counters {
        int value[9] = {};
        bool used[9] = {};  // false: never used, or restarted and not used since
        std::set<std::pair<std::string, int>> overrides_applied;  // (numId, ilvl) whose startOverride has fired
    };

    const AbstractNum* resolve_abstract(const std::string& abstract_id) const;
    const NumInstance* instance(const std::string& num_id) const;
    std::string counter_key(const NumInstance& inst) const;
    void advance(const std::string& num_id, int ilvl, Counters& counters) const;
    std::string render(const std::string& num_id, int ilvl, const Counters& counters) const;
    void note_format(const std::string& format, std::vector<Diagnostic>& sink);
    void invalidate() { effective_.clear(); }

    std::map<std::string, AbstractNum> abstracts_;
    std::map<std::string, NumInstance> instances_;
    std::map<std::string, std::string> style_nums_;
    std::map<std::string, Counters> counters_;  // keyed by the (numStyleLink-resolved) abstract id
    mutable std::map<std::pair<std::string, int>, std::optional<Level>> effective_;  // level() cache
    std::vector<std::string> reported_formats_;
    std::vector<Diagnostic> warnings_;
};

// Render one number in a numFmt: format_number(4, "lowerRoman") == "iv".
// Supports decimal, decimalZero, upperLetter, lowerLetter, upperRoman,
// lowerRoman, ordinal ("1st"), cardinalText ("One"), ordinalText ("First"),
// decimalEnclosedParen ("(1)"), decimalEnclosedCircle ("①"), bullet and
// none (both ""), a zero-padded custom pattern ("001, 002, 003, ..."), and
// a few more (chicago, numberInDash, decimalFullWidth, decimalFullWidth2,
// decimalHalfWidth, decimalEnclosedFullstop); anything else renders as
// decimal and sets *known to false.
std::string format_number(int value, const std::string& format, bool* known = nullptr);

}  // namespace onus::docx
