#!/usr/bin/env bash
# The Word redline opens in LibreOffice: `soffice --headless --convert-to
# txt` reads it without error and its text holds the new wording.
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
echo "ok   LibreOffice opens the redline and shows the new wording"
