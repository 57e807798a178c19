"""Checks a team view as printed: the HTML page and the team's JSON next
to the text of its PDF.

    python3 printed_team.py TEAM.html TEAM.json TEAM.txt

TEAM.txt is `pdftotext -layout TEAM.pdf`: one form feed between pages.
Checks that every person's name is on the paper; that each word of every
heatmap category is whole (a column squeezed too narrow splits
"Delivery" into "Delive" and "ry"); that no share is split from its
percent sign; that every page has its page number and none ends on a
heading. Standard library only. Exits 1 with a message on the first
problem.
"""

import json
import re
import sys
from html.parser import HTMLParser


class Headings(HTMLParser):
    """The text of every h1, h2 and h3."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._text = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3"):
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3") and self._text is not None:
            self.found.append(" ".join("".join(self._text).split()))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def squeeze(text):
    return " ".join(text.split())


def main():
    html_path, json_path, text_path = sys.argv[1:4]
    with open(html_path, encoding="utf-8") as f:
        parser = Headings()
        parser.feed(f.read())
    with open(json_path, encoding="utf-8") as f:
        team = json.load(f)
    with open(text_path, encoding="utf-8") as f:
        pages = f.read().split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    whole = squeeze(" ".join(pages))
    tokens = set(whole.split())
    # Words, and the parts of hyphenated ones: a line may break after
    # "Role-", never inside "Delivery".
    parts = {part for token in tokens for part in re.findall(r"[^\s-]+-?", token)}

    for member in team["people"]:
        if squeeze(member["person"]) not in whole:
            sys.exit(f"{member['person']!r} is not on the paper")
    for category in team["heatmap"]["categories"]:
        for word in re.findall(r"[^\s-]+-?", category["name"]):
            if word not in parts:
                sys.exit(f"the heatmap's {category['name']!r} is split on the paper: no whole {word!r}")
    if "%" in tokens:
        sys.exit("a share is split from its percent sign")

    headings = set(parser.found)
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        footer = f"{number} / {len(pages)}"
        if not lines or lines[-1] != footer:
            sys.exit(f"page {number} does not end with its number ({footer})")
        if len(lines) > 1 and squeeze(lines[-2]) in headings:
            sys.exit(f"page {number} ends on the heading {lines[-2]!r}")


if __name__ == "__main__":
    main()
