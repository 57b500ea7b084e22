#!/usr/bin/env python3
"""Every benchmark in one run, printed as one table.

    bench/run.py                 # the full run (about 15-20 min on 2 cores)
    bench/run.py --quick         # 10 and 100 pages, 2 repeats, 100-file batch
    bench/run.py --onus build/onus --parts extract,diff

Generates (deterministic, bench/gen_agreement.py; kept in bench/out/ and
regenerated when the generator changes) agreements of 10, 100 and 1,000 pages
with their edited versions, and a batch corpus of 1,000 twenty-page
agreements (a different seed per file), then measures:

  extract  the floor (inflate word/document.xml and parse it with pugixml:
           bench/floor.cpp), onus extract, pandoc -t plain (when installed)
  scan     onus scan (load, whole shipped rule pack, analysis, text report)
  diff     onus diff OLD NEW (both loaded and analysed, clauses aligned,
           shifts), and git diff --no-index --word-diff on the two texts that
           onus extract gives (lines, not clauses; reads no responsibility)
  batch    onus scan --format jsonl --jobs 1, then --jobs 2, over the corpus
           folder (output to /dev/null; every file must be reported ok)

Each command runs --repeat times under /usr/bin/time -v: the table shows the
median wall time, a ratio (its reference is named), the peak resident memory
(the largest of the runs) and the verdict against the targets:

  extraction within 3x of the floor; pandoc at least 30x slower on the largest
  agreement; scan of 100 pages in 50 ms; 1,000 agreements of 20 pages scanned
  in under a minute with 2 jobs; peak memory of a single-document command on
  the largest agreement under 10x that document's text (onus extract's output).

Unless --onus is given, onus is built in Release in --build (default
build-bench/) with the floor helper; with --onus, the floor helper is compiled
with g++ next to the generated files.
"""
import argparse
import hashlib
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
sys.path.insert(0, BENCH)
import gen_agreement  # noqa: E402

TITLE = "Northwind Master Cloud Agreement"
PARTS = ("extract", "scan", "diff", "batch")


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def generator_stamp():
    """A hash of the generator sources: generated files are remade when it changes."""
    h = hashlib.sha256()
    for path in (os.path.join(BENCH, "gen_agreement.py"), os.path.join(ROOT, "scripts", "docxgen.py"),
                 os.path.abspath(__file__)):
        with open(path, "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def fresh(marker, stamp):
    try:
        with open(marker) as f:
            return f.read().strip() == stamp
    except OSError:
        return False


# ------------------------------------------------------------------ inputs

def to_markdown(sections, path):
    """The same model as gen_agreement.to_docx, as Markdown: numbered
    headings, numbered subsections, (a) items, pipe tables, footnotes."""
    out = ["# " + TITLE, "",
           "This %s is entered into between Northwind Cloud, Inc. (\u201cProvider\u201d) and the customer "
           "named in the Order Form (\u201cCustomer\u201d)." % TITLE, ""]
    notes = []
    for s, sec in enumerate(sections, 1):
        out += ["## %d. %s" % (s, sec["title"]), ""]
        for u, sub in enumerate(sec["subs"], 1):
            text = "%d.%d **%s.** %s" % (s, u, sub["title"], " ".join(sub["sentences"]))
            if sub["note"]:
                notes.append(sub["note"])
                text += "[^%d]" % len(notes)
            out += [text, ""]
            for k, it in enumerate(sub["items"]):
                out += ["(%s) %s;" % (chr(ord("a") + k), it), ""]
            if sub["table"]:
                rows = sub["table"]
                out.append("| " + " | ".join(rows[0]) + " |")
                out.append("|" + "---|" * len(rows[0]))
                out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                out.append("")
    out += ["[^%d]: %s" % (i, n) for i, n in enumerate(notes, 1)]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def generate_one(job):
    path, pages, seed, fmt = job
    sections = gen_agreement.build(pages, seed)
    if fmt == "md":
        to_markdown(sections, path)
    else:
        gen_agreement.to_docx(sections, TITLE, path)


def agreement_pair(out_dir, pages, stamp):
    """bench/out/agreement-Np.docx and its edited version -v2.docx."""
    docx = os.path.join(out_dir, f"agreement-{pages}p.docx")
    docx2 = os.path.join(out_dir, f"agreement-{pages}p-v2.docx")
    marker = os.path.join(out_dir, f"agreement-{pages}p.stamp")
    if not (os.path.exists(docx) and os.path.exists(docx2) and fresh(marker, stamp)):
        sh([sys.executable, os.path.join(BENCH, "gen_agreement.py"), "--pages", str(pages), "--out", docx,
            "--out2", docx2], stdout=subprocess.DEVNULL)
        with open(marker, "w") as f:
            f.write(stamp + "\n")
    return docx, docx2


def batch_corpus(folder, files, pages, fmt, stamp):
    """The batch corpus, written once (remade when the generator changes)."""
    marker = os.path.join(folder, ".stamp")
    want = f"{stamp} {files} {pages} {fmt}"
    if fresh(marker, want):
        return
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    t0 = time.perf_counter()
    jobs = [(os.path.join(folder, "agreement-%05d.%s" % (i, fmt)), pages, 1000 + i, fmt) for i in range(files)]
    with multiprocessing.Pool(os.cpu_count() or 2) as pool:
        pool.map(generate_one, jobs, chunksize=8)
    with open(marker, "w") as f:
        f.write(want + "\n")
    print("generated %d %d-page %s agreements in %s (%.1f s)"
          % (files, pages, fmt, folder, time.perf_counter() - t0), file=sys.stderr)


# ------------------------------------------------------------------ measuring

HAVE_TIME = os.path.exists("/usr/bin/time")


def measure(cmd, repeat, ok=(0,), check=None):
    """Median wall seconds over `repeat` runs and the peak RSS in KiB (the
    largest of the runs; None without /usr/bin/time). stdout goes to
    /dev/null; `check(stderr)` may return an error message."""
    times, peaks = [], []
    for _ in range(repeat):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as tfile, tempfile.TemporaryFile("w+") as err:
            full = (["/usr/bin/time", "-v", "-o", tfile.name] if HAVE_TIME else []) + cmd
            t0 = time.perf_counter()
            rc = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=err).returncode
            times.append(time.perf_counter() - t0)
            err.seek(0)
            stderr = err.read()
            problem = None if rc in ok else "exit status %d" % rc
            if not problem and check:
                problem = check(stderr)
            if problem:
                sys.exit("%s: %s\n%s" % (" ".join(cmd), problem, stderr[-2000:]))
            for line in tfile.read().splitlines():
                if "Maximum resident set size" in line:
                    peaks.append(int(line.split(":")[1]))
    return statistics.median(times), (max(peaks) if peaks else None)


SUMMARY = re.compile(r"scanned (\d+) files: (\d+) ok, (\d+) failed")


def all_ok(files):
    def check(stderr):
        m = SUMMARY.search(stderr)
        if not m or int(m.group(2)) != files:
            return "not every file was scanned ok"
        return None
    return check


# ------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="to try it: 10 and 100 pages, 2 repeats, a batch of 100 files run once")
    ap.add_argument("--parts", default=",".join(PARTS), help="comma-separated subset of " + ",".join(PARTS))
    ap.add_argument("--pages", help="agreement sizes (default 10,100,1000; quick: 10,100)")
    ap.add_argument("--repeat", type=int, help="runs per command (default 5; quick: 2)")
    ap.add_argument("--pandoc-repeat", type=int, help="runs of pandoc (default 3; quick: 1)")
    ap.add_argument("--batch-files", type=int, help="batch corpus size (default 1000; quick: 100)")
    ap.add_argument("--batch-pages", type=int, default=20)
    ap.add_argument("--batch-format", choices=["docx", "md"], default="docx")
    ap.add_argument("--batch-repeat", type=int, help="runs per --jobs value (default 3; quick: 1)")
    ap.add_argument("--onus", help="use this onus binary instead of building one")
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"),
                    help="Release build folder when --onus is not given (default: %(default)s)")
    ap.add_argument("--out", default=os.path.join(BENCH, "out"), help="generated files (default: %(default)s)")
    args = ap.parse_args()
    q = args.quick
    pages_list = [int(p) for p in (args.pages or ("10,100" if q else "10,100,1000")).split(",")]
    repeat = args.repeat or (2 if q else 5)
    pandoc_repeat = args.pandoc_repeat or (1 if q else 3)
    batch_files = args.batch_files or (100 if q else 1000)
    batch_repeat = args.batch_repeat or (1 if q else 3)
    parts = [p for p in args.parts.split(",") if p]
    for p in parts:
        if p not in PARTS:
            sys.exit("unknown part %r (choose from %s)" % (p, ", ".join(PARTS)))

    os.makedirs(args.out, exist_ok=True)
    if args.onus:
        onus = os.path.abspath(args.onus)
        floor = os.path.join(args.out, "onus-bench-floor")
        if "extract" in parts:
            sh(["g++", "-O2", "-std=c++20", os.path.join(BENCH, "floor.cpp"), "-lzip", "-lpugixml", "-o", floor])
    else:
        sh(["cmake", "-S", ROOT, "-B", args.build, "-DCMAKE_BUILD_TYPE=Release", "-DONUS_BUILD_TESTS=OFF",
            "-DONUS_BUILD_BENCH=ON"], stdout=subprocess.DEVNULL)
        sh(["cmake", "--build", args.build, "-j", str(os.cpu_count() or 2)], stdout=subprocess.DEVNULL)
        onus = os.path.join(args.build, "onus")
        floor = os.path.join(args.build, "onus-bench-floor")
    pandoc = shutil.which("pandoc")
    git = shutil.which("git")
    stamp = generator_stamp()
    load_start = os.getloadavg()
    started = time.perf_counter()

    rows = []  # (case, tool, seconds, ratio text, peak KiB, verdict)

    def add(case, tool, seconds, ratio, peak, verdict=""):
        rows.append((case, tool, seconds, ratio, peak, verdict))
        print("  %-16s %-26s %9.3f s" % (case, tool, seconds), file=sys.stderr, flush=True)

    largest = max(pages_list)
    pairs = {p: agreement_pair(args.out, p, stamp) for p in pages_list}
    # The largest document's text (what onus extract gives) sizes the memory target.
    texts = {}
    for p, (old, new) in pairs.items():
        for tag, path in (("", old), ("-v2", new)):
            txt = os.path.join(args.out, f"agreement-{p}p{tag}.txt")
            with open(txt, "wb") as f:
                sh([onus, "extract", path], stdout=f)
            texts[(p, tag)] = txt
    text_kib = os.path.getsize(texts[(largest, "")]) / 1024.0
    mem_limit = 10 * text_kib

    def mem_verdict(pages, peak):
        if pages != largest or peak is None:
            return ""
        return "RSS < 10x text (%.1f MiB): %s" % (mem_limit / 1024, "met" if peak < mem_limit else "NOT MET")

    def join(*parts_):
        return "; ".join(p for p in parts_ if p)

    if "extract" in parts:
        for p in pages_list:
            docx = pairs[p][0]
            case = f"extract {p}p"
            f_t, f_m = measure([floor, docx], repeat)
            add(case, "floor (inflate+parse)", f_t, "", f_m)
            e_t, e_m = measure([onus, "extract", docx], repeat)
            r = e_t / f_t
            add(case, "onus extract", e_t, "%.2fx floor" % r, e_m,
                join("< 3x floor: %s" % ("met" if r < 3 else "NOT MET"), mem_verdict(p, e_m)))
            if pandoc:
                p_t, p_m = measure([pandoc, "-t", "plain", docx], pandoc_repeat)
                r = p_t / e_t
                add(case, "pandoc -t plain", p_t, "%.1fx onus" % r, p_m,
                    ">= 30x onus: %s" % ("met" if r >= 30 else "NOT MET") if p == largest else "")

    if "scan" in parts:
        for p in pages_list:
            s_t, s_m = measure([onus, "scan", pairs[p][0]], repeat)
            verdict = "100p < 50 ms: %s" % ("met" if s_t < 0.05 else "NOT MET") if p == 100 else ""
            add(f"scan {p}p", "onus scan", s_t, "%.1f ms/page" % (s_t * 1000 / p), s_m,
                join(verdict, mem_verdict(p, s_m)))

    if "diff" in parts:
        for p in pages_list:
            case = f"diff {p}p"
            d_t, d_m = measure([onus, "diff", pairs[p][0], pairs[p][1]], repeat, ok=(0, 1))
            add(case, "onus diff", d_t, "%.1f ms/page" % (d_t * 1000 / p), d_m, mem_verdict(p, d_m))
            if git:
                g_t, g_m = measure([git, "diff", "--no-index", "--word-diff", texts[(p, "")], texts[(p, "-v2")]],
                                   repeat, ok=(0, 1))
                add(case, "git diff --word-diff", g_t, "onus %.1fx git" % (d_t / g_t), g_m)

    if "batch" in parts:
        folder = os.path.join(args.out, "batch-%dx%dp-%s" % (batch_files, args.batch_pages, args.batch_format))
        batch_corpus(folder, batch_files, args.batch_pages, args.batch_format, stamp)
        case = "batch %dx%dp" % (batch_files, args.batch_pages)
        base = None
        for jobs in (1, 2):
            b_t, b_m = measure([onus, "scan", "--format", "jsonl", "--jobs", str(jobs), folder], batch_repeat,
                               check=all_ok(batch_files))
            rate = batch_files / b_t
            ratio = "%.1f files/s" % rate
            verdict = ""
            if base is None:
                base = b_t
            else:
                ratio += ", %.2fx j1" % (base / b_t)
                # 1,000 files in a minute is 16.7 files/s, whatever the corpus size.
                verdict = "1,000 in < 60 s (%.0f s): %s" % (1000 / rate, "met" if rate * 60 >= 1000 else "NOT MET")
            add(case, "onus scan --jobs %d jsonl" % jobs, b_t, ratio, b_m, verdict)

    load_end = os.getloadavg()
    print()
    head = ("case", "tool", "median s", "ratio", "peak MiB", "target / verdict")
    w = [max(len(head[0]), max((len(r[0]) for r in rows), default=0)),
         max(len(head[1]), max((len(r[1]) for r in rows), default=0)), 9,
         max(len(head[3]), max((len(r[3]) for r in rows), default=0)), 8]
    print(f"{head[0]:<{w[0]}}  {head[1]:<{w[1]}}  {head[2]:>{w[2]}}  {head[3]:<{w[3]}}  {head[4]:>{w[4]}}  {head[5]}")
    for case, tool, secs, ratio, peak, verdict in rows:
        mib = "%.1f" % (peak / 1024) if peak else "n/a"
        print(f"{case:<{w[0]}}  {tool:<{w[1]}}  {secs:>{w[2]}.3f}  {ratio:<{w[3]}}  {mib:>{w[4]}}  {verdict}".rstrip())
    print("(%s; median of %d runs, pandoc %d, batch %d; peak RSS the largest of the runs; largest text %.0f KiB; "
          "%d cores; load average %.1f at start, %.1f at end; %.0f s in all)"
          % (time.strftime("%Y-%m-%d"), repeat, pandoc_repeat, batch_repeat, text_kib, os.cpu_count() or 0,
             load_start[0], load_end[0], time.perf_counter() - started))


if __name__ == "__main__":
    main()
