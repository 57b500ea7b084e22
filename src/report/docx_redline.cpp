// `onus diff --format docx`: the new version as a Word document with tracked
// changes against the old one, and each responsibility shift as a comment.
//
// Plan: every clause of the new document, in order, is an item (paired with
// its old clause, or added); every old clause with no place there (deleted,
// or the source of a move) is an item placed right after the item holding
// the old clause before it. Each item becomes paragraphs of atoms (text with
// a revision mark), and the atoms become WordprocessingML built with
// pugixml, zipped with libzip in memory.
#include "onus/report_docx.hpp"

#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "onus/diff.hpp"
#include "onus/error.hpp"
#include "onus/text.hpp"
#include "ingest/xml.hpp"
#include "report/docx_redline_source.hpp"

namespace onus {
namespace {

const char* const kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const char* const kAuthor = "onus";
const char* const kWhere = "docx redline";

// ------------------------------------------------------------------ model

// The revision a piece of text (or a paragraph mark) carries.
enum class Mark { none, ins, del, move_from, move_to };

struct Atom {
    Mark mark = Mark::none;
    std::string text;
    bool bold = false;
    bool label = false;  // a typed number label (or the space after it)
};

using redline::ParaFormat;

struct Para {
    std::string style = "Clause";
    int level = 1;
    Mark mark = Mark::none;  // the paragraph mark's own revision
    std::vector<Atom> atoms;
    // Where the paragraph comes from on each side it shows, and the clause
    // number it starts with there ("" for none): what OLD's formatting and
    // numbering are looked up by.
    const Block* old_src = nullptr;
    const Block* new_src = nullptr;
    std::string old_label, new_label;
    // OLD's formatting kept: the properties in the reject view (before) and
    // the accept view (now); unset when onus's own layout is used.
    std::optional<ParaFormat> before, now;
};

struct Item {
    std::vector<Para> paras;
    const Change* commented = nullptr;  // its shifts become comments on this item
    Mark move = Mark::none;             // move_from / move_to: wrapped in a named move range
    std::size_t move_number = 0;
};

// One step of text on either side: `equal` text is byte-identical on both.
struct Seg {
    Edit::Op op = Edit::Op::equal;
    std::string text;
};

// How an item shows the two sides: which are visible and what mark each
// kind of text (and every paragraph mark) gets.
struct Mode {
    bool show_old = true, show_new = true;
    Mark equal = Mark::none, del = Mark::del, ins = Mark::ins;
    std::optional<Mark> para;  // every paragraph mark (one-sided items); unset: from the breaks
};

const Mode kPaired{};
const Mode kAdded{false, true, Mark::ins, Mark::del, Mark::ins, Mark::ins};
const Mode kDeleted{true, false, Mark::del, Mark::del, Mark::ins, Mark::del};
const Mode kMoveFrom{true, false, Mark::move_from, Mark::del, Mark::ins, Mark::move_from};
const Mode kMoveTo{false, true, Mark::move_to, Mark::del, Mark::ins, Mark::move_to};

// ------------------------------------------------------------------ segments

// Edits as segments whose `equal` text is identical on both sides: an
// equal edit that differs in bytes (whitespace, quotes, case under the
// default normalised diff) becomes a deletion and an insertion, so that
// rejecting every change gives the old text exactly.
std::vector<Seg> segments_of(const std::vector<Edit>& edits) {
    std::vector<Seg> out;
    auto push = [&](Edit::Op op, const std::string& text) {
        if (text.empty()) return;
        if (!out.empty() && out.back().op == op) out.back().text += text;
        else out.push_back({op, text});
    };
    for (const Edit& e : edits) {
        if (e.op == Edit::Op::equal && e.old_text == e.new_text) {
            push(Edit::Op::equal, e.new_text);
        } else if (e.op == Edit::Op::equal) {
            // Equal once normalised: an exact diff finds the bytes that
            // differ (a re-wrapped line is one space for one '\n', not
            // the whole sentence replaced).
            DiffOptions exact;
            exact.exact = true;
            for (const Edit& x : diff_words(e.old_text, e.new_text, exact)) {
                if (x.op == Edit::Op::equal && x.old_text == x.new_text) {
                    push(Edit::Op::equal, x.new_text);
                } else {
                    push(Edit::Op::del, x.old_text);
                    push(Edit::Op::insert, x.new_text);
                }
            }
        } else {
            push(Edit::Op::del, e.old_text);
            push(Edit::Op::insert, e.new_text);
        }
    }
    return out;
}

std::vector<Seg> segments_between(const std::string& old_text, const std::string& new_text) {
    if (old_text == new_text) return segments_of({Edit{Edit::Op::equal, old_text, new_text}});
    return segments_of(diff_words(old_text, new_text));
}

// True when the edits tile both texts as the redline joins them (main
// clause first, as compare_versions joins split and merge pieces, fails
// when a piece comes before its main clause): else they are diffed again.
bool tiles(const std::vector<Edit>& edits, const std::string& old_text, const std::string& new_text) {
    std::string o, n;
    for (const Edit& e : edits) {
        o += e.old_text;
        n += e.new_text;
    }
    return o == old_text && n == new_text;
}

// ------------------------------------------------------------------ one side of an item

// A clause with its merge/split pieces: the texts joined by '\n' (as
// compare_versions joins them), where the joins stand, and the heading
// spans that are shown bold.
struct SideText {
    std::vector<const Clause*> clauses;  // main and pieces, in document order
    std::string joined;
    std::vector<std::size_t> breaks;     // offsets of the joining '\n'
    std::vector<std::pair<std::size_t, std::size_t>> bold;
    const Document* doc = nullptr;

    SideText() = default;
    SideText(const Document& d, std::optional<std::size_t> main, const std::vector<std::size_t>& also) : doc(&d) {
        if (!main) return;
        // Pieces in document order: the aligner may name a piece before
        // its main clause (a split whose second half kept the match).
        std::vector<std::size_t> order{*main};
        order.insert(order.end(), also.begin(), also.end());
        std::sort(order.begin(), order.end());
        for (std::size_t i : order) clauses.push_back(&d.clauses[i]);
        for (std::size_t k = 0; k < clauses.size(); ++k) {
            if (k) {
                breaks.push_back(joined.size());
                joined += '\n';
            }
            const Clause& c = *clauses[k];
            // A run-in heading ("Backups. Provider shall ...") is already the
            // start of the text: bold it there.
            if (!c.heading.empty() && c.text.compare(0, c.heading.size(), c.heading) == 0)
                bold.emplace_back(joined.size(), joined.size() + c.heading.size());
            joined += c.text;
        }
    }

    bool is_bold(std::size_t pos) const {
        for (const auto& [b, e] : bold)
            if (pos >= b && pos < e) return true;
        return false;
    }
};

std::string label_of(const Clause* c) { return c ? c->number : std::string(); }

// The heading when the text does not already start with it (a heading
// paragraph has an empty text): shown bold before the text, or as a
// paragraph of its own when `own_paragraph`.
std::string heading_prefix(const Clause* c, bool own_paragraph) {
    if (!c || c->heading.empty() || c->text.compare(0, c->heading.size(), c->heading) == 0) return {};
    return c->text.empty() || own_paragraph ? c->heading : c->heading + " ";
}

// The clause's heading was a paragraph of its own, its text the next one.
bool heading_apart(const Clause* c) {
    return c && !c->heading.empty() && !c->text.empty() && c->blocks.size() >= 2 &&
           c->text.compare(0, c->heading.size(), c->heading) != 0;
}

// The number labels of the two sides: unchanged, or the old one deleted and
// the new one inserted; then the space before the text.
std::vector<Seg> label_segments(const Clause* o, const Clause* n) {
    std::string lo = label_of(o), ln = label_of(n);
    std::vector<Seg> out;
    if (lo == ln) {
        if (!lo.empty()) out.push_back({Edit::Op::equal, lo + " "});
        return out;
    }
    if (!lo.empty() && !ln.empty()) {
        out.push_back({Edit::Op::del, lo});
        out.push_back({Edit::Op::insert, ln});
        out.push_back({Edit::Op::equal, " "});
    } else if (!lo.empty()) {
        out.push_back({Edit::Op::del, lo + " "});
    } else {
        out.push_back({Edit::Op::insert, ln + " "});
    }
    return out;
}

std::string style_of(const Clause& c) {
    if (c.text.empty() && !c.heading.empty()) return "Heading" + std::to_string(std::clamp(c.level, 1, 9));
    return "Clause";
}

// ------------------------------------------------------------------ item builder

// Turns the segments of one item into paragraphs, cutting at the joins of
// split/merge pieces and at heading spans.
class ItemBuilder {
public:
    // `keep_layout`: OLD's paragraphs are kept as they were (a heading
    // paragraph stays apart from the text after it).
    ItemBuilder(const SideText& old_side, const SideText& new_side, const Mode& mode, bool keep_layout)
        : old_(old_side), new_(new_side), mode_(mode), keep_layout_(keep_layout) {}

    std::vector<Para> build(const std::vector<Seg>& body) {
        const Clause* o = old_.clauses.empty() ? nullptr : old_.clauses[0];
        const Clause* n = new_.clauses.empty() ? nullptr : new_.clauses[0];
        start_para(o, n);
        add_segments(label_segments(o, n), false, true);
        const bool apart = keep_layout_ && heading_apart_on_shown_sides(o, n);
        // A heading paragraph's look is its style's when OLD's styles are
        // kept; onus's own layout shows it bold.
        add_segments(segments_between(heading_prefix(o, apart), heading_prefix(n, apart)), !keep_layout_);
        if (apart) start_para(o, n, 1);
        for (const Seg& s : body) add_body(s);
        return std::move(paras_);
    }

private:
    bool visible(Edit::Op op) const {
        return op == Edit::Op::equal || (op == Edit::Op::del ? mode_.show_old : mode_.show_new);
    }
    Mark mark_of(Edit::Op op) const {
        return op == Edit::Op::equal ? mode_.equal : op == Edit::Op::del ? mode_.del : mode_.ins;
    }

    bool heading_apart_on_shown_sides(const Clause* o, const Clause* n) const {
        const Clause* shown_old = mode_.show_old ? o : nullptr;
        const Clause* shown_new = mode_.show_new ? n : nullptr;
        return (shown_old || shown_new) && (!shown_old || heading_apart(shown_old)) &&
               (!shown_new || heading_apart(shown_new));
    }

    // A paragraph for `o` / `n`, standing for their block number `block`
    // (0: where the clause and its number start; 1: the text after a
    // heading paragraph).
    void start_para(const Clause* o, const Clause* n, std::size_t block = 0) {
        Para p;
        const Clause* c = n && mode_.show_new ? n : o ? o : n;
        if (c) {
            p.style = block ? "Clause" : style_of(*c);
            p.level = c->level;
        }
        if (mode_.para) p.mark = *mode_.para;
        if (mode_.show_old && o) {
            p.old_src = source_block(old_, *o, block);
            if (!block) p.old_label = o->number;
        }
        if (mode_.show_new && n) {
            p.new_src = source_block(new_, *n, block);
            if (!block) p.new_label = n->number;
        }
        paras_.push_back(std::move(p));
    }

    static const Block* source_block(const SideText& side, const Clause& c, std::size_t k) {
        if (!side.doc || k >= c.blocks.size() || c.blocks[k] >= side.doc->blocks.size()) return nullptr;
        return &side.doc->blocks[c.blocks[k]];
    }

    void emit(Edit::Op op, std::string text, bool bold, bool label = false) {
        if (text.empty() || !visible(op)) return;
        Mark m = mark_of(op);
        std::vector<Atom>& atoms = paras_.back().atoms;
        if (!atoms.empty() && atoms.back().mark == m && atoms.back().bold == bold && atoms.back().label == label)
            atoms.back().text += text;
        else
            atoms.push_back({m, std::move(text), bold, label});
    }

    void add_segments(const std::vector<Seg>& segs, bool bold, bool label = false) {
        for (const Seg& s : segs) emit(s.op, s.text, bold, label);
    }

    // A body segment advances the old position (equal, del) and the new
    // position (equal, insert); a join of pieces inside it ends the
    // paragraph.
    void add_body(const Seg& s) {
        const bool on_old = s.op != Edit::Op::insert, on_new = s.op != Edit::Op::del;
        const std::size_t len = s.text.size();
        std::vector<std::size_t> cuts{0, len};
        auto collect = [&](const SideText& side, std::size_t pos) {
            for (std::size_t b : side.breaks)
                if (b >= pos && b < pos + len) {
                    cuts.push_back(b - pos);
                    cuts.push_back(b - pos + 1);
                }
            for (const auto& [b, e] : side.bold) {
                if (b > pos && b < pos + len) cuts.push_back(b - pos);
                if (e > pos && e < pos + len) cuts.push_back(e - pos);
            }
        };
        if (on_old && mode_.show_old) collect(old_, old_pos_);
        if (on_new && mode_.show_new) collect(new_, new_pos_);
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
            const std::size_t a = cuts[k], b = cuts[k + 1];
            const std::size_t op = old_pos_ + a, np = new_pos_ + a;
            const bool old_break = on_old && mode_.show_old && is_break(old_, op);
            const bool new_break = on_new && mode_.show_new && is_break(new_, np);
            if (old_break || new_break) {
                piece_break(s.op, old_break, new_break);
                continue;
            }
            const bool bold = on_new && mode_.show_new ? new_.is_bold(np) : old_.is_bold(op);
            emit(s.op, s.text.substr(a, b - a), bold);
        }
        if (on_old) old_pos_ += len;
        if (on_new) new_pos_ += len;
    }

    static bool is_break(const SideText& side, std::size_t pos) {
        return std::find(side.breaks.begin(), side.breaks.end(), pos) != side.breaks.end();
    }

    // The join between two pieces: the old side had a paragraph break here
    // (a merge: the break is deleted), the new side has one (a split: it is
    // inserted), or both. The next piece starts with its own label.
    void piece_break(Edit::Op op, bool old_break, bool new_break) {
        const Clause* o = old_break ? old_.clauses[++old_piece_] : nullptr;
        const Clause* n = new_break ? new_.clauses[++new_piece_] : nullptr;
        if (!mode_.para) {
            if (old_break && !new_break) paras_.back().mark = Mark::del;
            if (new_break && !old_break) paras_.back().mark = Mark::ins;
            // An equal '\n' that joins pieces on one side only is a line
            // break inside a clause on the other: keep it there.
            if (op == Edit::Op::equal && old_break != new_break)
                emit(old_break ? Edit::Op::insert : Edit::Op::del, "\n", false);
        }
        start_para(o, n);
        add_segments(label_segments(o, n), false, true);
    }

    const SideText& old_;
    const SideText& new_;
    Mode mode_;
    bool keep_layout_;
    std::vector<Para> paras_;
    std::size_t old_pos_ = 0, new_pos_ = 0;
    std::size_t old_piece_ = 0, new_piece_ = 0;
};

// ------------------------------------------------------------------ planning

class Planner {
public:
    Planner(const Document& o, const Document& n, const VersionDiff& d, bool keep_layout)
        : old_(o), new_(n), diff_(d), keep_layout_(keep_layout) {}

    std::vector<Item> plan() {
        index_changes();
        pair_unchanged();
        main_stream();
        place_old_only();
        std::vector<Item> out;
        for (Item& it : after_front_) out.push_back(std::move(it));
        for (std::size_t k = 0; k < main_.size(); ++k) {
            out.push_back(std::move(main_[k]));
            for (Item& it : after_[k]) out.push_back(std::move(it));
        }
        return out;
    }

private:
    void check(std::optional<std::size_t> i, const Document& doc) const {
        if (i && *i >= doc.clauses.size())
            throw Error(ErrorCode::internal, kWhere,
                        "the comparison refers to clause " + std::to_string(*i) + " beyond " + doc.path);
    }

    void index_changes() {
        by_old_.assign(old_.clauses.size(), nullptr);
        by_new_.assign(new_.clauses.size(), nullptr);
        for (const Change& c : diff_.changes) {
            check(c.old_index, old_);
            check(c.new_index, new_);
            for (std::size_t i : c.also_old) check(i, old_);
            for (std::size_t i : c.also_new) check(i, new_);
            if (c.old_index) by_old_[*c.old_index] = &c;
            if (c.new_index) by_new_[*c.new_index] = &c;
            for (std::size_t i : c.also_old) by_old_[i] = &c;
            for (std::size_t i : c.also_new) by_new_[i] = &c;
        }
    }

    // Unchanged clauses are not in the comparison: they are the clauses no
    // change names, in the same order on both sides.
    void pair_unchanged() {
        std::vector<std::size_t> olds, news;
        for (std::size_t i = 0; i < by_old_.size(); ++i)
            if (!by_old_[i]) olds.push_back(i);
        for (std::size_t i = 0; i < by_new_.size(); ++i)
            if (!by_new_[i]) news.push_back(i);
        new_to_old_.assign(new_.clauses.size(), std::nullopt);
        old_paired_.assign(old_.clauses.size(), false);
        for (std::size_t k = 0; k < std::min(olds.size(), news.size()); ++k) {
            new_to_old_[news[k]] = olds[k];
            old_paired_[olds[k]] = true;
        }
    }

    Item make(std::optional<std::size_t> o, const std::vector<std::size_t>& also_old, std::optional<std::size_t> n,
              const std::vector<std::size_t>& also_new, const Mode& mode, const Change* change) {
        SideText os(old_, o, also_old), ns(new_, n, also_new);
        std::vector<Seg> body;
        if (o && n) {
            if (change && !change->edits.empty() && tiles(change->edits, os.joined, ns.joined))
                body = segments_of(change->edits);
            else
                body = segments_between(os.joined, ns.joined);
        } else if (o) {
            body = segments_of({Edit{Edit::Op::del, os.joined, ""}});
        } else if (n) {
            body = segments_of({Edit{Edit::Op::insert, "", ns.joined}});
        }
        Item item;
        item.paras = ItemBuilder(os, ns, mode, keep_layout_).build(body);
        return item;
    }

    void main_stream() {
        slot_of_old_.assign(old_.clauses.size(), std::nullopt);
        const std::vector<std::size_t> none;
        for (std::size_t i = 0; i < new_.clauses.size(); ++i) {
            const Change* c = by_new_[i];
            if (c && c->new_index != i) continue;  // a split piece: shown with its main clause
            Item item;
            if (!c) {
                auto o = new_to_old_[i];
                item = make(o, none, i, none, o ? kPaired : kAdded, nullptr);
                if (o) slot_of_old_[*o] = main_.size();
            } else if (c->kind == ChangeKind::added || !c->old_index) {
                item = make(std::nullopt, none, i, c->also_new, kAdded, c);
            } else if (c->kind == ChangeKind::moved) {
                item = make(c->old_index, c->also_old, i, c->also_new, kMoveTo, c);
                item.move = Mark::move_to;
                item.move_number = move_number(c);
            } else {
                item = make(c->old_index, c->also_old, i, c->also_new, kPaired, c);
                slot_of_old_[*c->old_index] = main_.size();
                for (std::size_t k : c->also_old) slot_of_old_[k] = main_.size();
            }
            item.commented = c;
            main_.push_back(std::move(item));
        }
        after_.resize(main_.size());
    }

    std::size_t move_number(const Change* c) {
        auto [it, fresh] = moves_.emplace(c, moves_.size() + 1);
        return it->second;
    }

    // Old clauses with no place in the new order (deleted, sources of
    // moves) go right after wherever the old clause before them went, in
    // old order; a deleted clause after a moved one follows the move's
    // source, where it stood.
    void place_old_only() {
        const std::vector<std::size_t> none;
        std::optional<std::size_t> anchor;  // nullopt: the front of the document
        for (std::size_t i = 0; i < old_.clauses.size(); ++i) {
            const Change* c = by_old_[i];
            std::optional<Item> item;
            if (c && c->old_index == i && (c->kind == ChangeKind::deleted || !c->new_index)) {
                item = make(i, c->also_old, std::nullopt, none, kDeleted, c);
                item->commented = c;
            } else if (c && c->old_index == i && c->kind == ChangeKind::moved) {
                item = make(i, c->also_old, c->new_index, c->also_new, kMoveFrom, nullptr);
                item->move = Mark::move_from;
                item->move_number = move_number(c);
            } else if (!c && !old_paired_[i]) {
                item = make(i, none, std::nullopt, none, kDeleted, nullptr);
            }
            if (item) {
                (anchor ? after_[*anchor] : after_front_).push_back(std::move(*item));
            } else if (slot_of_old_[i]) {
                anchor = slot_of_old_[i];
            }
        }
    }

    const Document& old_;
    const Document& new_;
    const VersionDiff& diff_;
    bool keep_layout_;
    std::vector<const Change*> by_old_, by_new_;
    std::vector<std::optional<std::size_t>> new_to_old_;
    std::vector<bool> old_paired_;
    std::vector<std::optional<std::size_t>> slot_of_old_;
    std::vector<Item> main_;
    std::vector<std::vector<Item>> after_;
    std::vector<Item> after_front_;
    std::map<const Change*, std::size_t> moves_;
};

// ------------------------------------------------------------------ OLD's formatting

// Gives every paragraph OLD's style and, where the number is automatic,
// OLD's numbering in place of the typed label. Each view is played through
// as onus's DOCX reader reads it (a paragraph whose mark the view removes
// joins the next one and takes its properties), counting Word numbers with
// OLD's definitions: a paragraph keeps automatic numbering in a view only
// when the number Word will show there is the clause number of that side;
// otherwise its label stays typed text and its numbering is switched off.
class Formatter {
public:
    Formatter(const redline::SourceFormat& old_fmt, const redline::SourceFormat* new_fmt)
        : old_(old_fmt), new_(new_fmt) {}

    void apply(std::vector<Item>& items) {
        std::vector<Para*> paras;
        for (Item& it : items)
            for (Para& p : it.paras) paras.push_back(&p);
        play(paras, View::reject);
        play(paras, View::accept);
        for (Para* p : paras) {
            if (!p->before) p->before = p->now;
            if (!p->now) p->now = p->before;
            if (!p->now) p->now = p->before = ParaFormat{};
        }
    }

private:
    enum class View { reject, accept };

    static bool removed(Mark m, View v) {
        return v == View::reject ? m == Mark::ins || m == Mark::move_to : m == Mark::del || m == Mark::move_from;
    }
    static bool shown(Mark m, View v) { return !removed(m, v); }
    static const std::string& label_in(const Para& p, View v) {
        return v == View::reject ? p.old_label : p.new_label;
    }

    void play(const std::vector<Para*>& paras, View v) {
        docx::Numbering counters = old_.numbering();
        std::optional<ParaFormat> previous;
        std::size_t start = 0;
        for (std::size_t k = 0; k < paras.size(); ++k) {
            if (removed(paras[k]->mark, v)) continue;  // joins the next paragraph in this view
            Para* first = paras[k];
            for (std::size_t j = start; j <= k; ++j)
                if (!label_in(*paras[j], v).empty()) {
                    first = paras[j];
                    break;
                }
            ParaFormat f = choose(*first, v, counters, previous);
            old_.advance(f, counters);
            (v == View::reject ? paras[k]->before : paras[k]->now) = f;
            previous = f;
            start = k + 1;
        }
    }

    // The first candidate whose number is the clause's: then the typed
    // label goes. Else the label stays typed and the style's numbering is
    // switched off. A paragraph with no format of its own (an added clause
    // of a NEW that is not a DOCX) takes its neighbour's, the paragraph
    // before it in this view.
    ParaFormat choose(Para& p, View v, const docx::Numbering& counters, const std::optional<ParaFormat>& previous) {
        std::vector<ParaFormat> candidates = candidates_of(p, v);
        if (candidates.empty() && previous) candidates.push_back(*previous);
        const std::string& label = label_in(p, v);
        for (const ParaFormat& c : candidates)
            if (old_.peek(c, counters) == label) {
                if (!label.empty()) drop_typed_label(p, v);
                return c;
            }
        ParaFormat typed = candidates.empty() ? ParaFormat{} : candidates.front();
        typed.num.reset();
        if (!old_.peek(typed, counters).empty()) typed.num = redline::NumRef{"0", 0};
        return typed;
    }

    // OLD's own paragraph; on the new side also NEW's when NEW is a DOCX
    // whose style is one of OLD's (a revised copy of the same document).
    std::vector<ParaFormat> candidates_of(const Para& p, View v) const {
        std::vector<ParaFormat> out;
        if (v == View::accept && new_ && p.new_src)
            if (const ParaFormat* f = new_->of(*p.new_src); f && (f->style.empty() || old_.has_style(f->style)))
                out.push_back(*f);
        if (p.old_src)
            if (const ParaFormat* f = old_.of(*p.old_src)) out.push_back(*f);
        return out;
    }

    // The number is Word's now: the typed label leaves this view.
    static void drop_typed_label(Para& p, View v) {
        std::vector<Atom> kept;
        for (Atom& a : p.atoms) {
            if (a.label && shown(a.mark, v)) {
                if (a.mark != Mark::none) continue;                    // shown in this view only
                a.mark = v == View::reject ? Mark::ins : Mark::del;  // still typed in the other
            }
            kept.push_back(std::move(a));
        }
        p.atoms = std::move(kept);
    }

    const redline::SourceFormat& old_;
    const redline::SourceFormat* new_;
};

// ------------------------------------------------------------------ XML

// XML 1.0 cannot carry most C0 controls (nor U+FFFE/U+FFFF), even escaped:
// they become U+FFFD. Tabs and line breaks are elements of their own.
std::string xml_text(std::string_view text) {
    std::string s = is_valid_utf8(text) ? std::string(text) : sanitize_utf8(text);
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20) {
            out += "\xEF\xBF\xBD";
        } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
            out += "\xEF\xBF\xBD";
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

pugi::xml_document new_part() {
    pugi::xml_document doc;
    pugi::xml_node decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    decl.append_attribute("standalone") = "yes";
    return doc;
}

std::string serialize(const pugi::xml_document& doc) {
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
    return out.str();
}

pugi::xml_node child(pugi::xml_node parent, const char* name) { return parent.append_child(name); }

void set(pugi::xml_node node, const char* name, const std::string& value) {
    node.append_attribute(name) = value.c_str();
}

// One w:r per atom: text in w:t (w:delText inside a deletion), tabs and
// line breaks as elements, bold for heading words.
void write_run(pugi::xml_node container, const std::string& text, bool bold, bool deleted) {
    pugi::xml_node r = child(container, "w:r");
    if (bold) child(child(r, "w:rPr"), "w:b");
    std::string pending;
    auto flush = [&] {
        if (pending.empty()) return;
        pugi::xml_node t = child(r, deleted ? "w:delText" : "w:t");
        t.append_attribute("xml:space") = "preserve";
        t.text().set(xml_text(pending).c_str());
        pending.clear();
    };
    for (char c : text) {
        if (c == '\t' || c == '\n' || c == '\r') {
            flush();
            child(r, c == '\t' ? "w:tab" : c == '\n' ? "w:br" : "w:cr");
        } else {
            pending += c;
        }
    }
    flush();
}

// Writes the w:body: paragraphs, revision containers, comment anchors.
class BodyWriter {
public:
    BodyWriter(pugi::xml_node body, std::string date, std::size_t first_id)
        : body_(body), date_(std::move(date)), next_id_(first_id) {}

    struct Comment {
        std::size_t id;
        const Shift* shift;
    };
    const std::vector<Comment>& comments() const { return comments_; }

    void item(const Item& it) {
        std::vector<Comment> mine;
        if (it.commented)
            for (const Shift& s : it.commented->shifts) mine.push_back({next_id_++, &s});
        for (const Comment& c : mine) comments_.push_back(c);
        auto [anchor_para, first, last] = anchor_of(it);
        std::size_t range_id = 0;
        std::string name = "onus-move-" + std::to_string(it.move_number);
        if (it.move != Mark::none) {
            range_id = next_id_++;
            pugi::xml_node start =
                child(body_, it.move == Mark::move_from ? "w:moveFromRangeStart" : "w:moveToRangeStart");
            set(start, "w:id", std::to_string(range_id));
            set(start, "w:author", kAuthor);
            set(start, "w:date", date_);
            set(start, "w:name", name);
        }
        for (std::size_t k = 0; k < it.paras.size(); ++k)
            paragraph(it.paras[k], k == anchor_para ? mine : std::vector<Comment>{}, first, last);
        if (it.move != Mark::none) {
            pugi::xml_node end = child(body_, it.move == Mark::move_from ? "w:moveFromRangeEnd" : "w:moveToRangeEnd");
            set(end, "w:id", std::to_string(range_id));
        }
    }

private:
    // Comments go on the changed words: from the first to the last inserted
    // or deleted atom of the first paragraph that has any; else on the whole
    // first paragraph.
    static std::tuple<std::size_t, std::size_t, std::size_t> anchor_of(const Item& it) {
        for (std::size_t k = 0; k < it.paras.size(); ++k) {
            const auto& atoms = it.paras[k].atoms;
            std::optional<std::size_t> first, last;
            for (std::size_t i = 0; i < atoms.size(); ++i)
                if (atoms[i].mark == Mark::ins || atoms[i].mark == Mark::del) {
                    if (!first) first = i;
                    last = i;
                }
            if (first) return {k, *first, *last};
        }
        std::size_t n = it.paras.empty() ? 0 : it.paras[0].atoms.size();
        return {0, 0, n ? n - 1 : 0};
    }

    static void format_props(pugi::xml_node ppr, const ParaFormat& f) {
        if (!f.style.empty()) set(child(ppr, "w:pStyle"), "w:val", f.style);
        append_xml(ppr, f.head);
        if (f.num) {
            pugi::xml_node num = child(ppr, "w:numPr");
            set(child(num, "w:ilvl"), "w:val", std::to_string(f.num->ilvl));
            set(child(num, "w:numId"), "w:val", f.num->num_id);
        }
        append_xml(ppr, f.tail);
    }

    // OLD's direct properties, serialized by pugixml from its own parse.
    static void append_xml(pugi::xml_node parent, const std::string& xml) {
        if (!xml.empty() && !parent.append_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8))
            throw Error(ErrorCode::internal, kWhere, "cannot copy paragraph properties");
    }

    static const char* container_name(Mark m) {
        switch (m) {
            case Mark::ins: return "w:ins";
            case Mark::del: return "w:del";
            case Mark::move_from: return "w:moveFrom";
            case Mark::move_to: return "w:moveTo";
            default: return nullptr;
        }
    }

    void revision_attrs(pugi::xml_node node) {
        set(node, "w:id", std::to_string(next_id_++));
        set(node, "w:author", kAuthor);
        set(node, "w:date", date_);
    }

    void paragraph(const Para& p, const std::vector<Comment>& comments, std::size_t first, std::size_t last) {
        pugi::xml_node para = child(body_, "w:p");
        pugi::xml_node ppr = child(para, "w:pPr");
        if (p.now) {
            format_props(ppr, *p.now);
        } else {
            set(child(ppr, "w:pStyle"), "w:val", p.style);
            if (p.style == "Clause" && p.level > 1)
                set(child(ppr, "w:ind"), "w:left", std::to_string(360 * std::min(p.level - 1, 8)));
        }
        if (const char* name = container_name(p.mark)) revision_attrs(child(child(ppr, "w:rPr"), name));
        // Properties that differ in the old version: Word's tracked
        // paragraph-property change, which Reject All restores.
        if (p.now && p.before && *p.before != *p.now) {
            pugi::xml_node change = child(ppr, "w:pPrChange");
            revision_attrs(change);
            format_props(child(change, "w:pPr"), *p.before);
        }

        pugi::xml_node container = para;
        Mark open = Mark::none;
        auto close = [&] {
            container = para;
            open = Mark::none;
        };
        auto range_start = [&] {
            close();
            for (const Comment& c : comments) set(child(para, "w:commentRangeStart"), "w:id", std::to_string(c.id));
        };
        // The range ends after the last changed atom; the reference run
        // (Word's balloon anchor) follows the range end.
        auto range_end = [&] {
            close();
            for (const Comment& c : comments) set(child(para, "w:commentRangeEnd"), "w:id", std::to_string(c.id));
            for (const Comment& c : comments) {
                pugi::xml_node r = child(para, "w:r");
                set(child(child(r, "w:rPr"), "w:rStyle"), "w:val", "CommentReference");
                set(child(r, "w:commentReference"), "w:id", std::to_string(c.id));
            }
        };
        if (p.atoms.empty() && !comments.empty()) {
            range_start();
            range_end();
        }
        for (std::size_t i = 0; i < p.atoms.size(); ++i) {
            const Atom& a = p.atoms[i];
            if (i == first && !comments.empty()) range_start();
            if (a.mark != open) {
                close();
                if (const char* name = container_name(a.mark)) {
                    container = child(para, name);
                    revision_attrs(container);
                    open = a.mark;
                }
            }
            write_run(container, a.text, a.bold, a.mark == Mark::del);
            if (i == last && !comments.empty()) range_end();
        }
    }

private:
    pugi::xml_node body_;
    std::string date_;
    std::size_t next_id_;
    std::vector<Comment> comments_;
};

// ------------------------------------------------------------------ parts

pugi::xml_node word_root(pugi::xml_document& doc, const char* name) {
    pugi::xml_node root = child(doc, name);
    set(root, "xmlns:w", kWordNs);
    return root;
}

std::string document_xml(const std::vector<Item>& items, const std::string& date,
                         std::vector<BodyWriter::Comment>& comments) {
    pugi::xml_document doc = new_part();
    pugi::xml_node body = child(word_root(doc, "w:document"), "w:body");
    BodyWriter writer(body, date, 0);
    for (const Item& it : items) writer.item(it);
    // US Letter, one-inch margins.
    pugi::xml_node sect = child(body, "w:sectPr");
    pugi::xml_node size = child(sect, "w:pgSz");
    set(size, "w:w", "12240");
    set(size, "w:h", "15840");
    pugi::xml_node mar = child(sect, "w:pgMar");
    for (const char* side : {"w:top", "w:right", "w:bottom", "w:left"}) set(mar, side, "1440");
    for (const char* other : {"w:header", "w:footer"}) set(mar, other, "720");
    set(mar, "w:gutter", "0");
    comments = writer.comments();
    return serialize(doc);
}

std::string comment_text(const Shift& s) {
    return s.type + " \u00B7 " + s.direction + " \u00B7 " + to_string(s.severity) + ": " + s.explanation;
}

std::string comments_xml(const std::vector<BodyWriter::Comment>& comments, const std::string& date) {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = word_root(doc, "w:comments");
    for (const BodyWriter::Comment& c : comments) {
        pugi::xml_node comment = child(root, "w:comment");
        set(comment, "w:id", std::to_string(c.id));
        set(comment, "w:author", kAuthor);
        set(comment, "w:date", date);
        set(comment, "w:initials", "onus");
        pugi::xml_node p = child(comment, "w:p");
        set(child(child(p, "w:pPr"), "w:pStyle"), "w:val", "CommentText");
        pugi::xml_node ref = child(p, "w:r");
        set(child(child(ref, "w:rPr"), "w:rStyle"), "w:val", "CommentReference");
        child(ref, "w:annotationRef");
        write_run(p, comment_text(*c.shift), false, false);
    }
    return serialize(doc);
}

pugi::xml_node add_style(pugi::xml_node root, const char* type, const std::string& id, const std::string& name) {
    pugi::xml_node style = child(root, "w:style");
    set(style, "w:type", type);
    set(style, "w:styleId", id);
    set(child(style, "w:name"), "w:val", name);
    return style;
}

std::string styles_xml() {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = word_root(doc, "w:styles");
    pugi::xml_node rpr = child(child(child(root, "w:docDefaults"), "w:rPrDefault"), "w:rPr");
    pugi::xml_node fonts = child(rpr, "w:rFonts");
    for (const char* a : {"w:ascii", "w:hAnsi", "w:cs"}) set(fonts, a, "Calibri");
    set(child(rpr, "w:sz"), "w:val", "22");

    pugi::xml_node normal = add_style(root, "paragraph", "Normal", "Normal");
    set(normal, "w:default", "1");
    child(normal, "w:qFormat");

    pugi::xml_node clause = add_style(root, "paragraph", "Clause", "Clause");
    set(child(clause, "w:basedOn"), "w:val", "Normal");
    child(clause, "w:qFormat");
    pugi::xml_node spacing = child(child(clause, "w:pPr"), "w:spacing");
    set(spacing, "w:after", "120");

    for (int level = 1; level <= 9; ++level) {
        pugi::xml_node h = add_style(root, "paragraph", "Heading" + std::to_string(level), "heading " + std::to_string(level));
        set(child(h, "w:basedOn"), "w:val", "Normal");
        set(child(h, "w:next"), "w:val", "Clause");
        child(h, "w:qFormat");
        pugi::xml_node ppr = child(h, "w:pPr");
        child(ppr, "w:keepNext");
        pugi::xml_node sp = child(ppr, "w:spacing");
        set(sp, "w:before", "240");
        set(sp, "w:after", "120");
        set(child(ppr, "w:outlineLvl"), "w:val", std::to_string(level - 1));
        pugi::xml_node hr = child(h, "w:rPr");
        child(hr, "w:b");
        set(child(hr, "w:sz"), "w:val", std::to_string(std::max(22, 32 - 4 * (level - 1))));
    }

    pugi::xml_node text = add_style(root, "paragraph", "CommentText", "annotation text");
    set(child(text, "w:basedOn"), "w:val", "Normal");
    set(child(child(text, "w:rPr"), "w:sz"), "w:val", "20");
    pugi::xml_node ref = add_style(root, "character", "CommentReference", "annotation reference");
    set(child(child(ref, "w:rPr"), "w:sz"), "w:val", "16");
    return serialize(doc);
}

std::string core_xml(const Document& old_doc, const Document& new_doc, const std::string& date) {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = child(doc, "cp:coreProperties");
    set(root, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    set(root, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    set(root, "xmlns:dcterms", "http://purl.org/dc/terms/");
    set(root, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    const std::string& title = !new_doc.title.empty() ? new_doc.title : old_doc.title;
    if (!title.empty()) child(root, "dc:title").text().set(xml_text(title).c_str());
    child(root, "dc:creator").text().set(kAuthor);
    std::string description = "Tracked changes from " + old_doc.path + " to " + new_doc.path;
    child(root, "dc:description").text().set(xml_text(description).c_str());
    for (const char* name : {"dcterms:created", "dcterms:modified"}) {
        pugi::xml_node d = child(root, name);
        set(d, "xsi:type", "dcterms:W3CDTF");
        d.text().set(date.c_str());
    }
    return serialize(doc);
}

// OLD's styles, plus the two comment styles the redline's comments use
// when OLD has none of that id (Word only writes styles a document uses).
std::string kept_styles_xml(const std::string& xml) {
    auto doc = ingest::parse_xml(xml, "word/styles.xml", ingest::XmlOptions{});
    pugi::xml_node root = doc->document_element();
    const std::string prefix(ingest::prefix_of(root.name()));
    if (prefix.empty()) return xml;  // unprefixed WordprocessingML: left as it is
    auto q = [&](const char* local) { return prefix + ":" + local; };
    auto has = [&](const char* id) {
        // The name must outlive the loop: pugixml's range keeps the pointer.
        const std::string style = q("style");
        for (pugi::xml_node st : root.children(style.c_str()))
            if (std::string_view(st.attribute(q("styleId").c_str()).value()) == id) return true;
        return false;
    };
    auto add = [&](const char* type, const char* id, const char* name, const char* size) {
        if (has(id)) return;
        pugi::xml_node st = root.append_child(q("style").c_str());
        st.append_attribute(q("type").c_str()) = type;
        st.append_attribute(q("styleId").c_str()) = id;
        root.last_child().append_child(q("name").c_str()).append_attribute(q("val").c_str()) = name;
        st.append_child(q("rPr").c_str()).append_child(q("sz").c_str()).append_attribute(q("val").c_str()) = size;
    };
    add("paragraph", "CommentText", "annotation text", "20");
    add("character", "CommentReference", "annotation reference", "16");
    std::ostringstream out;
    doc->save(out, "", pugi::format_raw, pugi::encoding_utf8);
    return out.str();
}

std::string content_types_xml(const std::vector<std::pair<std::string, std::string>>& extra) {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = child(doc, "Types");
    set(root, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
    auto add_default = [&](const char* ext, const char* type) {
        pugi::xml_node d = child(root, "Default");
        set(d, "Extension", ext);
        set(d, "ContentType", type);
    };
    auto add_override = [&](const char* part, const char* type) {
        pugi::xml_node o = child(root, "Override");
        set(o, "PartName", part);
        set(o, "ContentType", type);
    };
    add_default("rels", "application/vnd.openxmlformats-package.relationships+xml");
    add_default("xml", "application/xml");
    const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    add_override("/word/document.xml", (wml + "document.main+xml").c_str());
    add_override("/word/styles.xml", (wml + "styles+xml").c_str());
    add_override("/word/comments.xml", (wml + "comments+xml").c_str());
    add_override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    for (const auto& [part, type] : extra) add_override(("/" + part).c_str(), type.c_str());
    return serialize(doc);
}

std::string relationships_xml(const std::vector<std::pair<std::string, std::string>>& rels) {
    pugi::xml_document doc = new_part();
    pugi::xml_node root = child(doc, "Relationships");
    set(root, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
    for (std::size_t i = 0; i < rels.size(); ++i) {
        pugi::xml_node r = child(root, "Relationship");
        set(r, "Id", "rId" + std::to_string(i + 1));
        set(r, "Type", rels[i].first);
        set(r, "Target", rels[i].second);
    }
    return serialize(doc);
}

// ------------------------------------------------------------------ zip

// The time revisions, comments and zip entries carry: now, or
// SOURCE_DATE_EPOCH (reproducible builds' convention) when set.
std::time_t stamp_time() {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        long long v = std::strtoll(epoch, &end, 10);
        if (end && *end == '\0' && end != epoch && v >= 0) return static_cast<std::time_t>(v);
    }
    return std::time(nullptr);
}

std::string iso_date(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

struct ZipPart {
    std::string name;
    std::string data;
};

[[noreturn]] void zip_failed(const std::string& what, zip_error_t* error) {
    std::string detail = error ? zip_error_strerror(error) : "unknown error";
    throw Error(ErrorCode::internal, kWhere, what + ": " + detail);
}

// Deflated entries in an in-memory archive. The part strings must outlive
// zip_close(), which is when libzip reads them.
std::string zip_parts(const std::vector<ZipPart>& parts, std::time_t mtime) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer) zip_failed("cannot create the zip buffer", &error);
    zip_source_keep(buffer);  // still needed after zip_close() to read the bytes back
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (!archive) {
        zip_source_free(buffer);
        zip_failed("cannot open the zip buffer", &error);
    }
    auto abandon = [&](const std::string& what) {
        std::string detail = zip_strerror(archive);
        zip_discard(archive);
        zip_source_free(buffer);
        throw Error(ErrorCode::internal, kWhere, what + ": " + detail);
    };
    for (const ZipPart& part : parts) {
        zip_source_t* src = zip_source_buffer(archive, part.data.data(), part.data.size(), 0);
        if (!src) abandon("cannot add " + part.name);
        zip_int64_t index = zip_file_add(archive, part.name.c_str(), src, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(src);
            abandon("cannot add " + part.name);
        }
        const auto i = static_cast<zip_uint64_t>(index);
        if (zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 0) != 0 || zip_file_set_mtime(archive, i, mtime, 0) != 0)
            abandon("cannot set up " + part.name);
    }
    if (zip_close(archive) != 0) abandon("cannot write the zip");
    std::string out;
    if (zip_source_open(buffer) != 0) {
        zip_source_free(buffer);
        throw Error(ErrorCode::internal, kWhere, "cannot read the zip back");
    }
    char chunk[65536];
    zip_int64_t n = 0;
    while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) out.append(chunk, static_cast<std::size_t>(n));
    zip_source_close(buffer);
    zip_source_free(buffer);
    if (n < 0) throw Error(ErrorCode::internal, kWhere, "cannot read the zip back");
    return out;
}

// The parts OLD's formatting adds: content type and relationship of each.
struct KeptParts {
    std::vector<ZipPart> parts;
    std::vector<std::pair<std::string, std::string>> content_types;  // part name, type
    std::vector<std::pair<std::string, std::string>> relationships;  // type, target
};

KeptParts kept_parts(const redline::SourceFormat& f) {
    const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    KeptParts out;
    for (const redline::SourceFormat::CopiedPart& p : f.parts()) {
        if (p.rel_type == "styles") continue;  // written in place of onus's own styles.xml
        std::string type = p.rel_type == "theme" ? "application/vnd.openxmlformats-officedocument.theme+xml"
                                                 : wml + p.rel_type + "+xml";
        out.parts.push_back({p.name, p.xml});
        out.content_types.emplace_back(p.name, type);
        out.relationships.emplace_back(rel + p.rel_type, p.name.substr(5));  // relative to word/
    }
    return out;
}

std::string styles_of(const std::optional<redline::SourceFormat>& f) {
    if (f)
        for (const redline::SourceFormat::CopiedPart& p : f->parts())
            if (p.rel_type == "styles") return kept_styles_xml(p.xml);
    return styles_xml();
}

}  // namespace

void write_comparison_docx(const Document& old_doc, const Document& new_doc, const VersionDiff& d, std::ostream& out) {
    // OLD's formatting, when OLD is a Word file that can be read again;
    // NEW's, to place added clauses, when NEW is one too.
    const std::optional<redline::SourceFormat> old_format = redline::SourceFormat::read(old_doc);
    const std::optional<redline::SourceFormat> new_format =
        old_format ? redline::SourceFormat::read(new_doc) : std::nullopt;
    std::vector<Item> items = Planner(old_doc, new_doc, d, old_format.has_value()).plan();
    if (old_format) Formatter(*old_format, new_format ? &*new_format : nullptr).apply(items);
    const KeptParts kept = old_format ? kept_parts(*old_format) : KeptParts{};
    const std::time_t now = stamp_time();
    const std::string date = iso_date(now);
    std::vector<BodyWriter::Comment> comments;
    std::string document = document_xml(items, date, comments);
    const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    std::vector<std::pair<std::string, std::string>> word_rels{{rel + "styles", "styles.xml"},
                                                               {rel + "comments", "comments.xml"}};
    for (const auto& r : kept.relationships) word_rels.push_back(r);
    std::vector<ZipPart> parts{
        {"[Content_Types].xml", content_types_xml(kept.content_types)},
        {"_rels/.rels",
         relationships_xml({{rel + "officeDocument", "word/document.xml"},
                            {"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                             "docProps/core.xml"}})},
        {"word/document.xml", std::move(document)},
        {"word/_rels/document.xml.rels", relationships_xml(word_rels)},
        {"word/styles.xml", styles_of(old_format)},
        {"word/comments.xml", comments_xml(comments, date)},
        {"docProps/core.xml", core_xml(old_doc, new_doc, date)},
    };
    for (const ZipPart& p : kept.parts) parts.push_back(p);
    std::string bytes = zip_parts(parts, now);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error(ErrorCode::io, kWhere, "cannot write the DOCX");
}

}  // namespace onus
