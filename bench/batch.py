#!/usr/bin/env python3
"""Batch scan throughput: `onus scan --format jsonl --jobs J FOLDER`.

    bench/batch.py [ONUS] [--files 1000] [--pages 20] [--format docx] [--jobs 1,2] [--repeat 3]

Generates --files agreements of --pages pages each (bench/gen_agreement.py's
model, a different seed per file; DOCX, or Markdown with --format md) into a
temporary folder once (or --corpus DIR, kept and reused), then times the
batch scan over the folder for each --jobs value, --repeat times, under
/usr/bin/time -v. Prints the median wall time, files per second, the speedup
over the first --jobs value and the peak resident memory (the largest of the
runs). Every run must report all files ok on its summary line.

ONUS defaults to build-bench/onus, else build/onus. The output goes to
/dev/null: the table measures reading, analysis and rendering, not the disk.
"""
import argparse
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
sys.path.insert(0, os.path.join(ROOT, "bench"))
import gen_agreement  # noqa: E402

TITLE = "Northwind Master Cloud Agreement"


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


def generate(folder, files, pages, fmt):
    """Write the corpus unless it is already there (same count and format)."""
    os.makedirs(folder, exist_ok=True)
    ext = "." + fmt
    names = ["agreement-%05d%s" % (i, ext) for i in range(files)]
    missing = [n for n in names if not os.path.exists(os.path.join(folder, n))]
    if not missing:
        return
    t0 = time.perf_counter()
    jobs = [(os.path.join(folder, n), pages, 1000 + names.index(n), fmt) for n in missing]
    with multiprocessing.Pool(os.cpu_count() or 2) as pool:
        pool.map(generate_one, jobs, chunksize=8)
    print("generated %d %d-page %s agreements in %s (%.1f s)"
          % (len(missing), pages, fmt, folder, time.perf_counter() - t0), file=sys.stderr)


SUMMARY = re.compile(r"scanned (\d+) files: (\d+) ok, (\d+) failed")


def run_once(onus, folder, jobs, files):
    """Wall seconds and peak RSS (KiB) of one batch scan."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tfile, \
            tempfile.TemporaryFile("w+") as err:
        cmd = ["/usr/bin/time", "-v", "-o", tfile.name, onus, "scan", "--format", "jsonl",
               "--jobs", str(jobs), folder]
        t0 = time.perf_counter()
        rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=err).returncode
        seconds = time.perf_counter() - t0
        err.seek(0)
        stderr = err.read()
        m = SUMMARY.search(stderr)
        if rc != 0 or not m or int(m.group(2)) != files:
            sys.exit("onus failed (status %d) on %s with --jobs %d:\n%s" % (rc, folder, jobs, stderr[-2000:]))
        peak = None
        for line in tfile.read().splitlines():
            if "Maximum resident set size" in line:
                peak = int(line.split(":")[1])
    return seconds, peak


def default_onus():
    for build in ("build-bench", "build"):
        path = os.path.join(ROOT, build, "onus")
        if os.path.exists(path):
            return path
    return os.path.join(ROOT, "build", "onus")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("onus", nargs="?", default=default_onus(), help="the onus binary (default: %(default)s)")
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--format", choices=["docx", "md"], default="docx")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", help="folder for the generated corpus, kept and reused (default: a temp dir)")
    args = ap.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs /usr/bin/time (Debian package: time)")
    if not os.access(args.onus, os.X_OK):
        sys.exit("no onus binary at %s" % args.onus)

    tmp = None
    folder = args.corpus
    if not folder:
        tmp = tempfile.mkdtemp(prefix="onus-batch-bench-")
        folder = tmp
    try:
        generate(folder, args.files, args.pages, args.format)
        rows = []
        for jobs in [int(j) for j in args.jobs.split(",")]:
            runs = [run_once(args.onus, folder, jobs, args.files) for _ in range(args.repeat)]
            seconds = statistics.median(r[0] for r in runs)
            peaks = [r[1] for r in runs if r[1]]
            rows.append((jobs, seconds, max(peaks) if peaks else None))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    base = rows[0][1]
    print("%d %d-page %s agreements; %s" % (args.files, args.pages, args.format, args.onus))
    print(f"{'jobs':>5} {'seconds':>8} {'files/s':>8} {'speedup':>8} {'peak MiB':>9}")
    for jobs, seconds, peak in rows:
        mib = f"{peak / 1024:.1f}" if peak else "n/a"
        print(f"{jobs:>5} {seconds:>8.2f} {args.files / seconds:>8.1f} {base / seconds:>7.2f}x {mib:>9}")
    print(f"(median of {args.repeat} runs, peak of all; {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')})")


if __name__ == "__main__":
    main()
