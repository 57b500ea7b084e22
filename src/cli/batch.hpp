// Batch mode for `onus scan`: thousands of agreements, one JSON line each.
//
//   onus::cli::BatchOptions options;
//   options.inputs = {"corpus/"};
//   options.jobs = 4;
//   int status = onus::cli::run_batch(pack, options, std::cout, std::cerr);
//
// Files are loaded and analysed on `jobs` threads (load() and analyze() keep
// no shared state; a RulePack is immutable), each record is rendered to a
// string in the worker and written whole under a lock, then flushed, so the
// output streams into a pipe as documents finish. Memory stays bounded by the
// documents in flight: in input order (the default), a worker starts a file
// only while it is fewer than 2*jobs files ahead of the next one to write, so
// at most about 2*jobs finished records wait for an earlier one.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/ingest.hpp"
#include "onus/patterns.hpp"

namespace onus::cli {

struct BatchOptions {
    // Files and folders. A folder is walked recursively, in sorted path
    // order, skipping hidden entries (names starting with '.') and keeping
    // only the extensions of formats onus reads (batch_extensions()): a real
    // corpus folder also holds PDFs, spreadsheets and .DS_Store files, and
    // an error record for each would drown the real failures. A file named
    // explicitly is always tried whatever its name (the format is detected
    // from the content), and is reported when onus cannot read it.
    // "-" reads more paths from `path_list`, one per line (blank lines skipped).
    std::vector<std::string> inputs;
    unsigned jobs = 1;              // worker threads; 0 means one per hardware thread
    bool unordered = false;         // emit records as they finish instead of in input order
    LoadOptions load;
    AnalysisOptions analysis;
    std::optional<Severity> fail_on;  // exit 1 when a finding at or above exists (and no file failed)
    bool progress = false;          // a carriage-return-updated progress line on `err` (set it when stderr is a TTY)
    std::istream* path_list = nullptr;  // where an input "-" reads paths from (the CLI passes std::cin)
};

// The file name extensions a folder walk keeps (lower case, with the dot).
const std::vector<std::string>& batch_extensions();

// The files a batch scans, in the order their records are written (ordered
// mode): inputs in the order given, each folder's files sorted by path.
// A folder that cannot be walked, or an input that does not exist, stays in
// the list as itself, so that its load fails with an io error record.
std::vector<std::string> collect_batch_files(const BatchOptions& options);

// Streams one JSON record per line (JSONL) to `out` as documents finish:
//   {"path": "...", "analysis": {onus.analysis/1 without the "blocks" arrays}}
//   {"path": "...", "error": {"code": 3, "kind": "malformed", "message": "..."}}
// One bad file never stops the batch. Returns the exit status: the code of
// the first failed file in input order when any failed; else 1 when a
// finding reached fail_on; else 0 (6 when `out` itself could not be written).
// Ends with a summary line on `err`:
//   onus: scanned N files: K ok, F failed (T s, R files/s)
// Output is byte-identical whatever `jobs` is (in ordered mode).
int run_batch(const RulePack& pack, const BatchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace onus::cli
