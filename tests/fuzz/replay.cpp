// Replays fuzz corpora without libFuzzer, so that g++ builds and CI run
// every seed and every past finding: `onus_fuzz_replay DIR_OR_FILE...`.
// Exits non-zero if a target throws anything but onus::Error (a crash ends
// the process, which CTest reports as a failure too).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        fs::path p = argv[i];
        if (fs::is_directory(p)) {
            for (const auto& e : fs::recursive_directory_iterator(p))
                if (e.is_regular_file()) files.push_back(e.path());
        } else if (fs::is_regular_file(p)) {
            files.push_back(p);
        }
    }
    std::size_t done = 0;
    for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        try {
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        } catch (const std::exception& e) {
            std::cerr << file.string() << ": escaped exception: " << e.what() << '\n';
            return 1;
        }
        ++done;
    }
    std::cout << done << " passed, 0 failed\n";
    return done > 0 ? 0 : 1;
}
