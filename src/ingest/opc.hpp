// Open Packaging Conventions: the parts of a DOCX and how they relate.
//
// A DOCX is found by following relationships, not fixed part names: the
// package's _rels/.rels names the main document, whose own .rels names the
// styles, numbering, notes, comments, headers and footers. The same parts
// arrive either in a zip (DOCX) or inlined in one XML file (Flat OPC,
// `pkg:package`, Word's "Word XML Document"); OpcPackage hides which, so the
// DOCX reader has one code path for both.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "ingest/xml.hpp"
#include "onus/ingest.hpp"

namespace onus::package { class ZipPackage; }

namespace onus::ingest {

struct Relationship {
    std::string id;
    std::string type;    // full type URI
    std::string target;  // resolved part name (no leading '/'), empty for external targets
    bool external = false;
};

// A parsed XML part: its root element and the namespace scope to read it.
// A Part keeps its tree alive (`owner`), even once the package has
// released it.
struct Part {
    std::string name;
    pugi::xml_node root;
    const Namespaces* ns = nullptr;
    std::shared_ptr<const void> owner;
    explicit operator bool() const { return static_cast<bool>(root); }
};

// A zipped part's bytes, inflated but not parsed, for a reader that parses
// it its own way (ingest/xml_pieces.hpp).
struct RawPart {
    std::string bytes;
    std::string where;  // the name errors give it: "file.docx: word/document.xml"
    XmlOptions xml;     // the options part() would parse it with
};

class OpcPackage {
public:
    // A zipped package. Throws Error (see package::ZipPackage).
    static OpcPackage from_zip(std::string_view bytes, const std::string& name, const LoadOptions& options);
    // A Flat OPC document (already sniffed as `pkg:package`).
    static OpcPackage from_flat(std::string_view bytes, const std::string& name, const LoadOptions& options);

    OpcPackage(OpcPackage&&) noexcept;
    ~OpcPackage();

    // The parsed part, or an empty Part when the package has none by that
    // name (OPC names are case-insensitive). Throws Error when it exists but
    // is malformed or over a limit.
    Part part(const std::string& name);

    // The bytes of a zipped part (read under the same limits as part()),
    // or nullopt when absent or when the package is Flat OPC (its parts
    // are parsed already). Not cached: part() would read it again.
    std::optional<RawPart> raw_part(const std::string& name);

    // Forget a part parsed by part(): its tree is freed as soon as no Part
    // handed out for it remains, and asking for it again parses it again.
    // Readers release each part once read, so that a package's trees are
    // not all held at once (the main document's is the largest thing a
    // DOCX read holds).
    void release(const std::string& name);

    // The relationships of `source` ("" for the package itself). External
    // targets are listed but never followed.
    std::vector<Relationship> relationships(const std::string& source);

    // The first internal target of `source` whose type ends with `/suffix`
    // ("officeDocument", "styles", ...), matching transitional and strict.
    std::optional<std::string> related(const std::string& source, std::string_view suffix);

    const std::string& name() const { return name_; }

private:
    OpcPackage() = default;
    struct Parsed;
    std::string name_;
    LoadOptions options_;
    std::unique_ptr<package::ZipPackage> zip_;
    std::unique_ptr<pugi::xml_document> flat_;
    std::map<std::string, pugi::xml_node> flat_parts_;  // lower-cased name -> root element
    std::map<std::string, std::shared_ptr<const Parsed>> parsed_;
};

// The part holding the relationships of `source`: "word/document.xml" ->
// "word/_rels/document.xml.rels"; "" -> "_rels/.rels".
std::string rels_part_for(const std::string& source);

}  // namespace onus::ingest
