#!/usr/bin/env bash
# Renders a manager's team view (`rungs team --format html`) of 8 and of
# 40 people in a real browser (headless Chromium) and checks what a person
# would see: the DOM has every person's row and a heatmap cell for each
# category of each, and a hostile name stays text. Then prints it to PDF as
# a person would from the browser and checks the paper: A4 landscape, a
# page count within bounds, every name on it, no heatmap heading split
# inside a word, no share split from its sign, a page number on every page
# and no heading at a page's foot (tests/browser/printed_team.py).
#
#   tests/browser/check-team.sh
#
# Needs `chromium` on PATH (Debian: apt-get install chromium), `pdfinfo` and
# `pdftotext` (Debian: apt-get install poppler-utils) and python3.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# As measured: 10 pages for either team, most of them the statements
# only one person meets, listed in full.
MAX_PAGES=12
HOSTILE='<img src=x onerror=alert(1)> Zoë "Ω"'

CHECK=check-team
# shellcheck source=tests/browser/common.sh
. "$ROOT/tests/browser/common.sh"
export RUNGS_CACHE_DIR="$TMP/cache" RUNGS_CONFIG_DIR="$TMP/config"

for people in 8 40; do
    data="$TMP/team-$people"
    python3 benches/team.py --people "$people" --generate-only "$data" >/dev/null
    if [ "$people" = 8 ]; then
        # One person's name, in every file of theirs, is markup.
        python3 - "$data/assessments/person-000" "$HOSTILE" <<'PY'
import json, pathlib, sys
for path in pathlib.Path(sys.argv[1]).glob("*.toml"):
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"person = {json.dumps(sys.argv[2])}" if l.startswith("person = ") else l for l in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
PY
    fi
    page="$TMP/team-$people.html"
    team() { RUNGS_DATA_DIR="$data" target/release/rungs team --as-of 2026-12-01 "$@"; }
    team --format html --output "$page" 2>/dev/null
    team --format json > "$TMP/team-$people.json"
    [ -s "$page" ] || fail "rungs team wrote nothing to $page"

    dom="$TMP/team-$people.dom.html"
    browser --dump-dom "file://$page" > "$dom" ||
        fail "chromium could not dump the DOM; see $TMP/chromium.log"
    python3 - "$dom" "$TMP/team-$people.json" <<'PY' || fail "the DOM of the team of $people is wrong: $dom"
import json, sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.imgs, self.text = {}, 0, []
        self._table = None
    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table":
            self._table = classes[0] if classes else "plain"
            self.tables.setdefault(self._table, {"rows": 0, "cells": 0})
        elif tag == "tr" and self._table:
            self.tables[self._table]["rows"] += 1
        elif tag == "td" and "cell" in classes and self._table:
            self.tables[self._table]["cells"] += 1
        elif tag in ("img", "script"):
            self.imgs += 1
    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
    def handle_data(self, data):
        self.text.append(data)

page = Page()
page.feed(open(sys.argv[1], encoding="utf-8").read())
team = json.load(open(sys.argv[2], encoding="utf-8"))
people = len(team["people"])
categories = len(team["heatmap"]["categories"])
text = " ".join("".join(page.text).split())
if page.tables.get("roster", {}).get("rows") != people + 1:
    sys.exit(f"the roster has {page.tables.get('roster')} rows, expected {people} and a header")
if page.tables.get("heatmap", {}).get("cells") != people * categories:
    sys.exit(f"the heatmap has {page.tables.get('heatmap')}, expected {people} x {categories} cells")
if page.imgs:
    sys.exit(f"{page.imgs} img or script elements: a name was read as markup")
for member in team["people"]:
    if " ".join(member["person"].split()) not in text:
        sys.exit(f"{member['person']!r} is not on the page")
PY

    pdf="$TMP/team-$people.pdf"
    browser --no-pdf-header-footer --print-to-pdf="$pdf" "file://$page" >/dev/null ||
        fail "chromium could not print $page; see $TMP/chromium.log"
    [ -s "$pdf" ] || fail "chromium wrote no PDF for $page"
    pdfinfo "$pdf" > "$pdf.info" || fail "pdfinfo cannot read $pdf"
    grep -q '^Page size: *841.* x 59[0-9].*(A4)' "$pdf.info" ||
        fail "$pdf is not A4 landscape: $(grep '^Page size' "$pdf.info")"
    pages="$(awk '/^Pages:/ { print $2 }' "$pdf.info")"
    [ "$pages" -ge 2 ] && [ "$pages" -le "$MAX_PAGES" ] ||
        fail "$pdf has $pages pages, expected 2 to $MAX_PAGES"
    pdftotext -layout "$pdf" "$pdf.txt" || fail "pdftotext cannot read $pdf"
    python3 tests/browser/printed_team.py "$page" "$TMP/team-$people.json" "$pdf.txt" ||
        fail "the print of the team of $people is wrong; see $pdf"
    echo "check-team: team of $people: $pages A4 pages" >&2
done
