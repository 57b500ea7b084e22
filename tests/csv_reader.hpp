// A strict RFC 4180 reader for the CSV writers' tests (report formats,
// vendor matrix, GRC exports): one copy, so that all of them hold the
// writers to the same rules.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace onus::test {

// A strict RFC 4180 reader: CRLF after every record, quotes only around a
// whole field, doubled inside; anything else fails the test.
inline std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    std::size_t i = 0;
    bool at_field_start = true;
    while (i < text.size()) {
        char c = text[i];
        if (at_field_start && c == '"') {
            ++i;
            while (true) {
                REQUIRE(i < text.size());  // an unterminated quoted field
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
            REQUIRE((i == text.size() || text[i] == ',' || text[i] == '\r'));
            at_field_start = false;
            continue;
        }
        if (c == ',') {
            row.push_back(field);
            field.clear();
            at_field_start = true;
            ++i;
        } else if (c == '\r') {
            REQUIRE(i + 1 < text.size());
            REQUIRE(text[i + 1] == '\n');
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            at_field_start = true;
            i += 2;
        } else {
            REQUIRE(c != '\n');  // a bare LF
            REQUIRE(c != '"');   // a quote inside an unquoted field
            field += c;
            at_field_start = false;
            ++i;
        }
    }
    REQUIRE(row.empty());  // the last record ends with CRLF too
    REQUIRE(field.empty());
    return rows;
}

}  // namespace onus::test
