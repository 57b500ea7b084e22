// Fuzz target: two Markdown texts compared clause by clause. The input
// splits at its first NUL into an old and a new text (with no NUL, the text
// is compared with itself); each is read with load_bytes (by its content:
// Markdown when it looks like Markdown, else plain text, or XML/DOCX when
// the fuzzer makes one; an input the reader refuses, e.g. empty, is skipped),
// the clauses are aligned, and every aligned pair is diffed word by word in
// both normalised and exact mode. Properties (abort on violation):
//   - the edits tile both texts: their old_text joined is the old clause's
//     text, their new_text joined is the new clause's text, in both modes;
//   - consecutive edits never share an op;
//   - text_changed of a one-to-one pair agrees with the normalised word diff;
//   - every clause of both documents appears exactly once in the alignment
//     (old_index or also_old; new_index or also_new), and indices are in range;
//   - a document compared with itself (no NUL) comes out all unchanged.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "onus/diff.hpp"
#include "onus/ingest.hpp"

namespace {

std::optional<onus::Document> read_document(std::string_view text) {
    try {
        return onus::load_bytes(text, "a.md");
    } catch (const onus::Error&) {
        return std::nullopt;
    }
}

// Returns whether the diff found a change.
bool check_tiling(const std::string& old_text, const std::string& new_text, bool exact) {
    onus::DiffOptions options;
    options.exact = exact;
    const std::vector<onus::Edit> edits = onus::diff_words(old_text, new_text, options);
    std::string old_joined, new_joined;
    for (std::size_t i = 0; i < edits.size(); ++i) {
        const onus::Edit& e = edits[i];
        if (i > 0) ONUS_FUZZ_CHECK(edits[i - 1].op != e.op);
        if (e.op == onus::Edit::Op::insert) ONUS_FUZZ_CHECK(e.old_text.empty());
        if (e.op == onus::Edit::Op::del) ONUS_FUZZ_CHECK(e.new_text.empty());
        if (exact && e.op == onus::Edit::Op::equal) ONUS_FUZZ_CHECK(e.old_text == e.new_text);
        old_joined += e.old_text;
        new_joined += e.new_text;
    }
    ONUS_FUZZ_CHECK(old_joined == old_text);
    ONUS_FUZZ_CHECK(new_joined == new_text);
    if (old_text == new_text) ONUS_FUZZ_CHECK(!onus::has_changes(edits));
    return onus::has_changes(edits);
}

void count_once(std::vector<int>& seen, std::size_t index) {
    ONUS_FUZZ_CHECK(index < seen.size());
    ++seen[index];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto [first, second] = onus::fuzz::split_input(bytes, false);
    const bool has_nul = first.size() != bytes.size();
    const std::optional<onus::Document> old_doc = read_document(first);
    const std::optional<onus::Document> new_doc = read_document(has_nul ? second : first);
    if (!old_doc || !new_doc) return 0;

    const onus::Alignment alignment = onus::align_clauses(*old_doc, *new_doc);
    std::vector<int> old_seen(old_doc->clauses.size(), 0), new_seen(new_doc->clauses.size(), 0);
    for (const onus::ClausePair& pair : alignment.pairs) {
        ONUS_FUZZ_CHECK(pair.old_index || pair.new_index);
        if (pair.old_index) count_once(old_seen, *pair.old_index);
        if (pair.new_index) count_once(new_seen, *pair.new_index);
        for (std::size_t i : pair.also_old) count_once(old_seen, i);
        for (std::size_t i : pair.also_new) count_once(new_seen, i);
        ONUS_FUZZ_CHECK(pair.similarity >= 0.0 && pair.similarity <= 1.0 + 1e-9);
        // A document compared with itself has not changed.
        if (!has_nul) ONUS_FUZZ_CHECK(pair.kind == onus::ChangeKind::unchanged);
        if (!pair.old_index || !pair.new_index) continue;
        const std::string& old_text = old_doc->clauses[*pair.old_index].text;
        const std::string& new_text = new_doc->clauses[*pair.new_index].text;
        const bool changed = check_tiling(old_text, new_text, false);
        check_tiling(old_text, new_text, true);
        // onus/diff.hpp: alignment and word diff agree on whether a clause
        // changed (both normalise); a split or merge compares joined texts.
        if (pair.also_old.empty() && pair.also_new.empty()) ONUS_FUZZ_CHECK(pair.text_changed == changed);
    }
    for (int n : old_seen) ONUS_FUZZ_CHECK(n == 1);
    for (int n : new_seen) ONUS_FUZZ_CHECK(n == 1);
    return 0;
}
