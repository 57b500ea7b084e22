// Fuzz target: any bytes through load_bytes() in every change view. The
// only acceptable outcomes are a Document or an onus::Error; anything else
// (a crash, another exception, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onus/ingest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (auto view : {onus::ChangeView::accept, onus::ChangeView::reject, onus::ChangeView::markup}) {
        onus::LoadOptions options;
        options.changes = view;
        try {
            onus::Document doc = onus::load_bytes(bytes, "fuzz", options);
            (void)doc;
        } catch (const onus::Error&) {
        }
    }
    return 0;
}
