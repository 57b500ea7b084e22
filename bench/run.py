#!/usr/bin/env python3
"""Benchmarks, measured in one run and printed as a table.

    bench/run.py [--pages 10,100,1000] [--repeat 5] [--build build-bench]

Generates long agreements with bench/gen_agreement.py (deterministic), builds
onus in Release with the floor helper, and times, per size:
  floor    inflate word/document.xml and parse it with pugixml (bench/floor.cpp)
  extract  onus extract --format text
  scan     onus scan --format text --model auto (load, rule pack, analysis,
           report: the whole command, rule pack compilation included)
  pandoc   pandoc -t plain (if installed)
Each command runs --repeat times; the table shows the median wall time, the
ratios extract/floor and pandoc/extract, scan time per page (flat when scan
grows linearly), and peak memory (from /usr/bin/time -v when available).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def timed(cmd, repeat):
    """Median wall seconds over `repeat` runs, and the peak RSS in KiB."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    peak = None
    if os.path.exists("/usr/bin/time"):
        out = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, check=True).stderr
        for line in out.splitlines():
            if "Maximum resident set size" in line:
                peak = int(line.split(":")[1])
    return statistics.median(times), peak


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default="10,100,1000")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
    args = ap.parse_args()

    sh(["cmake", "-S", ROOT, "-B", args.build, "-DCMAKE_BUILD_TYPE=Release", "-DONUS_BUILD_TESTS=OFF",
        "-DONUS_BUILD_BENCH=ON"], stdout=subprocess.DEVNULL)
    sh(["cmake", "--build", args.build, "-j", str(os.cpu_count() or 2)], stdout=subprocess.DEVNULL)
    onus = os.path.join(args.build, "onus")
    floor = os.path.join(args.build, "onus-bench-floor")
    out_dir = os.path.join(ROOT, "bench", "out")
    os.makedirs(out_dir, exist_ok=True)
    pandoc = shutil.which("pandoc")

    rows = []
    for pages in [int(p) for p in args.pages.split(",")]:
        docx = os.path.join(out_dir, f"agreement-{pages}p.docx")
        if not os.path.exists(docx):
            sh([sys.executable, os.path.join(ROOT, "bench", "gen_agreement.py"), "--pages", str(pages),
                "--out", docx, "--out2", os.path.join(out_dir, f"agreement-{pages}p-v2.docx")])
        f_t, f_m = timed([floor, docx], args.repeat)
        e_t, e_m = timed([onus, "extract", docx], args.repeat)
        s_t, s_m = timed([onus, "scan", docx], args.repeat)
        p_t = p_m = None
        if pandoc:
            p_t, p_m = timed([pandoc, "-t", "plain", docx], max(1, min(args.repeat, 3)))
        rows.append((pages, f_t, e_t, s_t, p_t, e_m, s_m, p_m))

    print(f"{'pages':>6} {'floor ms':>9} {'extract ms':>11} {'scan ms':>8} {'scan ms/page':>13} {'pandoc ms':>10} "
          f"{'extract/floor':>14} {'pandoc/extract':>15} {'extract MiB':>12} {'scan MiB':>9} {'pandoc MiB':>11}")
    for pages, f_t, e_t, s_t, p_t, e_m, s_m, p_m in rows:
        fmt = lambda v, scale=1000.0: f"{v * scale:.1f}" if v is not None else "n/a"
        mib = lambda kib: f"{kib / 1024:.1f}" if kib else "n/a"
        ratio_p = f"{p_t / e_t:.1f}x" if p_t else "n/a"
        print(f"{pages:>6} {fmt(f_t):>9} {fmt(e_t):>11} {fmt(s_t):>8} {s_t * 1000.0 / pages:>13.2f} {fmt(p_t):>10} "
              f"{e_t / f_t:>13.2f}x {ratio_p:>15} {mib(e_m):>12} {mib(s_m):>9} {mib(p_m):>11}")
    print(f"(median of {args.repeat} runs; pandoc of up to 3; {os.cpu_count()} cores; "
          f"{time.strftime('%Y-%m-%d')})")


if __name__ == "__main__":
    main()
