"""Citations as the text prints them: "[1]", "[1, с. 152-167]", "[2; 5]", "[1-3]", "[3, p. 12]".

Read by the structure stage (to find what is cited) and when the canonical article is written
(to turn each into a Pandoc citation); formatting the references is the citations stage's job.
"""

import re
from dataclasses import dataclass

NUMBER_GROUP = r"\d{1,3}(?:\s*[-–—]\s*\d{1,3})?"
# "[1]", "[1, с. 152-167]", "[2; 5]", "[1-3]", "[3, p. 12]", "[4, б. 7]", "[1, 2]"
CITATION = re.compile(rf"\[(?P<inner>{NUMBER_GROUP}(?:\s*[,;]\s*(?:{NUMBER_GROUP}|[^\[\]\d][^\[\]]{{0,60}}))*)\]")
PART = re.compile(rf"^\s*(?P<numbers>{NUMBER_GROUP}(?:\s*,\s*{NUMBER_GROUP})*)(?:\s*,\s*(?P<locator>\D.*?))?\s*$")
RANGE = re.compile(r"(\d+)\s*[-–—]\s*(\d+)")
MAX_RANGE = 50


@dataclass
class CiteItem:
    number: int
    locator: str = ""


@dataclass
class Citation:
    start: int
    end: int
    text: str
    items: list


def find_citations(paragraph):
    """Every numeric citation in a paragraph, with its items and locators."""
    found = []
    for m in CITATION.finditer(paragraph):
        items = _parse_inner(m.group("inner"))
        if items:
            found.append(Citation(m.start(), m.end(), m.group(0), items))
    return found


def _parse_inner(inner):
    items = []
    for part in inner.split(";"):
        m = PART.match(part)
        if not m:
            return None
        numbers = []
        for group in m.group("numbers").split(","):
            numbers += _expand(group)
        if not numbers:
            return None
        locator = (m.group("locator") or "").strip()
        items += [CiteItem(n) for n in numbers[:-1]] + [CiteItem(numbers[-1], locator)]
    return items


def _expand(group):
    if r := RANGE.search(group):
        first, last = int(r.group(1)), int(r.group(2))
        if 0 < first <= last and last - first <= MAX_RANGE:
            return list(range(first, last + 1))
        return []
    return [int(group)] if group.strip().isdigit() and int(group) > 0 else []
