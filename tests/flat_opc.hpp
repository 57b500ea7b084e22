// Builds small Word documents as Flat OPC text for tests: the DOCX reader
// reads Flat OPC through the same code path as zipped DOCX, so a test can
// state a document's XML inline and check what onus renders.
#pragma once

#include <string>

namespace onus::test {

struct WordParts {
    std::string body;       // the content of w:body
    std::string numbering;  // the content of w:numbering (empty: no numbering part)
    std::string styles;     // the content of w:styles (empty: no styles part)
    std::string footnotes;  // the content of w:footnotes
    std::string comments;   // the content of w:comments
};

inline const char* kW =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
    "xmlns:v=\"urn:schemas-microsoft-com:vml\"";

inline std::string flat_opc(const WordParts& parts) {
    const std::string rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    auto part = [](const std::string& name, const std::string& xml) {
        return "<pkg:part pkg:name=\"" + name + "\" pkg:contentType=\"application/xml\"><pkg:xmlData>" + xml +
               "</pkg:xmlData></pkg:part>";
    };
    std::string doc_rels;
    std::string extra;
    auto add = [&](const std::string& id, const std::string& type, const std::string& target,
                   const std::string& root, const std::string& content) {
        if (content.empty()) return;
        doc_rels += "<Relationship Id=\"" + id + "\" Type=\"" + rel_ns + type + "\" Target=\"" + target + "\"/>";
        extra += part("/word/" + target, "<w:" + root + " " + kW + ">" + content + "</w:" + root + ">");
    };
    add("rId1", "numbering", "numbering.xml", "numbering", parts.numbering);
    add("rId2", "styles", "styles.xml", "styles", parts.styles);
    add("rId3", "footnotes", "footnotes.xml", "footnotes", parts.footnotes);
    add("rId4", "comments", "comments.xml", "comments", parts.comments);
    std::string pkg_rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
           "<pkg:package xmlns:pkg=\"http://schemas.microsoft.com/office/2006/xmlPackage\">" +
           part("/_rels/.rels", "<Relationships xmlns=\"" + pkg_rels_ns +
                                    "\"><Relationship Id=\"rId1\" Type=\"" + rel_ns +
                                    "officeDocument\" Target=\"word/document.xml\"/></Relationships>") +
           part("/word/_rels/document.xml.rels",
                "<Relationships xmlns=\"" + pkg_rels_ns + "\">" + doc_rels + "</Relationships>") +
           part("/word/document.xml", std::string("<w:document ") + kW + "><w:body>" + parts.body +
                                          "</w:body></w:document>") +
           extra + "</pkg:package>";
}

// A paragraph with plain text and optional numbering.
inline std::string para(const std::string& text, const std::string& num_id = "", int ilvl = 0,
                        const std::string& style = "") {
    std::string ppr;
    if (!style.empty()) ppr += "<w:pStyle w:val=\"" + style + "\"/>";
    if (!num_id.empty())
        ppr += "<w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:numId w:val=\"" + num_id +
               "\"/></w:numPr>";
    return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + "<w:r><w:t xml:space=\"preserve\">" +
           text + "</w:t></w:r></w:p>";
}

}  // namespace onus::test
