// Reading OLD's package again for the redline: which paragraph had which
// style id and numbering reference, and the parts to copy. The walk counts
// paragraphs in the order onus's DOCX reader does (src/ingest/docx/
// reader.cpp), so that Block::source.index finds its paragraph.
#include "ingest/xml.hpp"
#include "report/docx_redline_source.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <string_view>
#include <sstream>

#include "ingest/docx/wordml.hpp"
#include "ingest/opc.hpp"

namespace onus::redline {
namespace {

using docx::Element;
using docx::Ns;
using docx::w_attr;
using docx::w_child;

std::optional<std::string> file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return bytes;
}

std::string serialize(const pugi::xml_node& root) {
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    root.print(out, "", pugi::format_raw, pugi::encoding_utf8);
    return out.str();
}

// Walks block-level content the way the reader does and records each
// paragraph's direct pStyle and numPr.
class Walker {
public:
    Walker(const ingest::Namespaces& ns, std::vector<ParaFormat>& out) : ns_(ns), out_(out) {}

    void blocks(const pugi::xml_node& container) {
        for (pugi::xml_node c : container.children()) {
            if (c.type() != pugi::node_element) continue;
            Element e(c, ns_);
            if (e.is_w("p")) {
                paragraph(c);
            } else if (e.is_w("tbl")) {
                table(c);
            } else if (e.is_w("sdt")) {
                if (pugi::xml_node content = w_child(c, "sdtContent", ns_)) blocks(content);
            } else if (e.is_w("customXml") || e.is_w("smartTag") || e.is_w("sdtContent") || e.is_w("ins") ||
                       e.is_w("del") || e.is_w("moveFrom") || e.is_w("moveTo")) {
                blocks(c);
            } else if (e.is(Ns::mc, "AlternateContent")) {
                if (pugi::xml_node chosen = choose(c)) blocks(chosen);
            } else if (!e.is_w("altChunk") && holds_text(c)) {
                paragraph(c);
            }
        }
    }

private:
    pugi::xml_node choose(const pugi::xml_node& alt) const {
        pugi::xml_node fallback;
        for (pugi::xml_node c : alt.children()) {
            Element e(c, ns_);
            if (e.is(Ns::mc, "Choice")) return c;
            if (e.is(Ns::mc, "Fallback")) fallback = c;
        }
        return fallback;
    }

    bool holds_text(const pugi::xml_node& node) const {
        for (pugi::xml_node c : node.children()) {
            if (c.type() != pugi::node_element) continue;
            Element e(c, ns_);
            if (e.is_w("t") || e.is_w("delText") || holds_text(c)) return true;
        }
        return false;
    }

    void table(const pugi::xml_node& tbl) {
        for (pugi::xml_node tr : tbl.children()) {
            Element e(tr, ns_);
            if (e.is_w("sdt")) {
                if (pugi::xml_node content = w_child(tr, "sdtContent", ns_))
                    for (pugi::xml_node inner : content.children())
                        if (Element(inner, ns_).is_w("tr")) row(inner);
            } else if (e.is_w("tr")) {
                row(tr);
            }
        }
    }

    void row(const pugi::xml_node& tr) {
        for (pugi::xml_node tc : tr.children()) {
            pugi::xml_node cell = tc;
            if (Element(tc, ns_).is_w("sdt")) cell = w_child(w_child(tc, "sdtContent", ns_), "tc", ns_);
            if (cell && Element(cell, ns_).is_w("tc")) blocks(cell);
        }
    }

    // The paragraph counts first; its text boxes' paragraphs follow it.
    void paragraph(const pugi::xml_node& p) {
        out_.push_back(format_of(p));
        std::vector<pugi::xml_node> boxes;
        text_boxes(p, boxes);
        for (const pugi::xml_node& box : boxes) blocks(box);
    }

    void text_boxes(const pugi::xml_node& node, std::vector<pugi::xml_node>& boxes) const {
        for (pugi::xml_node c : node.children()) {
            if (c.type() != pugi::node_element) continue;
            Element e(c, ns_);
            if (e.is_w("txbxContent")) {
                boxes.push_back(c);
            } else if (e.is(Ns::mc, "AlternateContent")) {
                if (pugi::xml_node chosen = choose(c)) text_boxes(chosen, boxes);
            } else {
                text_boxes(c, boxes);
            }
        }
    }

    ParaFormat format_of(const pugi::xml_node& p) const {
        ParaFormat f;
        pugi::xml_node ppr = w_child(p, "pPr", ns_);
        if (!ppr) return f;
        copy_direct(ppr, f);
        if (pugi::xml_node style = w_child(ppr, "pStyle", ns_))
            if (const char* v = w_attr(style, "val", ns_)) f.style = v;
        if (pugi::xml_node numpr = w_child(ppr, "numPr", ns_)) {
            NumRef ref;
            ref.ilvl = -1;  // resolved against the style by SourceFormat::read
            if (pugi::xml_node num = w_child(numpr, "numId", ns_))
                if (const char* v = w_attr(num, "val", ns_)) ref.num_id = v;
            if (pugi::xml_node lvl = w_child(numpr, "ilvl", ns_))
                if (auto v = ingest::to_int(w_attr(lvl, "val", ns_))) ref.ilvl = *v;
            f.num = ref;
        }
        return f;
    }

    // Direct properties other than the style, the numbering, the mark's
    // run properties, a section break and a tracked change, copied when
    // written with the "w" prefix the redline declares. The schema puts
    // five of them before w:numPr.
    void copy_direct(const pugi::xml_node& ppr, ParaFormat& f) const {
        static const std::set<std::string_view> skipped{"pStyle", "numPr", "rPr", "sectPr", "pPrChange"};
        static const std::set<std::string_view> before_num{"keepNext", "keepLines", "pageBreakBefore", "framePr",
                                                            "widowControl"};
        for (pugi::xml_node c : ppr.children()) {
            if (c.type() != pugi::node_element) continue;
            Element e(c, ns_);
            if (e.ns != Ns::w || skipped.count(e.local) || !w_prefixed(c)) continue;
            std::ostringstream xml;
            c.print(xml, "", pugi::format_raw, pugi::encoding_utf8);
            (before_num.count(e.local) ? f.head : f.tail) += xml.str();
        }
    }

    static bool w_prefixed(const pugi::xml_node& n) {
        if (ingest::prefix_of(n.name()) != "w") return false;
        for (pugi::xml_attribute a : n.attributes())
            if (ingest::prefix_of(a.name()) != "w") return false;
        for (pugi::xml_node c : n.children())
            if (c.type() == pugi::node_element && !w_prefixed(c)) return false;
        return true;
    }

    const ingest::Namespaces& ns_;
    std::vector<ParaFormat>& out_;
};

// A part copied as it is, unless it has relationships of its own.
bool copy_part(ingest::OpcPackage& pkg, const std::string& main, const char* type,
               std::vector<SourceFormat::CopiedPart>& out, ingest::Part* parsed = nullptr) {
    auto name = pkg.related(main, type);
    if (!name) return true;
    ingest::Part part = pkg.part(*name);
    if (!part) return true;
    if (!pkg.relationships(*name).empty()) return false;
    // Word's usual names, whatever OLD called them: they cannot collide
    // with the redline's own parts.
    const std::string t = type;
    std::string copied = t == "theme" ? "word/theme/theme1.xml" : "word/" + t + ".xml";
    out.push_back({copied, t, serialize(part.root)});
    if (parsed) *parsed = part;
    return true;
}

}  // namespace

std::optional<SourceFormat> SourceFormat::read(const Document& doc) {
    if (doc.format != "docx" && doc.format != "flat-opc") return std::nullopt;
    std::optional<std::string> bytes = file_bytes(doc.path);
    if (!bytes) return std::nullopt;
    try {
        LoadOptions options;
        ingest::OpcPackage pkg = doc.format == "docx" ? ingest::OpcPackage::from_zip(*bytes, doc.path, options)
                                                      : ingest::OpcPackage::from_flat(*bytes, doc.path, options);
        auto main = pkg.related("", "officeDocument");
        if (!main) return std::nullopt;
        ingest::Part document = pkg.part(*main);
        if (!document) return std::nullopt;
        SourceFormat f;
        f.main_part_ = *main;
        ingest::Part styles, numbering;
        if (!copy_part(pkg, *main, "styles", f.parts_, &styles) ||
            !copy_part(pkg, *main, "numbering", f.parts_, &numbering))
            return std::nullopt;
        // Fonts and theme only decorate: left out rather than refused.
        std::vector<CopiedPart> extra;
        if (copy_part(pkg, *main, "theme", extra) && copy_part(pkg, *main, "fontTable", extra))
            for (CopiedPart& p : extra) f.parts_.push_back(std::move(p));
        if (!styles) return std::nullopt;  // nothing to keep
        // Strict OOXML parts would not mix with the transitional document
        // the redline writes.
        if (styles.ns->uri_of(styles.root) != "http://schemas.openxmlformats.org/wordprocessingml/2006/main")
            return std::nullopt;
        f.styles_.load(styles.root, *styles.ns);
        std::vector<Diagnostic> ignored;
        if (numbering) f.numbering_.load(numbering.root, ignored);
        for (const auto& [id, style] : f.styles_.all())
            if (style.num_id) f.numbering_.link_style(id, *style.num_id);
        for (pugi::xml_node child : document.root.children())
            if (Element(child, *document.ns).is_w("body")) Walker(*document.ns, f.paragraphs_).blocks(child);
        for (ParaFormat& p : f.paragraphs_) f.resolve_numbering(p);
        if (!f.describes(doc)) return std::nullopt;
        return f;
    } catch (const Error&) {
        return std::nullopt;  // the file changed since it was read: keep onus's own layout
    }
}

// A direct numPr may leave out the numId or the level: fill them in the
// way the reader does, so that the redline writes a complete reference.
void SourceFormat::resolve_numbering(ParaFormat& p) const {
    if (!p.num) return;
    docx::ParagraphStyle style = styles_.resolve(p.style);
    if (p.num->num_id.empty()) {
        if (!style.num_id) {
            p.num.reset();
            return;
        }
        p.num->num_id = *style.num_id;
        if (p.num->ilvl < 0 && style.ilvl) p.num->ilvl = *style.ilvl;
    }
    if (p.num->ilvl < 0) {
        int linked = numbering_.level_for_style(p.num->num_id, style.id);
        p.num->ilvl = linked >= 0 ? linked : style.ilvl.value_or(0);
    }
    p.num->ilvl = std::clamp(p.num->ilvl, 0, 8);
}

// The file at doc.path may not be the one `doc` was read from (load_bytes
// names a document without reading a file; a file may change): every body
// block must find its paragraph, and a block with an automatic number a
// paragraph that is numbered.
bool SourceFormat::describes(const Document& doc) const {
    for (const Block& b : doc.blocks) {
        if ((b.kind != BlockKind::paragraph && b.kind != BlockKind::table_row) || b.source.part != main_part_) continue;
        if (b.source.index >= paragraphs_.size()) return false;
        const bool automatic = b.list_level >= 0 && !b.label_typed && !b.label.empty();
        if (b.kind == BlockKind::paragraph && automatic && !effective(paragraphs_[b.source.index])) return false;
    }
    return true;
}

const ParaFormat* SourceFormat::of(const Block& b) const {
    if (b.kind != BlockKind::paragraph && b.kind != BlockKind::table_row) return nullptr;
    if (b.source.part != main_part_ || b.source.index >= paragraphs_.size()) return nullptr;
    return &paragraphs_[b.source.index];
}

std::optional<std::pair<std::string, int>> SourceFormat::effective(const ParaFormat& f) const {
    if (f.num) {
        if (f.num->num_id == "0") return std::nullopt;
        return std::make_pair(f.num->num_id, f.num->ilvl);
    }
    docx::ParagraphStyle style = styles_.resolve(f.style);
    if (!style.num_id || *style.num_id == "0") return std::nullopt;
    int ilvl = 0;
    if (style.ilvl) ilvl = *style.ilvl;
    else if (int linked = numbering_.level_for_style(*style.num_id, style.id); linked >= 0) ilvl = linked;
    return std::make_pair(*style.num_id, std::clamp(ilvl, 0, 8));
}

std::string SourceFormat::peek(const ParaFormat& f, const docx::Numbering& counters) const {
    auto e = effective(f);
    return e ? counters.peek(e->first, e->second) : std::string();
}

void SourceFormat::advance(const ParaFormat& f, docx::Numbering& counters) const {
    if (auto e = effective(f)) counters.next(e->first, e->second);
}

}  // namespace onus::redline
