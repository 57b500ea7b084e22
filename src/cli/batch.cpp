// Batch mode for `onus scan`: a work queue over the input files, `jobs`
// threads taking files from it in input order, and one lock that guards the
// queue, the reorder buffer, the counters and the output stream.
#include "cli/batch.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <istream>
#include <map>
#include <mutex>
#include <new>
#include <ostream>
#include <system_error>
#include <thread>

#include "onus/error.hpp"
#include "report/json.hpp"
#include "report/json_stream.hpp"

namespace onus::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// One file to scan. `error` is set when the walk itself failed for it, so
// that the failure still gets its record in the right place.
struct Item {
    std::string path;
    std::string error;
};

bool hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name.front() == '.';
}

bool wanted(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    const auto& exts = batch_extensions();
    return std::find(exts.begin(), exts.end(), ext) != exts.end();
}

// Every wanted file under `root`, sorted by path (element by element, so a
// folder's files stay together). Symbolic links to folders are not followed
// (no cycles); permission-denied subfolders are skipped, as `find` would
// report and pass them.
void walk(const std::string& root, std::vector<Item>& items) {
    std::vector<fs::path> found;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        items.push_back({root, "cannot read the folder: " + ec.message()});
        return;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            items.push_back({root, "cannot read the folder: " + ec.message()});
            break;
        }
        std::error_code type_ec;
        const fs::path& p = it->path();
        if (hidden(p)) {
            if (it->is_directory(type_ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(type_ec) && wanted(p)) found.push_back(p);
    }
    std::sort(found.begin(), found.end());
    for (const fs::path& p : found) items.push_back({p.string(), ""});
}

void add_input(const std::string& input, std::vector<Item>& items) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) walk(input, items);
    else items.push_back({input, ""});  // load() reports a missing or unreadable file
}

std::vector<Item> collect(const BatchOptions& options) {
    std::vector<Item> items;
    for (const std::string& input : options.inputs) {
        if (input != "-" || !options.path_list) {
            add_input(input, items);
            continue;
        }
        std::string line;
        while (std::getline(*options.path_list, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (!line.empty()) add_input(line, items);
        }
    }
    return items;
}

std::string fixed1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

// A finished file: its JSON line and what the exit status needs from it.
struct Record {
    std::string line;
    int code = 0;        // 0 when analysed, else the error's exit code
    bool gated = false;  // a finding reached fail_on
    std::string message; // the error's one line, also printed on stderr
};

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Record error_record(const std::string& path, ErrorCode code, const std::string& message) {
    Json error{{"code", static_cast<int>(code)}, {"kind", to_string(code)}, {"message", message}};
    return {dump(Json{{"path", path}, {"error", std::move(error)}}), static_cast<int>(code), false, message};
}

// The analysis object without the blocks: a batch consumer wants the matrix
// and findings, and the blocks repeat the text the clauses already carry
// (a clause's block indices go too, since they point into that array).
// Streamed into the line: no JSON tree of the whole document is built.
std::string analysis_line(const std::string& path, const Document& doc, const Analysis& a) {
    std::string line;
    JsonStream w(line, -1);
    w.begin_object();
    w.member("path", path);
    w.key("analysis");
    write_document_object(w, doc, &a, false);
    w.end_object();
    return line;
}

Record scan_one(const Item& item, const RulePack& pack, const BatchOptions& options) {
    if (!item.error.empty()) return error_record(item.path, ErrorCode::io, item.path + ": " + item.error);
    try {
        const Document doc = load(item.path, options.load);
        const Analysis a = analyze(doc, pack, options.analysis);
        Record r;
        r.line = analysis_line(item.path, doc, a);
        if (options.fail_on)
            for (const Finding& f : a.findings)
                if (f.severity >= *options.fail_on) r.gated = true;
        return r;
    } catch (const Error& e) {
        return error_record(item.path, e.code(), e.what());
    } catch (const std::bad_alloc&) {
        return error_record(item.path, ErrorCode::limit, item.path + ": out of memory");
    } catch (const std::exception& e) {
        return error_record(item.path, ErrorCode::internal, item.path + ": internal error: " + e.what());
    }
}

class Batch {
public:
    Batch(const RulePack& pack, const BatchOptions& options, std::vector<Item> items, std::ostream& out,
          std::ostream& err)
        : pack_(pack), options_(options), items_(std::move(items)), out_(out), err_(err) {}

    int run() {
        unsigned jobs = options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
        jobs = static_cast<unsigned>(std::clamp<std::size_t>(items_.size(), 1, jobs));
        window_ = 2 * std::size_t{jobs};
        start_ = Clock::now();
        std::vector<std::thread> threads;
        for (unsigned i = 1; i < jobs; ++i) {
            try {
                threads.emplace_back([this] { work(); });
            } catch (const std::system_error&) {
                break;  // fewer threads than asked; the calling thread still works
            }
        }
        work();
        for (std::thread& t : threads) t.join();
        return finish();
    }

private:
    // A worker: take the next file, scan it unlocked, hand the record over.
    // In input order a worker waits while it would run more than `window_`
    // files ahead of the next one to write; the file at next_write_ is
    // always taken and in some worker's hands, so the wait ends.
    void work() {
        for (;;) {
            std::size_t index = 0;
            {
                std::unique_lock lock(mutex_);
                window_open_.wait(lock, [this] {
                    return stop_ || next_take_ >= items_.size() || options_.unordered ||
                           next_take_ < next_write_ + window_;
                });
                if (stop_ || next_take_ >= items_.size()) return;
                index = next_take_++;
            }
            Record record = scan_one(items_[index], pack_, options_);
            {
                std::lock_guard lock(mutex_);
                deliver(index, std::move(record));
            }
            window_open_.notify_all();
        }
    }

    // Under the lock.
    void deliver(std::size_t index, Record record) {
        ++done_;
        if (record.code) {
            ++failed_;
            report(record.message);
            if (index < first_failure_) {
                first_failure_ = index;
                first_code_ = record.code;
            }
        }
        if (record.gated) gated_ = true;
        if (options_.progress) progress(items_[index].path);
        if (options_.unordered) {
            write(record);
            return;
        }
        pending_.emplace(index, std::move(record));
        for (auto it = pending_.find(next_write_); it != pending_.end(); it = pending_.find(next_write_)) {
            write(it->second);
            pending_.erase(it);
            ++next_write_;
        }
    }

    // Under the lock. Flushed line by line so a pipe's reader sees each
    // record as it finishes; a closed output stops the batch.
    void write(const Record& record) {
        if (write_failed_) return;
        out_ << record.line << '\n';
        out_.flush();
        if (!out_) write_failed_ = stop_ = true;
    }

    // Under the lock. A failure is also said on stderr, as `onus scan` says
    // it, so that a person watching sees it without reading the records.
    void report(const std::string& message) {
        clear_progress();
        err_ << "onus: error: " << message << '\n' << std::flush;
    }

    void clear_progress() {
        if (progress_width_) err_ << '\r' << std::string(progress_width_, ' ') << '\r';
        progress_width_ = 0;
    }

    // Under the lock; at most ten updates a second, and always the last.
    void progress(const std::string& path) {
        const auto now = Clock::now();
        if (done_ < items_.size() && now - last_progress_ < std::chrono::milliseconds(100)) return;
        last_progress_ = now;
        std::string shown = path;
        if (shown.size() > 60) shown = "..." + shown.substr(shown.size() - 57);
        std::string line = std::to_string(done_) + "/" + std::to_string(items_.size()) + ", " +
                           fixed1(rate(now)) + " files/s, " + shown;
        const std::size_t width = line.size();
        if (line.size() < progress_width_) line.append(progress_width_ - line.size(), ' ');
        progress_width_ = width;
        err_ << '\r' << line << std::flush;
    }

    double seconds(Clock::time_point now) const { return std::chrono::duration<double>(now - start_).count(); }
    double rate(Clock::time_point now) const {
        const double s = seconds(now);
        return s > 0 ? static_cast<double>(done_) / s : 0.0;
    }

    int finish() {
        const auto now = Clock::now();
        clear_progress();
        if (write_failed_) err_ << "onus: error: cannot write the output; batch stopped\n";
        err_ << "onus: scanned " << done_ << " files: " << done_ - failed_ << " ok, " << failed_ << " failed ("
             << fixed1(seconds(now)) << " s, " << fixed1(rate(now)) << " files/s)\n";
        err_.flush();
        if (write_failed_) return static_cast<int>(ErrorCode::io);
        if (failed_) return first_code_;
        return gated_ ? 1 : 0;
    }

    const RulePack& pack_;
    const BatchOptions& options_;
    const std::vector<Item> items_;
    std::ostream& out_;
    std::ostream& err_;

    std::mutex mutex_;
    std::condition_variable window_open_;
    std::size_t window_ = 2;
    std::size_t next_take_ = 0;   // the next file a worker takes
    std::size_t next_write_ = 0;  // the next file to write (input order)
    std::map<std::size_t, Record> pending_;  // finished, waiting for an earlier file
    bool stop_ = false;
    bool write_failed_ = false;

    std::size_t done_ = 0;
    std::size_t failed_ = 0;
    std::size_t first_failure_ = static_cast<std::size_t>(-1);
    int first_code_ = 0;
    bool gated_ = false;
    Clock::time_point start_;
    Clock::time_point last_progress_;
    std::size_t progress_width_ = 0;
};

}  // namespace

const std::vector<std::string>& batch_extensions() {
    static const std::vector<std::string> exts{".docx", ".xml", ".odt", ".fodt", ".md",
                                               ".markdown", ".txt", ".akn"};
    return exts;
}

std::vector<std::string> collect_batch_files(const BatchOptions& options) {
    std::vector<std::string> paths;
    for (Item& item : collect(options)) paths.push_back(std::move(item.path));
    return paths;
}

int run_batch(const RulePack& pack, const BatchOptions& options, std::ostream& out, std::ostream& err) {
    return Batch(pack, options, collect(options), out, err).run();
}

}  // namespace onus::cli
