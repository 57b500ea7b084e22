// report/json_stream.hpp: a JSON writer that appends straight to a string.
//
// The scan and batch reports of a long agreement are megabytes of JSON;
// building them as an nlohmann tree first cost more than the analysis (every
// clause text copied into the tree, one allocation per node, the tree freed
// after). JsonStream writes the same bytes as
// Json::dump(indent, ' ', false, Json::error_handler_t::replace) would for
// the same tree: "key": value with two-space indents when pretty, no spaces
// when compact, "{}" and "[]" for empty containers, the same escapes, invalid
// UTF-8 replaced by U+FFFD. Small subtrees built elsewhere (quantity_json)
// are written through nlohmann itself, so their formatting is nlohmann's.
//
//   std::string out;
//   JsonStream w(out, 2);
//   w.begin_object();
//   w.key("id"); w.value(clause.id);
//   w.end_object();
//
// Written to a std::ostream instead, it passes the text on in pieces of
// about kPieceBytes, so that a report of many megabytes is never held whole
// (call flush() at the end).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "report/json.hpp"

namespace onus {

class JsonStream {
public:
    // indent < 0: compact (one line); else pretty with that many spaces.
    JsonStream(std::string& out, int indent) : out_(out), indent_(indent) {}
    // Into `sink`, in pieces; flush() passes on the last one.
    JsonStream(std::ostream& sink, int indent) : out_(piece_), indent_(indent), sink_(&sink) {}
    JsonStream(const JsonStream&) = delete;
    JsonStream& operator=(const JsonStream&) = delete;

    // Pass what is written so far on to the sink (nothing without one).
    void flush();
    // Append raw text (a final newline), as it is.
    void raw(std::string_view text) { out_ += text; }

    static constexpr std::size_t kPieceBytes = 64u << 10;

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    // The next member's key; its value follows with one of the calls below.
    void key(std::string_view k);

    void value(std::string_view s);
    void value(const std::string& s) { value(std::string_view(s)); }
    void value(const char* s) { value(std::string_view(s)); }
    void value(bool b);
    void null();
    template <typename Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int> = 0>
    void value(Int n) {
        element();
        append_integer(static_cast<long long>(n), std::is_signed_v<Int>, static_cast<unsigned long long>(n));
    }
    // A subtree built as a Json value, written at the current depth.
    void value(const Json& j);

    // Convenience: "key": value.
    template <typename T>
    void member(std::string_view k, const T& v) {
        key(k);
        value(v);
    }

    // An array of strings ("clauses": ["1.1", "2"]).
    void strings(const std::vector<std::string>& items);

private:
    void open(char bracket);
    void close(char bracket);
    // Separator and indentation before an array element (nothing after a key).
    void element();
    void newline_indent(std::size_t depth);
    void append_integer(long long s, bool is_signed, unsigned long long u);
    void escaped(std::string_view s);

    std::string piece_;  // the buffer when writing to a sink
    std::string& out_;
    int indent_;
    std::ostream* sink_ = nullptr;
    std::vector<bool> empty_;  // per open container: nothing written in it yet
    bool after_key_ = false;
};

}  // namespace onus
