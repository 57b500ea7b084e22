#include "cli/staged_output.hpp"

#include <vector>

namespace onus::cli {

StagedOutput::StagedOutput(std::size_t memory_bytes) : memory_bytes_(memory_bytes) {}

StagedOutput::int_type StagedOutput::overflow(int_type c) {
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        const char ch = traits_type::to_char_type(c);
        put(&ch, 1);
    }
    return traits_type::not_eof(c);
}

std::streamsize StagedOutput::xsputn(const char* s, std::streamsize n) {
    put(s, static_cast<std::size_t>(n));
    return n;
}

void StagedOutput::put(const char* s, std::size_t n) {
    size_ += n;
    if (!file_ && memory_.size() + n > memory_bytes_ && memory_bytes_ != 0) {
        file_.reset(std::tmpfile());
        if (file_) {
            if (std::fwrite(memory_.data(), 1, memory_.size(), file_.get()) != memory_.size()) file_failed_ = true;
            std::string().swap(memory_);
        } else {
            memory_bytes_ = 0;  // no temporary file to be had: memory it is, without asking again
        }
    }
    if (file_) {
        if (std::fwrite(s, 1, n, file_.get()) != n) file_failed_ = true;
    } else {
        // Room for all the memory may hold at once: growing by doubling
        // would hold two copies for a moment, and leave up to twice as much.
        if (memory_.capacity() < memory_bytes_ && memory_.size() + n > memory_.capacity()) memory_.reserve(memory_bytes_);
        memory_.append(s, n);
    }
}

bool StagedOutput::commit(std::ostream& out) {
    if (!file_) {
        out.write(memory_.data(), static_cast<std::streamsize>(memory_.size()));
        out.flush();
        return static_cast<bool>(out);
    }
    if (file_failed_ || std::fflush(file_.get()) != 0) return false;
    std::rewind(file_.get());
    std::vector<char> chunk(1u << 16);
    std::size_t copied = 0;
    while (std::size_t got = std::fread(chunk.data(), 1, chunk.size(), file_.get())) {
        out.write(chunk.data(), static_cast<std::streamsize>(got));
        copied += got;
    }
    out.flush();
    return copied == size_ && static_cast<bool>(out);
}

}  // namespace onus::cli
