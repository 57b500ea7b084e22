// Text under tracked changes, shared by the readers of formats that record
// revisions (DOCX, Word 2003 XML, ODT): what a revision does in each view,
// and the text of a paragraph being assembled with its change marks and
// note references.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "onus/document.hpp"
#include "onus/ingest.hpp"

namespace onus::ingest {

// What a tracked change does to the text it wraps.
enum class Revision { none, inserted, deleted, moved_from, moved_to };

struct RevisionInfo {
    Revision kind = Revision::none;
    std::string author;
    std::string date;
};

// True when text under `r` is not shown in `view`: deletions (and text
// moved away) once accepted, insertions (and text moved here) once rejected.
inline bool removed_in(Revision r, ChangeView view) {
    if (view == ChangeView::accept) return r == Revision::deleted || r == Revision::moved_from;
    if (view == ChangeView::reject) return r == Revision::inserted || r == Revision::moved_to;
    return false;
}

inline ChangeMark::Kind mark_kind(Revision r) {
    switch (r) {
        case Revision::deleted: return ChangeMark::Kind::deletion;
        case Revision::moved_from: return ChangeMark::Kind::move_from;
        case Revision::moved_to: return ChangeMark::Kind::move_to;
        default: return ChangeMark::Kind::insertion;
    }
}

// Text of a paragraph being assembled, with its change marks and notes.
struct Inline {
    std::string text;
    std::vector<ChangeMark> changes;
    std::vector<NoteRef> notes;
    bool empty() const { return text.empty() && notes.empty(); }

    // Append `other`, shifting its marks and note offsets.
    void append(const Inline& other) {
        std::size_t shift = text.size();
        text += other.text;
        for (ChangeMark m : other.changes) {
            m.start += shift;
            m.end += shift;
            changes.push_back(std::move(m));
        }
        for (NoteRef n : other.notes) {
            n.offset += shift;
            notes.push_back(std::move(n));
        }
    }
};

// A paragraph whose mark a view removes (a deleted paragraph break once
// accepted, an inserted one once rejected) joins the paragraph after it,
// which lends the joined paragraph its properties and its number; so a
// wholly deleted numbered paragraph never advances the numbering.
class MarkJoiner {
public:
    // Put in front of `content` what an earlier paragraph carried.
    void join_into(Inline& content) {
        if (!carry_) return;
        Inline joined = std::move(*carry_);
        carry_.reset();
        joined.append(content);
        content = std::move(joined);
    }

    // Keep `content` (paragraph `index`) to join the next paragraph.
    void carry(Inline content, std::size_t index) {
        carry_ = std::move(content);
        carry_index_ = index;
    }

    // What is still carried when its container ends (the last paragraph of
    // a cell or of the body): it stands alone. Nothing when empty.
    std::optional<std::pair<Inline, std::size_t>> flush() {
        if (!carry_) return std::nullopt;
        Inline content = std::move(*carry_);
        carry_.reset();
        if (content.empty()) return std::nullopt;
        return std::make_pair(std::move(content), carry_index_);
    }

private:
    std::optional<Inline> carry_;
    std::size_t carry_index_ = 0;
};

}  // namespace onus::ingest
