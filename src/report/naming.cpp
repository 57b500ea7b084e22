#include "report/naming.hpp"

#include <cctype>
#include <filesystem>

namespace onus::report {
namespace {

std::string trimmed(const std::string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

bool role_word(const std::string& name) {
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == "provider" || lower == "service provider" || lower == "vendor" || lower == "supplier" ||
           lower == "company" || lower == "licensor";
}

}  // namespace

std::string provider_label(const Document& doc) {
    std::string provider;
    for (const Party& p : doc.parties)
        if (p.role == "provider") provider = trimmed(p.name);
    const std::string title = trimmed(doc.title);
    if (!provider.empty() && (!role_word(provider) || title.empty())) return provider;
    if (!title.empty()) return title;
    return trimmed(std::filesystem::path(doc.path).stem().string());
}

}  // namespace onus::report
