#!/usr/bin/env python3
"""Generate a long synthetic cloud agreement as DOCX, for benchmarks.

    python3 bench/gen_agreement.py --pages 1000 --out bench/out/a1000.docx
    python3 bench/gen_agreement.py --pages 200 --out bench/out/a.docx \\
        --out2 bench/out/b.docx --edit-rate 0.02 --seed 7

About 500 words per page. Real Word numbering (sections "4.", Heading1 via
the style; subsections "4.2" and items "(a)" via direct numPr), a service
table about every 10 pages and a footnote about every 3 pages. With --out2,
also writes an edited version: about --edit-rate of the sentences edited
(a word replaced, "shall" -> "may", a number changed) and one section moved.
Deterministic for a given --seed. Python 3 standard library only; the DOCX
writer is scripts/docxgen.py.
"""

import argparse
import os
import random
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import docxgen  # noqa: E402

WORDS_PER_PAGE = 500

TOPICS = ["Access Control", "Encryption", "Incident Response", "Data Retention", "Backups", "Logging and "
          "Monitoring", "Network Security", "Physical Security", "Vulnerability Management", "Identity "
          "Management", "Subprocessors", "Business Continuity", "Change Management", "Audit Rights",
          "Service Levels", "Support", "Data Location", "Key Management", "Configuration", "API Usage",
          "Confidentiality", "Fees and Payment", "Warranties", "Indemnification", "Limitation of Liability",
          "Term and Termination", "Compliance", "Personnel Security", "Customer Obligations", "Notices"]

SUBJECTS = ["Provider", "Customer", "Each Party", "Provider", "Customer", "Northwind", "the Customer",
            "Provider and its Subprocessors", "Customer and its Authorized Users"]
MODALS = ["shall", "shall", "will", "may", "must", "must not", "shall not", "is responsible to",
          "will use commercially reasonable efforts to", "agrees to"]
VERBS = ["maintain", "implement", "monitor", "review", "encrypt", "protect", "configure", "back up",
         "restrict access to", "document", "test", "update", "retain", "delete", "report on", "patch",
         "secure", "audit", "disclose", "store", "process", "rotate", "revoke", "notify Customer of",
         "notify Provider of"]
OBJECTS = ["the Services", "Customer Content", "the Platform", "all administrator accounts",
           "the encryption keys", "its API keys", "the production environment", "audit logs",
           "its endpoints and devices", "the network perimeter", "any Security Incident",
           "personal data", "the data centers", "all user credentials", "the storage buckets it configures",
           "the backup copies", "the Documentation", "its applications and containers",
           "security patches", "the firewall rules"]
QUALIFIERS = ["within {n} days", "within {n} hours", "at least once every {n} months",
              "in accordance with the Documentation", "using industry-standard controls",
              "except as set out in Section {s}.{t}", "to the extent required by applicable law",
              "as described in the Order Form", "without undue delay", "at its own expense",
              "on written request", "during the Subscription Term", "for at least {n} days",
              "subject to Section {s}.{t}", "in a commercially reasonable manner"]
TAILS = ["", "", "", " and shall keep records of doing so", " and shall inform the other Party of any "
         "material change", ", and Customer shall cooperate as reasonably requested",
         ", provided that the other Party gives reasonable notice"]
NOTES = ["This obligation applies to each region in which the Services are hosted.",
         "See the Documentation for the current list of supported algorithms.",
         "Measured in Coordinated Universal Time (UTC).",
         "The report is issued once a year by an independent auditor.",
         "Business days exclude public holidays in the State of Washington."]

SWAPS = {"maintain": "keep", "implement": "deploy", "monitor": "observe", "review": "assess",
         "protect": "safeguard", "Services": "Offerings", "Platform": "Infrastructure",
         "Customer": "Client", "Provider": "Supplier", "restrict": "limit", "secure": "harden",
         "retain": "keep", "delete": "erase", "commercially": "reasonably", "written": "electronic"}


def sentence(rng, sections):
    q = rng.choice(QUALIFIERS).format(n=rng.randint(2, 90), s=rng.randint(1, max(1, sections)),
                                      t=rng.randint(1, 8))
    return "%s %s %s %s %s%s." % (rng.choice(SUBJECTS), rng.choice(MODALS), rng.choice(VERBS),
                                   rng.choice(OBJECTS), q, rng.choice(TAILS))


def item(rng):
    return "%s %s %s" % (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(QUALIFIERS).format(
        n=rng.randint(2, 90), s=rng.randint(1, 20), t=rng.randint(1, 8)))


def build(pages, seed):
    """The agreement model: a list of sections, each a dict(title, subs), each
    sub a dict(title, sentences, items, table, note)."""
    rng = random.Random(seed)
    target = pages * WORDS_PER_PAGE
    est_sections = max(1, target // 1100)
    words = 0
    next_table = 5000
    next_note = 1500
    sections = []
    while words < target:
        sec = {"title": "%s" % rng.choice(TOPICS), "subs": []}
        sections.append(sec)
        words += 3
        for _ in range(rng.randint(4, 9)):
            sub = {"title": rng.choice(["Scope", "Obligations", "Standards", "Exceptions", "Records",
                                        "Notice", "Timing", "Costs", "Cooperation", "Verification"]),
                   "sentences": [sentence(rng, est_sections) for _ in range(rng.randint(2, 5))],
                   "items": [], "table": None, "note": None}
            if rng.random() < 0.3:
                sub["items"] = [item(rng) for _ in range(rng.randint(2, 5))]
            words += 1 + sum(len(s.split()) for s in sub["sentences"] + sub["items"])
            if words >= next_note:
                sub["note"] = rng.choice(NOTES)
                next_note += 1500
            if words >= next_table:
                rows = [["Service", "Region", "Availability", "Credit"]]
                for k in range(rng.randint(3, 8)):
                    rows.append(["Service %d" % (k + 1), rng.choice(["US-East", "EU-West", "AP-South"]),
                                 "%.1f%%" % rng.choice([99.0, 99.5, 99.9, 99.95]), "%d%%" % rng.choice([10, 25, 50])])
                sub["table"] = rows
                words += 4 * len(rows)
                next_table += 5000
            sec["subs"].append(sub)
            if words >= target:
                break
    return sections


_NUM = re.compile(r"\d+")


def edit(sections, rate, seed):
    """Edit about `rate` of the sentences in place and move one section.
    Returns a summary of what was done."""
    rng = random.Random("edit-%s" % seed)
    counts = {"word": 0, "shall": 0, "number": 0}
    for sec in sections:
        for sub in sec["subs"]:
            for lst in (sub["sentences"], sub["items"]):
                for i, s in enumerate(lst):
                    if rng.random() >= rate:
                        continue
                    kind = rng.choice(["word", "shall", "number"])
                    if kind == "shall" and " shall " in s:
                        lst[i] = s.replace(" shall ", " may ", 1)
                    elif kind == "number" and _NUM.search(s):
                        m = _NUM.search(s)
                        lst[i] = s[:m.start()] + str(int(m.group()) + rng.randint(1, 9)) + s[m.end():]
                    else:
                        kind = "word"
                        words = s.split(" ")
                        cands = [k for k, w in enumerate(words) if w.strip(".,") in SWAPS]
                        if cands:
                            k = rng.choice(cands)
                            w = words[k]
                            words[k] = w.replace(w.strip(".,"), SWAPS[w.strip(".,")])
                        else:
                            words.insert(rng.randrange(1, len(words)), "promptly")
                        lst[i] = " ".join(words)
                    counts[kind] += 1
    moved = None
    if len(sections) > 2:
        src = rng.randrange(len(sections))
        sec = sections.pop(src)
        dst = rng.randrange(len(sections) + 1)
        if dst == src:
            dst = (dst + 1) % (len(sections) + 1)
        sections.insert(dst, sec)
        moved = (src + 1, dst + 1)
    return counts, moved


def to_docx(sections, title, path):
    doc = docxgen.Document(title=title, header=title + " \u2013 Confidential", author="bench",
                           created="2024-01-01T00:00:00Z")
    doc.paragraph(title, style="Title")
    doc.paragraph("This %s is entered into between Northwind Cloud, Inc. (%sProvider%s) and the customer "
                  "named in the Order Form (%sCustomer%s)." % (title, "\u201c", "\u201d", "\u201c", "\u201d"))
    paras = 2
    for sec in sections:
        doc.paragraph(sec["title"], style="Heading1")
        paras += 1
        for sub in sec["subs"]:
            text = "**%s.** %s" % (sub["title"], " ".join(sub["sentences"]))
            if sub["note"]:
                cut = text.rfind(".")
                text = text[:cut] + "{^" + sub["note"] + "}" + text[cut:]
            doc.paragraph(text, num=(1, 1))
            paras += 1
            for it in sub["items"]:
                doc.paragraph(it + ";", style="ListParagraph", num=(1, 2))
                paras += 1
            if sub["table"]:
                doc.table(sub["table"], header=True)
                paras += len(sub["table"])
    doc.write_docx(path)
    return paras


def main():
    ap = argparse.ArgumentParser(description="Generate a long agreement DOCX for benchmarks.")
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--out2", help="also write an edited version here")
    ap.add_argument("--edit-rate", type=float, default=0.02)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    t0 = time.perf_counter()
    for p in (args.out, args.out2):
        if p and os.path.dirname(p):
            os.makedirs(os.path.dirname(p), exist_ok=True)
    title = "Northwind Master Cloud Agreement"
    sections = build(args.pages, args.seed)
    nwords = sum(len(s.split()) for sec in sections for sub in sec["subs"] for s in sub["sentences"] + sub["items"])
    paras = to_docx(sections, title, args.out)
    print("%s: %d pages, %d sections, %d paragraphs and rows, ~%d words"
          % (args.out, args.pages, len(sections), paras, nwords))
    if args.out2:
        counts, moved = edit(sections, args.edit_rate, args.seed)
        to_docx(sections, title, args.out2)
        print("%s: %d sentences edited (%d word, %d shall->may, %d number); section %s moved to position %s"
              % (args.out2, sum(counts.values()), counts["word"], counts["shall"], counts["number"],
                 moved[0] if moved else "-", moved[1] if moved else "-"))
    print("%.2f s" % (time.perf_counter() - t0))


if __name__ == "__main__":
    main()
