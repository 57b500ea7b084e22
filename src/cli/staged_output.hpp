// cli/staged_output.hpp: a report held back until it is complete.
//
// The commands render a whole report before any of it reaches stdout or the
// -o file, so that a failure half-way never leaves a partial result behind.
// Holding the report in memory made the report the largest thing a command
// kept (a scan's JSON of a 1,000-page agreement is 40 MB, ten times its
// text). StagedOutput keeps the first `memory_bytes` (256 KiB by default:
// most reports are smaller) in memory and moves everything to an unnamed temporary file (std::tmpfile: gone when
// closed, even on a crash) once the report outgrows them; commit() then
// copies it all to the destination. When no temporary file can be made, it
// all stays in memory, as before.
//
//   StagedOutput staged;
//   std::ostream out(&staged);
//   onus::write_analysis_json(doc, analysis, out);  // may throw: nothing written yet
//   staged.commit(std::cout);
//
// Not thread-safe: one writer.
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

namespace onus::cli {

class StagedOutput : public std::streambuf {
public:
    // Bytes past `memory_bytes` go to a temporary file.
    explicit StagedOutput(std::size_t memory_bytes = kDefaultMemoryBytes);
    StagedOutput(const StagedOutput&) = delete;
    StagedOutput& operator=(const StagedOutput&) = delete;

    // Copy everything written so far to `out`, in order. Returns false when
    // the temporary file could not be read back or `out` failed.
    bool commit(std::ostream& out);

    // Bytes written so far.
    std::size_t size() const noexcept { return size_; }
    // True once bytes went to the temporary file (for the tests).
    bool spilled() const noexcept { return file_ != nullptr; }

    static constexpr std::size_t kDefaultMemoryBytes = 256u << 10;

protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;

private:
    void put(const char* s, std::size_t n);

    struct CloseFile {
        void operator()(std::FILE* f) const noexcept { std::fclose(f); }
    };
    std::size_t memory_bytes_;
    std::string memory_;  // the first bytes; then a write buffer for the file
    std::unique_ptr<std::FILE, CloseFile> file_;
    bool file_failed_ = false;  // a write to the file failed: commit() fails
    std::size_t size_ = 0;
};

}  // namespace onus::cli
