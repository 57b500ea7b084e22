#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include <boost/regex.hpp>

#include "onus/structure.hpp"

namespace onus {
namespace {

// The kinds of number a clause label can be, which decide nesting when the
// reader knows no list level: decimals nest by their dot depth; letters go
// under decimals; romans under letters.
enum class LabelShape { none, decimal, letter, roman, keyword, other };

bool is_roman(std::string_view s) {
    if (s.empty()) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return c == 'i' || c == 'v' || c == 'x' || c == 'l';
    });
}

struct Shape {
    LabelShape kind = LabelShape::none;
    int depth = 0;  // decimal: number of dotted components
    std::string core;  // the label without brackets and trailing dot
};

Shape shape_of(std::string_view label) {
    Shape s;
    std::string t(label);
    while (!t.empty() && (t.back() == '.' || t.back() == ' ')) t.pop_back();
    s.core = t;
    if (t.empty()) return s;
    static const boost::regex decimal(R"(^\d+(\.\d+)*$)");
    static const boost::regex keyword(R"(^(article|section|clause|schedule|annex|appendix|part|exhibit)\s+.+$)",
                                      boost::regex::icase);
    static const boost::regex bracketed(R"(^\(([A-Za-z]{1,4}|\d{1,3})\)$|^([A-Za-z]{1,4}|\d{1,3})\)?$)");
    boost::smatch m;
    if (boost::regex_match(t, decimal)) {
        s.kind = LabelShape::decimal;
        s.depth = static_cast<int>(std::count(t.begin(), t.end(), '.')) + 1;
    } else if (boost::regex_match(t, keyword)) {
        s.kind = LabelShape::keyword;
        s.depth = 1;
    } else if (boost::regex_match(t, m, bracketed)) {
        std::string inner = m[1].matched ? m[1].str() : m[2].str();
        if (std::isdigit(static_cast<unsigned char>(inner[0])))
            s.kind = LabelShape::decimal, s.depth = 3;
        else if (is_roman(inner) && inner != "i" && inner != "v" && inner != "x" && inner != "l")
            s.kind = LabelShape::roman;
        else if (inner.size() == 1)
            s.kind = LabelShape::letter;
        else
            s.kind = is_roman(inner) ? LabelShape::roman : LabelShape::letter;
    } else {
        s.kind = LabelShape::other;
    }
    return s;
}

std::string clause_id_core(std::string_view label) {
    std::string t(label);
    while (!t.empty() && (t.back() == '.' || t.back() == ' ')) t.pop_back();
    while (!t.empty() && t.front() == ' ') t.erase(t.begin());
    return t;
}

// A short line that heads the text after it: "Security" or "4. Security
// Incidents": capitalised, no final punctuation, a dozen words at most.
bool looks_like_heading_line(const Block& b) {
    if (b.text.empty() || b.text.size() > 120) return false;
    if (std::islower(static_cast<unsigned char>(b.text.front()))) return false;
    char last = b.text.back();
    if (last == '.' || last == ';' || last == ':' || last == ',') return false;
    return std::count(b.text.begin(), b.text.end(), ' ') < 12;
}

// "Security Incidents. Provider shall..." -> "Security Incidents": a run-in
// heading, as agreements write them after the number. Short, capitalised,
// ended by a period and followed by a capitalised sentence, and holding no
// verb that would make it a sentence of its own.
std::string run_in_heading(const std::string& text) {
    static const boost::regex pattern(
        R"(^([A-Z][A-Za-z0-9'’&,/\- ]{1,70}?)\.\s+(?=[A-Z“"(]))");
    static const boost::regex verb(R"(\b(shall|will|must|may|is|are|was|were|has|have|does|do|can|agrees?)\b)",
                                   boost::regex::icase);
    boost::smatch m;
    if (!boost::regex_search(text, m, pattern, boost::match_continuous)) return {};
    std::string heading = m[1];
    if (std::count(heading.begin(), heading.end(), ' ') > 6) return {};
    if (boost::regex_search(heading, verb)) return {};
    return heading;
}

// Headings also number with a capital letter or roman numeral and a
// period ("### A. Definitions", "II. Term"), which in body text would more
// often be an initial.
std::optional<TypedNumber> heading_letter(const std::string& text) {
    static const boost::regex pattern(R"(^\s*([A-Z]|[IVX]{1,5})\.\s+(?=\S))");
    boost::smatch m;
    if (!boost::regex_search(text, m, pattern, boost::match_continuous)) return std::nullopt;
    return TypedNumber{m[1].str() + ".", static_cast<std::size_t>(m.length(0))};
}

}  // namespace

std::optional<TypedNumber> typed_number(std::string_view text) {
    static const boost::regex pattern(
        R"(^\s*((?:(?:Article|ARTICLE|Section|SECTION|Clause|CLAUSE|Schedule|SCHEDULE|Annex|ANNEX|Appendix|APPENDIX|Part|PART|Exhibit|EXHIBIT)\s+(?:\d+(?:\.\d+)*|[IVXLC]+|[A-Z])\.?)|(?:\d{1,3}(?:\.\d{1,3}){0,5}\.?)|(?:\((?:[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]{1,2}|[IVXLC]{1,6}|\d{1,3})\))|(?:(?:[a-z]|[ivx]{1,4}|\d{1,3})\))|(?:(?:[a-z]|[ivx]{1,4})\.))(?:\s+|$))");
    std::string s(text.substr(0, std::min<std::size_t>(text.size(), 80)));
    boost::smatch m;
    if (!boost::regex_search(s, m, pattern, boost::match_continuous)) return std::nullopt;
    std::string label = m[1];
    // "2020 was a year" or "1 business day": a bare integer without a dot
    // followed by lower-case text is more often a quantity than a number.
    static const boost::regex bare_int(R"(^\d+$)");
    std::size_t after = static_cast<std::size_t>(m.length(0));
    if (boost::regex_match(label, bare_int)) {
        if (after >= s.size()) return std::nullopt;
        if (!std::isupper(static_cast<unsigned char>(s[after]))) return std::nullopt;
        if (label.size() > 2) return std::nullopt;
    }
    return TypedNumber{label, after};
}

void build_clauses(Document& doc) {
    doc.clauses.clear();
    // At most one clause per block (a paragraph unit or a clause opened by
    // it, the preamble taking the first block): reserving that much never
    // reallocates, and the capacity left unused is never touched, so it
    // costs no memory, where growing by doubling copies every Clause.
    doc.clauses.reserve(doc.blocks.size());
    std::map<std::string, int> used_ids;
    // Open clauses by level, to find parents: stack of clause indices.
    std::vector<std::size_t> stack;
    std::optional<std::size_t> current;
    int section_counter = 0;

    auto unique_id = [&](std::string id) {
        if (id.empty()) id.append(1, 's').append(std::to_string(++section_counter));  // (operator+ trips GCC 12's -Wrestrict)
        int& n = used_ids[id];
        ++n;
        return n == 1 ? id : id + "~" + std::to_string(n);
    };

    auto open_clause = [&](std::size_t block_index, const std::string& number, int level) {
        Clause c;
        c.number = number;
        c.level = std::max(1, level);
        c.source = doc.blocks[block_index].source;
        while (!stack.empty() && doc.clauses[stack.back()].level >= c.level) stack.pop_back();
        if (!stack.empty()) c.parent = stack.back();
        std::string core = clause_id_core(number);
        // "a." and "a)" read as "(a)" in an id, the form cross-references use.
        if (Shape shape = shape_of(number);
            (shape.kind == LabelShape::letter || shape.kind == LabelShape::roman) && core.front() != '(') {
            if (core.back() == ')') core.pop_back();
            core = "(" + core + ")";
        }
        // "(a)" is only meaningful under its parent: qualify it, "4.2(a)".
        // So is a one-part number of a list nested under a numbered clause
        // (Markdown writes "1." at every level): "1." under "3" is "3.1".
        if (!core.empty() && c.parent && !doc.clauses[*c.parent].number.empty()) {
            const std::string& parent_id = doc.clauses[*c.parent].id;
            if (core.front() == '(')
                core = parent_id + core;
            else if (doc.blocks[block_index].list_level >= 0 && !doc.blocks[block_index].label_typed &&
                     core.find_first_of(". ") == std::string::npos)
                core = parent_id + "." + core;
        }
        c.id = unique_id(core);
        doc.clauses.push_back(std::move(c));
        stack.push_back(doc.clauses.size() - 1);
        current = doc.clauses.size() - 1;
    };

    // Body paragraphs after a clause's first one become paragraph units
    // under it ("4.2¶2"), so that every claim about a clause can point at
    // the paragraph that makes it. Each table row is a unit of its own: rows
    // of a security-measures table or a credit table each say one thing.
    std::map<std::size_t, int> paragraphs;  // clause -> paragraph units so far (its own text is ¶1)
    auto attach = [&](std::size_t block_index, std::string piece) {  // by value: moved into the clause
        if (!current) {
            Clause pre;
            pre.id = unique_id("preamble");
            pre.level = 1;
            pre.source = doc.blocks[block_index].source;
            doc.clauses.push_back(std::move(pre));
            current = doc.clauses.size() - 1;
        }
        std::size_t owner = *current;
        if (piece.empty() || doc.clauses[owner].text.empty()) {
            doc.clauses[owner].blocks.push_back(block_index);
            if (!piece.empty()) doc.clauses[owner].text = std::move(piece);
            return;
        }
        int& n = paragraphs[owner];
        if (n == 0) n = 1;
        Clause unit;
        unit.id = unique_id(doc.clauses[owner].id + "\u00B6" + std::to_string(++n));
        unit.level = doc.clauses[owner].level + 1;
        unit.parent = owner;
        unit.text = std::move(piece);
        unit.blocks.push_back(block_index);
        unit.source = doc.blocks[block_index].source;
        doc.clauses.push_back(std::move(unit));
    };

    // The level of the last decimal-or-keyword clause, under which letters
    // and romans typed by hand nest.
    int last_numeric_level = 0;
    int heading_base = 0;  // level of the last heading outside any list
    int last_letter_level = 0;
    // "(i)" reads as a letter unless "(ii)" follows with no "(h)" before it.
    bool last_letter_opened_run = false;  // the last letter was the first since a number
    std::string last_letter_core;

    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        Block& b = doc.blocks[i];
        if (b.kind != BlockKind::paragraph && b.kind != BlockKind::table_row) continue;
        if (b.kind == BlockKind::table_row || b.table_depth > 0) {
            attach(i, b.text);
            continue;
        }
        if (b.label.empty() && !b.numbers_marked) {
            auto typed = typed_number(b.text);
            if (!typed && b.heading_level > 0) typed = heading_letter(b.text);
            if (typed) {
                b.label = typed->label;
                b.label_typed = true;
                b.text = b.text.substr(typed->text_start);
                for (auto& m : b.changes) {
                    m.start = m.start >= typed->text_start ? m.start - typed->text_start : 0;
                    m.end = m.end >= typed->text_start ? m.end - typed->text_start : 0;
                }
                for (auto& n : b.notes) n.offset = n.offset >= typed->text_start ? n.offset - typed->text_start : 0;
            }
        }
        bool numbered = !b.label.empty() && !b.label_is_bullet;
        if (!numbered && b.heading_level == 0) {
            std::string piece = b.label.empty() ? b.text : b.label + " " + b.text;
            attach(i, std::move(piece));
            continue;
        }
        Shape shape = shape_of(b.label);
        int level;
        if (b.label_typed && shape.kind == LabelShape::decimal && b.heading_level == 0) {
            // A typed "4.2" belongs under the open clause numbered "4",
            // whatever level the writer's headings put that one at.
            level = heading_base + shape.depth;
            auto dot = shape.core.rfind('.');
            if (dot != std::string::npos) {
                std::string prefix = shape.core.substr(0, dot);
                for (auto it = stack.rbegin(); it != stack.rend(); ++it)
                    if (clause_id_core(doc.clauses[*it].number) == prefix) {
                        level = doc.clauses[*it].level + 1;
                        break;
                    }
            }
        } else if (b.heading_level > 0) {
            level = b.heading_level;
        } else if (b.list_level >= 0 && !b.label_typed) {
            // List levels count from the enclosing heading when headings are
            // not part of the list (Markdown, unnumbered Word headings).
            level = heading_base + b.list_level + 1;
        } else {
            switch (shape.kind) {
                case LabelShape::decimal: level = shape.depth; break;
                case LabelShape::keyword: level = 1; break;
                case LabelShape::letter: level = last_numeric_level + 1; break;
                case LabelShape::roman:
                    level = last_letter_opened_run && last_letter_core == "i"
                                ? last_letter_level
                                : std::max(last_letter_level, last_numeric_level + 1) + 1;
                    break;
                default: level = last_numeric_level + 1; break;
            }
        }
        if (shape.kind == LabelShape::decimal || shape.kind == LabelShape::keyword) last_numeric_level = level;
        if (shape.kind == LabelShape::decimal || shape.kind == LabelShape::keyword) last_letter_core.clear();
        if (shape.kind == LabelShape::letter) {
            last_letter_opened_run = last_letter_core.empty() || level > last_letter_level;
            last_letter_level = level;
            last_letter_core = shape.core;
            while (!last_letter_core.empty() && !std::isalpha(static_cast<unsigned char>(last_letter_core.front())))
                last_letter_core.erase(last_letter_core.begin());
            while (!last_letter_core.empty() && !std::isalpha(static_cast<unsigned char>(last_letter_core.back())))
                last_letter_core.pop_back();
        }
        if (b.heading_level > 0) heading_base = b.list_level >= 0 && !b.label_typed ? 0 : level;
        open_clause(i, b.label, level);
        Clause& c = doc.clauses.back();
        c.blocks.push_back(i);
        // A heading paragraph, or a short numbered line followed by an
        // unnumbered body paragraph, is the clause's heading.
        bool heading = b.heading_level > 0;
        if (!heading && looks_like_heading_line(b) && i + 1 < doc.blocks.size()) {
            const Block& next = doc.blocks[i + 1];
            if (next.kind == BlockKind::paragraph && next.heading_level == 0) {
                auto typed = next.label.empty() ? typed_number(next.text) : std::nullopt;
                if (next.label.empty() && !typed) {
                    heading = true;  // body text follows
                } else if (!next.label.empty() && next.list_level >= 0 && b.list_level >= 0) {
                    heading = next.list_level > b.list_level;  // a deeper clause follows
                } else {
                    Shape mine = shape, theirs = shape_of(typed ? typed->label : next.label);
                    heading = (theirs.kind == LabelShape::decimal && mine.kind == LabelShape::decimal &&
                               theirs.depth > mine.depth) ||
                              ((mine.kind == LabelShape::decimal || mine.kind == LabelShape::keyword) &&
                               (theirs.kind == LabelShape::letter || theirs.kind == LabelShape::roman)) ||
                              (mine.kind == LabelShape::keyword && theirs.kind == LabelShape::decimal);
                }
            }
        }
        if (heading) {
            c.heading = b.text;
        } else {
            // The run-in heading stays in the text too: it is part of the
            // sentence a reader sees, and rules may key on it.
            c.heading = run_in_heading(b.text);
            c.text = b.text;
        }
    }
}

}  // namespace onus
