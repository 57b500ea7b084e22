// The OLD document's Word formatting, for the redline to keep: its style
// and numbering parts as they are, and each body paragraph's own style id
// and direct numbering (w:pStyle, w:numPr), found by reading the package
// again. The document model keeps style names and rendered labels, not the
// ids and numbering references Word needs to write them back.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/docx/numbering.hpp"
#include "ingest/docx/styles.hpp"
#include "onus/document.hpp"

namespace onus::redline {

// A paragraph's numbering reference (w:numPr). num_id "0" switches off the
// numbering its style would give.
struct NumRef {
    std::string num_id;
    int ilvl = 0;
    bool operator==(const NumRef&) const = default;
};

// The paragraph properties the redline writes: a style id ("" for the
// default paragraph style), a direct numbering reference, and OLD's other
// direct paragraph properties (alignment, indents, outline level...) as
// WordprocessingML, those that go before w:numPr and those after.
struct ParaFormat {
    std::string style;
    std::optional<NumRef> num;
    std::string head, tail;
    bool operator==(const ParaFormat&) const = default;
};

class SourceFormat {
public:
    // The formatting of `doc`'s package, read again from doc.path; nullopt
    // when `doc` is not DOCX or Flat OPC, the file cannot be read, or its
    // style or numbering parts have relationships of their own (picture
    // bullets, embedded fonts) that a plain copy would leave dangling.
    static std::optional<SourceFormat> read(const Document& doc);

    // The format of the body paragraph `b` came from; nullptr for blocks
    // outside the main part (notes, headers) or beyond it.
    const ParaFormat* of(const Block& b) const;

    bool has_style(const std::string& id) const { return styles_.all().count(id) != 0; }

    // The label a paragraph of this format gets next under `counters`, as
    // onus's DOCX reader renders it ("" when it is not numbered); advance()
    // moves the counters on as that paragraph would.
    std::string peek(const ParaFormat& f, const docx::Numbering& counters) const;
    void advance(const ParaFormat& f, docx::Numbering& counters) const;

    // Fresh counters over the numbering definitions.
    const docx::Numbering& numbering() const { return numbering_; }

    // Parts to copy into the redline, by name ("word/styles.xml" ...), with
    // the relationship type suffix ("styles", "numbering", "theme",
    // "fontTable") and the XML.
    struct CopiedPart {
        std::string name, rel_type, xml;
    };
    const std::vector<CopiedPart>& parts() const { return parts_; }

private:
    std::optional<std::pair<std::string, int>> effective(const ParaFormat& f) const;
    void resolve_numbering(ParaFormat& p) const;
    bool describes(const Document& doc) const;

    std::string main_part_;
    std::vector<ParaFormat> paragraphs_;  // by paragraph index in the main part, the reader's order
    docx::Styles styles_;
    docx::Numbering numbering_;
    std::vector<CopiedPart> parts_;
};

}  // namespace onus::redline
