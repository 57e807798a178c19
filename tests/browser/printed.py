"""Checks a packet as printed: the HTML page next to the text of its PDF.

    python3 printed.py PACKET.html PACKET.txt PAGES

PACKET.txt is `pdftotext -layout PACKET.pdf`: one form feed between
pages. Checks, on every page, the running line (whose packet, when
assessed) and the page number; that no page ends on a heading; that no
statement card is split between two pages; and that the text survives:
every statement id and heading of the page is in the PDF. A page may
not end on an introduction (a heading's lede or the scale note) either. Standard
library only. Exits 1 with a message naming the page on the first
problem.
"""

import re
import sys
from html.parser import HTMLParser


def squeeze(text):
    """Text without any white space, so layout differences do not count."""
    return re.sub(r"\s+", "", text)


class Packet(HTMLParser):
    """What the printed pages must show, read from the HTML."""

    HEADINGS = {"h1", "h2", "h3", "h4"}

    def __init__(self):
        super().__init__()
        self.headings = []
        self.ledes = []
        self.card_ids = []
        self.all_ids = []
        self.running = []
        self._stack = []
        self._text = None
        self._into = None
        self._depth = 0
        self._in_card = 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        self._stack.append((tag, classes))
        if tag == "li" and "statement" in classes:
            self._in_card += 1
        if self._text is not None:
            return
        if tag in self.HEADINGS:
            self._into = self.headings
        elif tag == "p" and ("lede" in classes or "scale" in classes):
            self._into = self.ledes
        elif tag == "code" and "sid" in classes:
            self._into = "sid"
        elif tag == "span" and any("running" in c for _, c in self._stack[:-1]):
            self._into = self.running
        else:
            return
        self._text, self._depth = [], len(self._stack)

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, classes = self._stack.pop()
            if open_tag == "li" and "statement" in classes:
                self._in_card -= 1
            if open_tag == tag:
                break
        if self._text is None or len(self._stack) >= self._depth:
            return
        text = " ".join("".join(self._text).split())
        if self._into == "sid":
            self.all_ids.append(text)
            if self._in_card:
                self.card_ids.append(text)
        elif text:
            self._into.append(text)
        self._text, self._into = None, None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def fail(message):
    sys.exit(f"printed.py: {message}")


def main():
    html_path, text_path, pages = sys.argv[1], sys.argv[2], int(sys.argv[3])
    packet = Packet()
    with open(html_path, encoding="utf-8") as f:
        packet.feed(f.read())
    with open(text_path, encoding="utf-8") as f:
        printed = f.read().split("\f")
    printed = [p for p in printed if p.strip()]
    if len(printed) != pages:
        fail(f"{len(printed)} pages of text for {pages} pages of PDF")
    if not packet.running or not packet.card_ids:
        fail(f"{html_path} has no running line or no statement cards")

    card_ids = set(packet.card_ids)
    id_line = re.compile(r"^\s*([a-z0-9_-]+(?:\.[a-z0-9_-]+)+)\b")
    headings = [squeeze(h) for h in packet.headings]
    ledes = [squeeze(lede) for lede in packet.ledes]
    for number, page in enumerate(printed, start=1):
        lines = [line for line in page.split("\n") if line.strip()]
        flat = squeeze(page)
        for part in packet.running:
            if squeeze(part) not in flat:
                fail(f"page {number} lacks the running line {part!r}")
        footer = f"Page {number} of {pages}"
        if not any(line.strip().endswith(footer) for line in lines):
            fail(f"page {number} lacks {footer!r}")
        body = [line for line in lines if not line.strip().endswith(footer)]
        last = squeeze(body[-1]) if body else ""
        tail = squeeze("".join(body[-2:]))
        # A heading, or the last line of one that wrapped.
        if last and any(h == last or (h.endswith(last) and tail.endswith(h)) for h in headings):
            fail(f"page {number} ends on a heading: {body[-1].strip()!r}")
        # Nor on the introduction under a heading, whole or in part.
        if len(last) >= 12 and any(last in lede for lede in ledes):
            fail(f"page {number} ends on an introduction: {body[-1].strip()!r}")
        # A card's first line holds its id; its last row is its evidence.
        open_card = None
        for line in body:
            match = id_line.match(line)
            if match and match.group(1) in card_ids:
                if open_card:
                    fail(f"page {number}: card {open_card} has no evidence row")
                open_card = match.group(1)
            elif open_card and re.match(r"^\s*.*\bEvidence\b", line):
                open_card = None
        if open_card:
            fail(f"page {number}: card {open_card} runs onto the next page")

    text = squeeze("\n".join(printed))
    for sid in packet.all_ids:
        if squeeze(sid) not in text:
            fail(f"statement {sid} is missing from the PDF")
    for heading in headings:
        if heading not in text:
            fail(f"heading {heading!r} is missing from the PDF")
    print(
        f"{pages} pages; {len(card_ids)} cards whole; "
        f"{len(headings)} headings, none at a page foot",
        file=sys.stderr,
    )


main()
