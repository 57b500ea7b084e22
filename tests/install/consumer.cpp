// Reads a document through the installed library and prints its clause count.
#include <iostream>

#include <onus/ingest.hpp>

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    try {
        onus::Document doc = onus::load(argv[1]);
        std::cout << doc.clauses.size() << " clauses\n";
        return doc.clauses.empty() ? 1 : 0;
    } catch (const onus::Error& e) {
        std::cerr << e.what() << '\n';
        return 1;
    }
}
