#include "report/json_stream.hpp"

#include <charconv>

#include "onus/text.hpp"

namespace onus {

void JsonStream::newline_indent(std::size_t depth) {
    out_ += '\n';
    out_.append(depth * static_cast<std::size_t>(indent_), ' ');
}

void JsonStream::flush() {
    if (!sink_) return;
    sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
}

void JsonStream::element() {
    // Between two values the text written so far is final: a piece ends here.
    if (sink_ && out_.size() >= kPieceBytes) flush();
    if (after_key_) {  // the value of a member: right after "key": (or "key":)
        after_key_ = false;
        return;
    }
    if (empty_.empty()) return;  // the root
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
    if (indent_ >= 0) newline_indent(empty_.size());
}

void JsonStream::open(char bracket) {
    element();
    out_ += bracket;
    empty_.push_back(true);
}

void JsonStream::close(char bracket) {
    bool was_empty = empty_.back();
    empty_.pop_back();
    if (!was_empty && indent_ >= 0) newline_indent(empty_.size());
    out_ += bracket;
}

void JsonStream::key(std::string_view k) {
    element();
    escaped(k);
    out_ += indent_ >= 0 ? ": " : ":";
    after_key_ = true;
}

void JsonStream::value(std::string_view s) {
    element();
    escaped(s);
}

void JsonStream::value(bool b) {
    element();
    out_ += b ? "true" : "false";
}

void JsonStream::null() {
    element();
    out_ += "null";
}

void JsonStream::value(const Json& j) {
    element();
    using Serializer = nlohmann::detail::serializer<Json>;
    Serializer s(nlohmann::detail::output_adapter<char, std::string>(out_), ' ', Json::error_handler_t::replace);
    const auto depth = static_cast<unsigned>(empty_.size());
    if (indent_ >= 0) s.dump(j, true, false, static_cast<unsigned>(indent_), depth * static_cast<unsigned>(indent_));
    else s.dump(j, false, false, 0);
}

void JsonStream::strings(const std::vector<std::string>& items) {
    begin_array();
    for (const std::string& s : items) value(s);
    end_array();
}

void JsonStream::append_integer(long long s, bool is_signed, unsigned long long u) {
    char buf[24];
    auto r = is_signed ? std::to_chars(buf, buf + sizeof buf, s) : std::to_chars(buf, buf + sizeof buf, u);
    out_.append(buf, r.ptr);
}

// nlohmann's escapes with ensure_ascii off: '"', '\\' and the C0 controls
// (\b \t \n \f \r by name, the others as \u00xx); everything else, UTF-8
// included, as is. Ill-formed UTF-8 (the readers sanitise, so only in
// theory) goes through nlohmann for its U+FFFD replacement.
// The text is escaped first and checked after, only when it holds a
// non-ASCII byte: most strings are ASCII and take one pass.
void JsonStream::escaped(std::string_view s) {
    const std::size_t mark = out_.size();
    unsigned char high = 0;  // any byte >= 0x80 sets the top bit
    out_ += '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        high |= c;
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out_.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out_ += "\\\""; break;
            case '\\': out_ += "\\\\"; break;
            case '\b': out_ += "\\b"; break;
            case '\t': out_ += "\\t"; break;
            case '\n': out_ += "\\n"; break;
            case '\f': out_ += "\\f"; break;
            case '\r': out_ += "\\r"; break;
            default: {
                static const char hex[] = "0123456789abcdef";
                out_ += "\\u00";
                out_ += hex[c >> 4];
                out_ += hex[c & 0xF];
            }
        }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
    if ((high & 0x80) && !is_valid_utf8(s)) {
        out_.resize(mark);
        Json j = std::string(s);
        out_ += j.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
}

}  // namespace onus
