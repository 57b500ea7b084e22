#!/usr/bin/env python3
"""Validate onus's JSON outputs against docs/schemas/*.schema.json.

    validate.py ONUS_BINARY SOURCE_DIR

Runs the built onus on the samples (extract and scan of
samples/northwind-csa.{md,docx,odt,akn.xml}, diff of the .docx versions,
matrix of the .md versions) and, when ../shared/corpus/agreements exists
next to SOURCE_DIR, scan of every *.md there; validates each output against
its JSON Schema (draft 2020-12) and checks the invariants docs/json-schema.md
states that a schema cannot express (evidence spans are bytes of their
clause's text, character accounting, matrix status, summary counts, parallel
per-vendor arrays). When the CLI offers `scan --format oscal` / `caiq`, their
outputs are checked too (OSCAL 1.1.2 component-definition structure, CAIQ
ownership against the matrix); otherwise those are skipped.

Exit status: 0 all valid, 1 some output is not, 77 (CTest's skip) when the
jsonschema module is missing (Debian: python3-jsonschema).
"""

import csv
import io
import json
import os
import re
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    print("SKIP: python3 module jsonschema is missing (apt-get install python3-jsonschema)")
    sys.exit(77)

MAX_ERRORS_SHOWN = 8


class Report:
    def __init__(self):
        self.failures = 0
        self.checked = 0

    def fail(self, what, message):
        self.failures += 1
        print(f"FAIL {what}: {message}")

    def ok(self, what, detail=""):
        self.checked += 1
        print(f"ok   {what}{(' ' + detail) if detail else ''}")


def load_schema(source, name):
    with open(os.path.join(source, "docs", "schemas", f"{name}.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def run(onus, source, args):
    p = subprocess.run([onus] + args, cwd=source, capture_output=True, timeout=600)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def schema_errors(validator, instance):
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    out = []
    for e in errors:
        # oneOf/anyOf (one analysis or an array of them; nullable values)
        # fail at the top: the deepest sub-error says what is wrong.
        while e.context:
            e = max(e.context, key=lambda sub: len(sub.absolute_path))
        path = "/".join(str(p) for p in e.absolute_path) or "(root)"
        message = e.message if len(e.message) < 300 else e.message[:300] + "..."
        out.append(f"{path}: {message}")
    return out


# ---- invariants the schemas cannot state -------------------------------------------

def document_invariants(doc):
    """onus.document/1 (and the document part of onus.analysis/1)."""
    problems = []
    stats = doc["stats"]
    if stats["chars_read"] != stats["chars_emitted"] + sum(stats["left_out"].values()):
        problems.append(f"stats: chars_read {stats['chars_read']} != chars_emitted {stats['chars_emitted']} "
                        f"+ left_out {sum(stats['left_out'].values())}")
    ids = [c["id"] for c in doc["clauses"]]
    if len(ids) != len(set(ids)):
        problems.append("clauses: ids are not unique")
    known = set(ids)
    for c in doc["clauses"]:
        if c["parent"] is not None and c["parent"] not in known:
            problems.append(f"clause {c['id']}: parent {c['parent']} is no clause")
        for b in c["blocks"]:
            if b >= len(doc["blocks"]):
                problems.append(f"clause {c['id']}: block {b} out of range")
    for i, b in enumerate(doc["blocks"]):
        size = len(b["text"].encode("utf-8"))
        for m in b.get("changes", []):
            if not (m["start"] <= m["end"] <= size):
                problems.append(f"block {i}: change [{m['start']}, {m['end']}) outside its text ({size} bytes)")
    return problems


def span_problem(where, ev, texts, heading_ok=False):
    if ev is None:
        return None
    text = texts.get(ev["clause"])
    if text is None:
        return f"{where}: evidence names clause {ev['clause']!r}, which does not exist"
    if ev["start"] > ev["end"]:
        return f"{where}: start {ev['start']} > end {ev['end']}"
    if heading_ok and ev["start"] == ev["end"] == 0:
        return None  # model_evidence found in a heading (documented exception)
    got = text[ev["start"]:ev["end"]]
    if got != ev["text"].encode("utf-8"):
        return (f"{where}: text {ev['text'][:60]!r} is not bytes {ev['start']}..{ev['end']} of clause "
                f"{ev['clause']} ({got[:60].decode('utf-8', 'replace')!r})")
    return None


def expected_status(cell):
    if cell["holder"] == "unassigned":
        return "silent"
    if cell["baseline"] is None:
        return "no-baseline"
    if cell["holder"] == cell["baseline"] or cell["holder"] == "shared":
        return "agrees"
    return "deviates"


def analysis_invariants(a):
    problems = document_invariants(a)
    texts = {c["id"]: c["text"].encode("utf-8") for c in a["clauses"]}
    for c in a["clauses"]:
        for t in c["tags"]:
            where = f"clause {c['id']} tag {t['domain']}"
            for key in ("evidence", "party_evidence", "modality_evidence"):
                p = span_problem(f"{where} {key}", t[key], texts)
                if p:
                    problems.append(p)
            for co in t["carveouts"]:
                p = span_problem(f"{where} carveout", dict(co, clause=c["id"]), texts)
                if p:
                    problems.append(p)
                if co["refers_to"] is not None and co["refers_to"] not in texts:
                    problems.append(f"{where}: carveout refers to {co['refers_to']}, which does not exist")
    p = span_problem("model_evidence", a["model_evidence"], texts, heading_ok=True)
    if p:
        problems.append(p)
    for domain, cell in a["matrix"].items():
        if cell["status"] != expected_status(cell):
            problems.append(f"matrix {domain}: status {cell['status']} for holder {cell['holder']}, "
                            f"baseline {cell['baseline']} (expected {expected_status(cell)})")
        if cell["holder"] == "unassigned" and cell["clauses"]:
            problems.append(f"matrix {domain}: unassigned with clauses")
        for cid in cell["clauses"]:
            if cid not in texts:
                problems.append(f"matrix {domain}: clause {cid} does not exist")
    for i, f in enumerate(a["findings"]):
        for cid in f["clauses"]:
            if cid not in texts:
                problems.append(f"finding {i}: clause {cid} does not exist")
        for ev in f["evidence"]:
            p = span_problem(f"finding {i} ({f['kind']} {f['domain']})", ev, texts)
            if p:
                problems.append(p)
    for i, s in enumerate(a["sla"]):
        if s["clause"] not in texts:
            problems.append(f"sla {i}: clause {s['clause']} does not exist")
        p = span_problem(f"sla {i} ({s['metric']})", s["evidence"], texts)
        if p:
            problems.append(p)
    return problems


def comparison_invariants(c):
    problems = []
    counts = {k: 0 for k in ("modified", "added", "deleted", "moved", "renumbered")}
    shifts = {"to-customer": 0, "to-provider": 0, "neutral": 0}
    for i, ch in enumerate(c["changes"]):
        counts[ch["kind"]] += 1
        for s in ch["shifts"]:
            shifts[s["direction"]] += 1
        if ch["new"] is not None and ch["edits"]:
            rebuilt = "".join(e["text"] for e in ch["edits"] if e["op"] != "delete")
            if rebuilt != ch["new"]["text"]:
                problems.append(f"change {i} ({ch['kind']} {ch['new']['id']}): equal+insert edits do not "
                                f"give the new text")
    summary = c["summary"]
    for k, n in counts.items():
        if summary[k] != n:
            problems.append(f"summary {k} = {summary[k]}, but {n} changes have that kind")
    if summary["shifts"] != shifts:
        problems.append(f"summary shifts {summary['shifts']} != counted {shifts}")
    return problems


def matrix_invariants(m, domains):
    problems = []
    n = len(m["vendors"])
    for i, v in enumerate(m["vendors"]):
        if v["index"] != i:
            problems.append(f"vendor {i}: index {v['index']}")
        if v["high_findings"] > v["findings"]:
            problems.append(f"vendor {i}: more high findings than findings")
    if len({v["vendor"] for v in m["vendors"]}) != n:
        problems.append("vendors: names are not unique")
    if [r["domain"] for r in m["domains"]] != domains:
        problems.append("domains: not the 12 domains in matrix order")
    differing = 0
    for r in m["domains"]:
        if len(r["cells"]) != n:
            problems.append(f"domain {r['domain']}: {len(r['cells'])} cells for {n} vendors")
        if r["differs"] != (len({c["holder"] for c in r["cells"]}) > 1):
            problems.append(f"domain {r['domain']}: differs is {r['differs']}")
        differing += r["differs"]
        for c in r["cells"]:
            if c["status"] != expected_status(c):
                problems.append(f"domain {r['domain']}: status {c['status']} (expected {expected_status(c)})")
            if (c["text"] is None) != (not c["clauses"]):
                problems.append(f"domain {r['domain']}: text is null iff clauses is empty, not so here")
    for r in m["sla"]:
        if len(r["values"]) != n:
            problems.append(f"sla {r['metric']}: {len(r['values'])} values for {n} vendors")
        for b in r["best"]:
            if b >= n or r["values"][b] is None:
                problems.append(f"sla {r['metric']}: best {b} is no stated value")
        if r["better"] is None and r["best"]:
            problems.append(f"sla {r['metric']}: best without a direction")
    s = m["summary"]
    if s["vendors"] != n or s["domains_differing"] != differing or s["sla_metrics"] != len(m["sla"]) or \
            s["sla_differing"] != sum(r["differs"] for r in m["sla"]):
        problems.append(f"summary {s} does not count what the report holds")
    return problems


# ---- OSCAL and CAIQ (when the CLI offers them) ----------------------------------------

# OSCAL 1.1.2 datatypes (oscal_component_schema.json) and the objects onus emits, closed.
OSCAL_UUID = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$"
OSCAL_STRING = r"^\S(.*\S)?$"
OSCAL_DATETIME = (r"^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(2[0-3]|[01][0-9]):[0-5][0-9]:"
                  r"[0-5][0-9](\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$")


def _closed(props, required):
    return {"type": "object", "properties": props, "required": required, "additionalProperties": False}


_uuid = {"type": "string", "pattern": OSCAL_UUID}
_string = {"type": "string", "pattern": OSCAL_STRING}
# OSCAL's token is an NCName (\\p{L} classes, which python's re lacks): an ASCII subset here.
_token = {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9.\\-_]*$"}
_markup = {"type": "string", "minLength": 1}
_prop = _closed({"name": _token, "uuid": _uuid, "ns": {"type": "string", "pattern": "^[a-zA-Z][a-zA-Z0-9+\\-.]+:.+$"},
                 "value": _string, "class": _token, "group": _token, "remarks": _markup}, ["name", "value"])
_props = {"type": "array", "minItems": 1, "items": _prop}
_role_ref = _closed({"role-id": _token}, ["role-id"])
OSCAL_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "additionalProperties": False, "required": ["component-definition"],
    "properties": {"component-definition": _closed({
        "uuid": _uuid,
        "metadata": _closed({
            "title": _markup, "last-modified": {"type": "string", "pattern": OSCAL_DATETIME},
            "version": _string, "oscal-version": {"const": "1.1.2"}, "props": _props,
            "roles": {"type": "array", "minItems": 1,
                      "items": _closed({"id": _token, "title": _markup, "description": _markup}, ["id", "title"])},
        }, ["title", "last-modified", "version", "oscal-version"]),
        "components": {"type": "array", "minItems": 1, "items": _closed({
            "uuid": _uuid, "type": {"const": "service"}, "title": _markup, "description": _markup,
            "props": _props,
            "control-implementations": {"type": "array", "minItems": 1, "items": _closed({
                "uuid": _uuid, "source": {"type": "string", "minLength": 1}, "description": _markup,
                "implemented-requirements": {"type": "array", "minItems": 1, "items": _closed({
                    "uuid": _uuid, "control-id": _token, "description": _markup, "props": _props,
                    "responsible-roles": {"type": "array", "minItems": 1, "items": _role_ref},
                    "remarks": _markup,
                }, ["uuid", "control-id", "description"])},
            }, ["uuid", "source", "description", "implemented-requirements"])},
        }, ["uuid", "type", "title", "description"])},
    }, ["uuid", "metadata"])},
}

ROLES = {"provider": {"provider"}, "customer": {"customer"}, "shared": {"provider", "customer"},
         "conflict": {"provider", "customer"}, "unassigned": set()}
OWNERSHIP = {"provider": "CSP-owned", "customer": "CSC-owned", "shared": "Shared CSP and CSC",
             "unassigned": "Unassigned", "conflict": "Conflicting"}


def oscal_problems(root, analysis):
    problems = schema_errors(jsonschema.Draft202012Validator(OSCAL_SCHEMA), root)
    if problems:
        return problems
    cd = root["component-definition"]
    roles = {r["id"] for r in cd["metadata"].get("roles", [])}
    uuids = [cd["uuid"]]
    for comp in cd["components"]:
        uuids.append(comp["uuid"])
        for ci in comp["control-implementations"]:
            uuids.append(ci["uuid"])
            reqs = ci["implemented-requirements"]
            if [r["control-id"] for r in reqs] != ["onus-" + d for d in analysis["matrix"]]:
                problems.append("implemented-requirements: not one per domain in matrix order")
            for r in reqs:
                uuids.append(r["uuid"])
                if not re.match(r"^[A-Za-z_][\w.\-]*$", r["control-id"]):
                    problems.append(f"{r['control-id']}: not a token")
                domain = r["control-id"][len("onus-"):]
                cell = analysis["matrix"].get(domain)
                if cell is None:
                    continue
                got = {x["role-id"] for x in r.get("responsible-roles", [])}
                if got - roles:
                    problems.append(f"{domain}: role(s) {sorted(got - roles)} not defined in metadata.roles")
                if got != ROLES[cell["holder"]]:
                    problems.append(f"{domain}: roles {sorted(got)} for holder {cell['holder']}")
                props = {p["name"]: p["value"] for p in r.get("props", [])}
                if props.get("responsibility") != cell["holder"]:
                    problems.append(f"{domain}: responsibility {props.get('responsibility')} != {cell['holder']}")
    if len(set(uuids)) != len(uuids):
        problems.append("uuids are not unique")
    return problems


def caiq_problems(data, analysis):
    problems = []
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    if len(rows) != 13:
        return [f"{len(rows)} rows, expected a header and 12"]
    if any(len(r) != len(rows[0]) for r in rows):
        problems.append("rows of different widths")
    for r, (domain, cell) in zip(rows[1:], analysis["matrix"].items()):
        if r[3] != OWNERSHIP[cell["holder"]]:
            problems.append(f"{domain}: ownership {r[3]!r} for holder {cell['holder']}")
    return problems


# ---- driver -------------------------------------------------------------------------

def check(report, what, validator, data, invariants=None):
    try:
        instance = json.loads(data)
    except ValueError as e:
        report.fail(what, f"not JSON: {e}")
        return None
    errors = schema_errors(validator, instance)
    items = instance if isinstance(instance, list) else [instance]
    if not errors and invariants:
        for item in items:
            errors += invariants(item)
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        more = f" (and {len(errors) - len(shown)} more)" if len(errors) > len(shown) else ""
        report.fail(what, f"{len(errors)} problem(s){more}:\n       " + "\n       ".join(shown))
        return None
    report.ok(what)
    return instance


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    onus, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    report = Report()
    schemas = {n: load_schema(source, n) for n in
               ("onus.document-1", "onus.analysis-1", "onus.comparison-1", "onus.matrix-1")}

    analyses = {}
    for sample in ("northwind-csa.md", "northwind-csa.docx", "northwind-csa.odt", "northwind-csa.akn.xml"):
        path = f"samples/{sample}"
        rc, out, err = run(onus, source, ["extract", "--format", "json", path])
        if rc != 0:
            report.fail(f"extract {path}", f"exit {rc}: {err.strip()}")
        else:
            check(report, f"extract {path}", schemas["onus.document-1"], out, document_invariants)
        rc, out, err = run(onus, source, ["scan", "--format", "json", path])
        if rc != 0:
            report.fail(f"scan {path}", f"exit {rc}: {err.strip()}")
        else:
            a = check(report, f"scan {path}", schemas["onus.analysis-1"], out, analysis_invariants)
            if a is not None:
                analyses[path] = a

    rc, out, err = run(onus, source, ["diff", "--format", "json", "samples/northwind-csa.docx",
                                      "samples/northwind-csa-v2.docx"])
    if rc != 0:
        report.fail("diff", f"exit {rc}: {err.strip()}")
    else:
        check(report, "diff northwind-csa.docx northwind-csa-v2.docx", schemas["onus.comparison-1"], out,
              comparison_invariants)

    domains = list(next(iter(analyses.values()))["matrix"]) if analyses else []
    rc, out, err = run(onus, source, ["matrix", "--format", "json", "samples/northwind-csa.md",
                                      "samples/northwind-csa-v2.md"])
    if rc != 0:
        report.fail("matrix", f"exit {rc}: {err.strip()}")
    else:
        check(report, "matrix northwind-csa.md northwind-csa-v2.md", schemas["onus.matrix-1"], out,
              lambda m: matrix_invariants(m, domains))

    # Several files in one scan: an array of analyses.
    rc, out, err = run(onus, source, ["scan", "--format", "json", "samples/northwind-csa.md",
                                      "samples/northwind-csa-v2.md"])
    if rc != 0:
        report.fail("scan of two files", f"exit {rc}: {err.strip()}")
    else:
        arr = check(report, "scan of two files (array)", schemas["onus.analysis-1"], out, analysis_invariants)
        if arr is not None and not (isinstance(arr, list) and len(arr) == 2):
            report.fail("scan of two files", "not an array of two analyses")

    # OSCAL and CAIQ, when the CLI writes them.
    md = "samples/northwind-csa.md"
    for fmt, judge in (("oscal", lambda data, a: oscal_problems(json.loads(data), a)),
                       ("caiq", caiq_problems)):
        rc, out, err = run(onus, source, ["scan", "--format", fmt, md])
        if rc != 0:
            print(f"skip scan --format {fmt}: the CLI does not offer it ({err.strip().splitlines()[0] if err.strip() else rc})")
            continue
        if md not in analyses:
            report.fail(f"scan --format {fmt}", "no JSON analysis to compare with")
            continue
        try:
            problems = judge(out, analyses[md])
        except ValueError as e:
            problems = [f"unreadable: {e}"]
        if problems:
            report.fail(f"scan --format {fmt} {md}", "\n       ".join(problems[:MAX_ERRORS_SHOWN]))
        else:
            report.ok(f"scan --format {fmt} {md}")

    corpus = os.path.join(os.path.dirname(source), "shared", "corpus", "agreements")
    if not os.path.isdir(corpus):
        print(f"skip corpus: {corpus} does not exist")
    else:
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".md"))
        for path in files:
            name = os.path.relpath(path, corpus)
            rc, out, err = run(onus, source, ["scan", "--format", "json", path])
            if rc != 0:
                report.fail(f"scan corpus {name}", f"exit {rc}: {err.strip()}")
            else:
                check(report, f"scan corpus {name}", schemas["onus.analysis-1"], out, analysis_invariants)

    print(f"{report.checked} output(s) valid, {report.failures} failure(s)")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
