// load(): read the file, detect its format from the content, hand it to the
// reader for that format, then build the clause tree.
#include <filesystem>
#include <fstream>
#include <system_error>

#include "ingest/readers.hpp"
#include "onus/error.hpp"
#include "onus/ingest.hpp"
#include "onus/structure.hpp"

namespace onus {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The root element's qualified name of an XML text, found without parsing:
// skip the BOM, the declaration, comments, processing instructions and a
// DOCTYPE. Enough to route the bytes to the right reader.
std::string root_element_name(std::string_view s) {
    if (starts_with(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
    std::size_t i = 0;
    for (int guard = 0; guard < 64; ++guard) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
        if (i >= s.size() || s[i] != '<') return {};
        std::string_view rest = s.substr(i);
        std::size_t end;  // index of the construct's last character
        auto through = [&](std::string_view terminator) {
            std::size_t at = rest.find(terminator);
            return at == std::string_view::npos ? at : at + terminator.size() - 1;
        };
        if (starts_with(rest, "<?"))
            end = through("?>");
        else if (starts_with(rest, "<!--"))
            end = through("-->");
        else if (starts_with(rest, "<!DOCTYPE")) {
            // Internal subsets may contain '>' inside brackets.
            std::size_t bracket = rest.find('[');
            std::size_t close = rest.find('>');
            end = (bracket != std::string_view::npos && bracket < close) ? through("]>") : close;
        } else {
            std::size_t j = 1;
            while (j < rest.size() && rest[j] != ' ' && rest[j] != '>' && rest[j] != '/' && rest[j] != '\t' &&
                   rest[j] != '\r' && rest[j] != '\n')
                ++j;
            return std::string(rest.substr(1, j - 1));
        }
        if (end == std::string_view::npos) return {};
        i += end + 1;
    }
    return {};
}

std::string_view local(std::string_view qname) {
    auto colon = qname.find(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

}  // namespace

std::string sniff_format(std::string_view bytes) {
    if (bytes.empty()) return "empty";
    if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06")) {
        // ODF puts an uncompressed "mimetype" entry first, so its media type
        // stands in the first bytes of the file.
        if (bytes.size() > 38 && bytes.substr(30, 8) == "mimetype" &&
            bytes.substr(0, 200).find("application/vnd.oasis.opendocument.text") != std::string_view::npos)
            return "odt";
        return "docx";
    }
    if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return "ole2";
    if (starts_with(bytes, "%PDF")) return "pdf";
    if (starts_with(bytes, "{\\rtf")) return "rtf";
    std::string root = root_element_name(bytes);
    if (!root.empty()) {
        std::string_view name = local(root);
        if (name == "package") return "flat-opc";
        if (name == "wordDocument") return "word2003";
        if (name == "akomaNtoso") return "akoma-ntoso";
        if (name == "document" && starts_with(root, "office:")) return "flat-odt";
        return "xml";
    }
    return "text";
}

namespace {

using Reader = void (*)(std::string_view, const LoadOptions&, Document&);

// Every format onus reads, by the name sniff_format() gives it. Formats
// known but not read (PDF, RTF, legacy OLE2) are refused by name below.
struct Format {
    const char* name;
    Reader read;
};
constexpr Format kReaders[] = {
    {"docx", ingest::read_docx},
    {"flat-opc", ingest::read_flat_opc},
    {"odt", ingest::read_odt},
    {"flat-odt", ingest::read_flat_odt},
    {"word2003", ingest::read_word2003},
    {"akoma-ntoso", ingest::read_akoma_ntoso},
    {"xml", ingest::read_generic_xml},
    {"markdown", ingest::read_markdown},
    {"text", ingest::read_plain_text},
};

}  // namespace

Document load_bytes(std::string_view bytes, const std::string& name, const LoadOptions& options) {
    if (bytes.size() > options.limits.max_file_bytes)
        throw Error(ErrorCode::limit, name, "file is larger than the " +
                                                std::to_string(options.limits.max_file_bytes >> 20) + " MiB limit");
    Document doc;
    doc.path = name;
    std::string format = sniff_format(bytes);
    if (format == "empty") throw Error(ErrorCode::malformed, name, "empty file");
    if (format == "ole2")
        throw Error(ErrorCode::unsupported, name,
                    "encrypted or legacy Word document (OLE2 compound file): save it as DOCX without a password");
    if (format == "text" && ingest::looks_like_markdown(bytes)) format = "markdown";
    const Format* reader = nullptr;
    for (const Format& f : kReaders)
        if (format == f.name) reader = &f;
    if (!reader) throw Error(ErrorCode::unsupported, name, "unsupported format: " + format);
    reader->read(bytes, options, doc);
    build_clauses(doc);
    find_parties(doc);
    return doc;
}

Document load(const std::string& path, const LoadOptions& options) {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) throw Error(ErrorCode::io, path, "no such file");
    if (std::filesystem::is_directory(status)) throw Error(ErrorCode::io, path, "is a directory, not a file");
    if (!std::filesystem::is_regular_file(status)) throw Error(ErrorCode::io, path, "not a regular file");
    auto size = std::filesystem::file_size(path, ec);
    if (ec) throw Error(ErrorCode::io, path, "cannot read: " + ec.message());
    if (size > options.limits.max_file_bytes)
        throw Error(ErrorCode::limit, path,
                    "file is larger than the " + std::to_string(options.limits.max_file_bytes >> 20) + " MiB limit");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::io, path, "cannot open for reading");
    std::string bytes(size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) throw Error(ErrorCode::io, path, "short read");
    return load_bytes(bytes, path, options);
}

}  // namespace onus
