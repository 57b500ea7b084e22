#!/usr/bin/env python3
"""Open onus's HTML reports in a real browser (headless Chromium) and check
what a reviewer sees: the matrix grid renders with its 12 domains, the diff's
filters hide what they should, and the page logs no error. With
--screenshots DIR it also saves the README's screenshots.

usage: check_html.py ONUS_BINARY SOURCE_DIR [--screenshots DIR]
Exit 0 when every check passes, 1 on a failed check, 77 (CTest's skip code)
when no Chromium is installed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def browser(args, url):
    cmd = [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-extensions", "--enable-logging=stderr", "--v=0",
           "--virtual-time-budget=3000"] + args + [url]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return proc.stdout, proc.stderr


def console_errors(stderr):
    return [line for line in stderr.splitlines()
            if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    onus, source = sys.argv[1], sys.argv[2]
    shots = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
    if not CHROMIUM:
        print("check_html: no chromium installed: skipped")
        return 77
    failures = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        scan = os.path.join(tmp, "scan.html")
        diff = os.path.join(tmp, "diff.html")
        samples = os.path.join(source, "samples")
        subprocess.run([onus, "scan", "--format", "html", "-o", scan,
                        os.path.join(samples, "northwind-csa.md")], check=True)
        subprocess.run([onus, "diff", "--format", "html", "-o", diff,
                        os.path.join(samples, "northwind-csa.docx"),
                        os.path.join(samples, "northwind-csa-v2.docx")], check=True)

        dom, log = browser(["--dump-dom"], "file://" + scan)
        rows = re.findall(r'<tr id="d-([a-z]+)"><th scope="row">[a-z]+</th><td class="holder h-([a-z]+)"', dom)
        expected = {"application", "platform", "endpoint", "data", "network", "identity", "workloads", "apis",
                    "infrastructure", "compliance", "incident", "availability"}
        check({d for d, _ in rows} == expected, "scan: the matrix grid has a coloured row for each of the 12 domains")
        check("<mark" in dom, "scan: tagged words are highlighted")
        check(not console_errors(log), "scan: no script error in the console")

        dom, log = browser(["--dump-dom"], "file://" + diff)
        changes = re.findall(r'<(?:section|div|article)[^>]*class="change[ "][^>]*>', dom)
        hidden_all = [c for c in changes if "hidden" in c]
        check(len(changes) > 0, "diff: changes are listed (%d)" % len(changes))
        check(not console_errors(log), "diff: no script error in the console")
        count = re.search(r'id="filter-count"[^>]*>([^<]*)<', dom)
        check(bool(count) and "changes shown" in count.group(1), "diff: the filter counter is written by the script")

        dom_f, log_f = browser(["--dump-dom"], "file://" + diff + "?domain=incident")
        blocks_f = re.split(r'(?=<article class="change)', dom_f)[1:]
        changes_f = [b.split(">", 1)[0] for b in blocks_f]
        visible_f = [c for c in changes_f if "hidden" not in c]
        visible_blocks = [b for b in blocks_f if "hidden" not in b.split(">", 1)[0]]
        visible_all = [c for c in changes if "hidden" not in c]
        check(0 < len(visible_f) < len(visible_all),
              "diff: filtering on the incident domain hides the other changes (%d of %d shown)"
              % (len(visible_f), len(visible_all)))
        check(bool(visible_blocks) and all('data-domain="incident"' in b for b in visible_blocks),
              "diff: every change left visible carries an incident shift")
        check(not console_errors(log_f), "diff: no script error with a filter set")

        if shots:
            os.makedirs(shots, exist_ok=True)
            browser(["--screenshot=" + os.path.join(os.path.abspath(shots), "scan.png"), "--window-size=1280,1600"],
                    "file://" + scan)
            browser(["--screenshot=" + os.path.join(os.path.abspath(shots), "diff.png"), "--window-size=1280,1600"],
                    "file://" + diff)
            print("screenshots in", shots)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
