// bench/floor.cpp: the floor cost of reading a DOCX. Inflates
// word/document.xml with libzip, parses it with pugixml (parse_default) and
// counts the w:t elements. Any DOCX reader pays at least this much, so onus's
// own timings can be compared against it.
//
//   g++ -O2 -std=c++20 bench/floor.cpp -lzip -lpugixml -o build/bench-floor
//   build/bench-floor bench/out/a1000.docx
//
// stdout: the number of w:t elements. stderr: inflate and parse times.
// Matches the element name "w:t" literally (the prefix Word writes).

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <pugixml.hpp>
#include <zip.h>

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

bool inflate_entry(const char* path, const char* entry, std::vector<char>& out) {
    int err = 0;
    zip_t* za = zip_open(path, ZIP_RDONLY, &err);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        std::fprintf(stderr, "%s: %s\n", path, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return false;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(za, entry, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        std::fprintf(stderr, "%s: no %s\n", path, entry);
        zip_close(za);
        return false;
    }
    zip_file_t* zf = zip_fopen_index(za, st.index, 0);
    if (!zf) {
        std::fprintf(stderr, "%s: cannot open %s: %s\n", path, entry, zip_strerror(za));
        zip_close(za);
        return false;
    }
    out.resize(static_cast<std::size_t>(st.size));
    std::size_t got = 0;
    while (got < out.size()) {
        zip_int64_t n = zip_fread(zf, out.data() + got, out.size() - got);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    zip_fclose(zf);
    zip_close(za);
    if (got != out.size()) {
        std::fprintf(stderr, "%s: short read of %s\n", path, entry);
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s FILE.docx\n", argv[0]);
        return 2;
    }
    auto t0 = Clock::now();
    std::vector<char> xml;
    if (!inflate_entry(argv[1], "word/document.xml", xml)) return 1;
    double t_inflate = ms_since(t0);

    auto t1 = Clock::now();
    pugi::xml_document doc;
    pugi::xml_parse_result res = doc.load_buffer_inplace(xml.data(), xml.size(), pugi::parse_default);
    if (!res) {
        std::fprintf(stderr, "%s: word/document.xml: %s at offset %lld\n", argv[1], res.description(),
                     static_cast<long long>(res.offset));
        return 1;
    }
    double t_parse = ms_since(t1);

    auto t2 = Clock::now();
    std::size_t count = 0;
    // Iterative pre-order walk (no recursion, no xpath).
    pugi::xml_node n = doc.first_child();
    while (n) {
        if (n.type() == pugi::node_element && std::strcmp(n.name(), "w:t") == 0) ++count;
        if (n.first_child()) {
            n = n.first_child();
        } else {
            while (n && !n.next_sibling()) n = n.parent();
            if (n) n = n.next_sibling();
        }
    }
    double t_walk = ms_since(t2);

    std::printf("%zu\n", count);
    std::fprintf(stderr, "document.xml %zu bytes: inflate %.1f ms, parse %.1f ms, walk %.1f ms, total %.1f ms\n",
                 xml.size(), t_inflate, t_parse, t_walk, ms_since(t0));
    return 0;
}
