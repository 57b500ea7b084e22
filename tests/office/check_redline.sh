#!/usr/bin/env bash
# The Word redline opens in LibreOffice: `soffice --headless --convert-to
# txt` reads it without error and its text holds the new wording, and the
# sample's clause numbers, which the redline leaves to the numbering.xml it
# keeps from the OLD DOCX (no typed labels), are rendered by LibreOffice.
# usage: check_redline.sh ONUS_BINARY SOURCE_DIR
# Exit 77 (CTest's skip code) when LibreOffice is not installed.
set -euo pipefail
onus=$1 source=$2
command -v soffice >/dev/null || { echo "check_redline: no soffice installed: skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$onus" diff --format docx -o "$work/redline.docx" "$source/samples/northwind-csa.docx" "$source/samples/northwind-csa-v2.docx"
(cd "$work" && HOME="$work" timeout 180 soffice --headless --norestore --convert-to txt:Text redline.docx >convert.log 2>&1) || {
  echo "FAIL soffice could not convert the redline"; cat "$work/convert.log"; exit 1; }
[ -s "$work/redline.txt" ] || { echo "FAIL soffice wrote no text"; exit 1; }
grep -q "Customer shall back up Customer Content" "$work/redline.txt" || { echo "FAIL the new wording of 4.8 is missing"; exit 1; }
grep -q "seventy-two (72" "$work/redline.txt" || { echo "FAIL the new notification window is missing"; exit 1; }
grep -q "^1.1 “Account” means" "$work/redline.txt" || { echo "FAIL the clause number 1.1 is not rendered"; exit 1; }
# Typed labels would read the same in text: LibreOffice's own DOCX export
# shows whether it took the numbers as Word numbering (w:numPr on the
# paragraph, no "1.1" typed in its text).
(cd "$work" && mkdir lo && HOME="$work" timeout 180 soffice --headless --norestore \
   --convert-to "docx:MS Word 2007 XML" --outdir lo redline.docx >>convert.log 2>&1) || {
  echo "FAIL soffice could not save the redline as DOCX"; cat "$work/convert.log"; exit 1; }
command -v python3 >/dev/null || { echo "ok   LibreOffice opens the redline (no python3: numbering not checked)"; exit 0; }
python3 - "$work/lo/redline.docx" <<'PY' || { echo "FAIL the numbering kept from the OLD DOCX did not survive LibreOffice"; exit 1; }
import re, sys, zipfile
xml = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
paras = [p for p in re.findall(r"<w:p[ >].*?</w:p>", xml) if "Account\u201d means" in p]
text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", paras[0])) if paras else ""
sys.exit(0 if paras and "<w:numPr>" in paras[0] and not text.startswith("1.1") else 1)
PY
echo "ok   LibreOffice opens the redline, shows the new wording and OLD's numbering"
