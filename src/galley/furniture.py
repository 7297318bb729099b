"""Page furniture: running heads and page numbers, told from the text by the page's shape.

pdftotext puts a form feed between pages. A running head or a page number stands in the band of
lines at the top or the bottom of a page, often with no blank line between it and the text. It is
told by what the pages share, never by the words of one journal:
- page numbers: number-only lines whose values go up by one from page to page (page k prints k + c);
  one glued to the end of a line at the page's edge goes, and the line stays;
- running heads: a line whose shape (digits aside) comes back at the edge of enough pages, its
  numbers either the same on every page or the page's own ("Page 3 of 9"); on most pages, wherever
  it stands (the drawing order may put it after a column);
- a running head seen once (an alternating head on a short article): set apart from the text by a
  blank line, with a journal word, an issue number and a year, or one of them beside a page number.
Each band is peeled from the page's edge inward and stops at the first line of text, so a line of
the article is never taken from the middle of a page by its words. Text without form feeds is read
the old way: furniture is a line standing alone between blank lines.
"""

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from .languages import abbreviations, all_languages, label_pattern
from .names import starts_with_names

BAND = 4  # lines looked at from each edge of a page
BAND_SHARE = 0.3  # a running head at a page's edge comes back on this share of the pages (alternating heads: half)
ANYWHERE_SHARE = 0.5  # … and inside the page, on this share
FEW_PAGES = 3  # with no more pages, a page number seen once is taken for one
SURE_PAGES = 3  # a line back on this many pages' edges is a running head wherever it stands in the band
# A line that is only a page number, perhaps dressed ("- 107 -", "107 |").
PAGE_NUMBER = re.compile(r"^[\s\-–—|]*(\d{1,4})[\s\-–—|]*$")
# A page number glued to the end of a band line ("…deep learning. 7", "Research | 7").
TRAILING_NUMBER = re.compile(r"(?<!\d)([\s|]*)(\d{1,4})$")
YEAR = re.compile(r"\b(19|20)\d\d\b")
ISSUE = re.compile(rf"(?<!\w)(?:{abbreviations('issue')})\s*(\d+)(?:\s*\((\d+)\))?", re.IGNORECASE)
VOLUME = re.compile(rf"(?<!\w)(?:{abbreviations('volume')})\s*(\d+)", re.IGNORECASE)
# A reference-list entry ("4. Author. Title // Journal. 2014. № 6. С. 5-9.") or a piece of one is
# text, never a running head.
REFERENCE_SHAPE = re.compile(rf"^\s*(?:\d{{1,3}}[.)]|\[\d{{1,3}}\])\s|\s//\s"
                             rf"|(?<!\w)(?:{abbreviations('pages')})\s*\d+\s*[-–]\s*\d+\.?$", re.IGNORECASE)
DIGITS = re.compile(r"\d+")
MAX_HEAD = 200  # characters: a longer line is text


@dataclass
class Removal:
    """What page furniture takes from one line: all of it (kept == "") or a glued page number."""
    kind: str  # "page-number" or "running-head"
    text: str  # the line as it was
    kept: str = ""
    number: int | None = None  # the page number it carried
    cut: bool = False  # the number stood right after a letter: the word before it may go on over the page


def find(lines, page_of):
    """{line number (1-based): Removal} for the furniture of the text's lines.

    page_of[i] is the page index of line i (0-based), from the form feeds; one page means none.
    """
    pages = _pages(lines, page_of)
    if len(pages) < 2:
        return _find_without_pages(lines)
    return _find_on_pages(PagedLines(lines, page_of), pages)


class PagedLines(list):
    """The text's lines, knowing where each page starts: a page's edge sets a line apart as a blank
    line does."""

    def __init__(self, lines, page_of):
        super().__init__(lines)
        self.starts = {i for i in range(1, len(lines)) if page_of[i] != page_of[i - 1]}


def _pages(lines, page_of):
    """[[indices of the non-blank lines of page k]] for each page, in order."""
    pages = defaultdict(list)
    for i, line in enumerate(lines):
        if line.strip():
            pages[page_of[i]].append(i)
    return [pages[k] for k in sorted(pages)]


# --- pages known from form feeds --------------------------------------------------------------

@dataclass
class Page:
    index: int
    expected: int | None  # the number this page should print, when the pages tell it
    repeated: dict  # shapes of the running heads that come back from page to page → where they stand
    glued_allowed: bool = False  # a page whose number stands nowhere alone may carry it glued to a line
    guess_numbers: bool = False  # too few pages to tell the numbering: a lone number at the edge will do


def _find_on_pages(lines, pages):
    bands = [(page[:BAND], page[::-1][:BAND]) for page in pages]
    offset = _page_number_offset(lines, bands)
    repeated = _repeated(lines, [top + bottom for top, bottom in bands], _least_pages(len(pages), BAND_SHARE, 2))
    found = {}
    for k, (top, bottom) in enumerate(bands):
        expected = None if offset is None else k + offset
        page = Page(k, expected, repeated, glued_allowed=expected is not None and not any(
                        (m := PAGE_NUMBER.match(lines[i])) and int(m.group(1)) == expected for i in top + bottom),
                    guess_numbers=offset is None and len(pages) <= FEW_PAGES)
        for band, side in ((top, "top"), (bottom, "bottom")):
            _peel(lines, band, side, page, found)
    # Heads the drawing order put inside the page (after a column, a side box) come back on most pages.
    for i in _recurring_anywhere(lines, pages):
        found.setdefault(i + 1, Removal("running-head", lines[i].strip()))
    if offset is not None:
        _page_numbers_inside(lines, pages, offset, found)
    return found


def _page_numbers_inside(lines, pages, offset, found):
    """A page's own number on a line alone inside the page, where no edge of the page had it."""
    for k, page in enumerate(pages):
        if any(i + 1 in found and found[i + 1].number == k + offset for i in page):
            continue
        inside = [i for i in page if (m := PAGE_NUMBER.match(lines[i])) and int(m.group(1)) == k + offset]
        if len(inside) == 1:
            found[inside[0] + 1] = Removal("page-number", lines[inside[0]].strip(), number=k + offset)


def _least_pages(count, share, minimum):
    """How many pages a line must come back on to be a running head."""
    return max(minimum, math.ceil(share * count))


def _page_number_offset(lines, bands):
    """The constant c such that page k prints number k + c, when enough pages agree on it."""
    votes = Counter()
    for k, (top, bottom) in enumerate(bands):
        offsets = {int(m.group(1)) - k for i in set(top + bottom) if (m := PAGE_NUMBER.match(lines[i]))}
        votes.update(offsets)
    if not votes:
        return None
    offset, count = votes.most_common(1)[0]
    return offset if count >= _least_pages(len(bands), BAND_SHARE, 2) else None


def _peel(lines, band, side, page, found):
    """Mark furniture from the page's edge inward; stop at the first line of text."""
    beside_number = False
    for position, i in enumerate(band):
        if i + 1 in found:
            continue  # a short page's line, already taken from the other edge
        removal = _furniture_line(lines, i, position, side, page, beside_number)
        if removal is None:
            return
        found[i + 1] = removal
        beside_number = beside_number or removal.number is not None
        if removal.kept:
            return  # a line of text carried the page number: the text starts here


def _furniture_line(lines, i, position, side, page, beside_number):
    line = lines[i].strip()
    if m := PAGE_NUMBER.match(line):
        number = int(m.group(1))
        if number == page.expected or (page.guess_numbers and position == 0 and _alone(lines, i)):
            return Removal("page-number", line, number=number)
        return None
    if _never_a_head(line):
        return None
    if _shape(line) in page.repeated and _where_a_head_stands(lines, i, side, page):
        return Removal("running-head", line)
    if page.glued_allowed and (glued := _glued_number(line, page.expected)):
        if _shape(glued) in page.repeated or looks_like_running_head(glued, True):
            return Removal("running-head", line, number=page.expected)
        cut = glued[-1].isalpha() and line[len(glued)].isdigit()  # "candi6": no space before the number
        return Removal("page-number", line, kept=glued, number=page.expected, cut=cut)
    # A head printed once is told by its words, and only where a blank line sets it apart: a line of a
    # reference list at the page's edge has a journal's name, an issue and a year too.
    near_number = beside_number or _beside_page_number(lines, i, page.expected)
    if _set_apart(lines, i, side) and looks_like_running_head(line, near_number):
        return Removal("running-head", line)
    return None


def _where_a_head_stands(lines, i, side, page):
    """A line seen on two pages only must stand apart from the text (a line of prose may come back
    once); on the first page, where a title may read like the running head, it must stand as the
    head stands on the other pages."""
    at = page.repeated[_shape(lines[i])]
    if len(at) < SURE_PAGES and not _blank_inside(lines, i, side):
        return False
    return page.index > 0 or side == "bottom" or _first_page_head(lines, i, page.repeated)


def _blank_inside(lines, i, side):
    """A blank line, or the page's edge, between this band line and the text further in."""
    inner = i + 1 if side == "top" else i - 1
    return not (0 <= inner < len(lines)) or not lines[inner].strip() or max(i, inner) in lines.starts


def _set_apart(lines, i, side):
    """A blank line between this band line and the text further in, and no sentence running on."""
    return _blank_inside(lines, i, side) and not lines[i].rstrip().endswith((".", ",", ";", "-", "‐"))


def _never_a_head(line):
    """Lines that are the article's own even at a page's edge: labels, headings, references."""
    return (len(line) > MAX_HEAD or not any(c.isalpha() for c in line)
            or bool(label_pattern().match(line)) or bool(REFERENCE_SHAPE.search(line)))


def _glued_number(line, expected):
    """The line without its end when a page's edge line ends with the page's own number."""
    m = TRAILING_NUMBER.search(line)
    if not m or int(m.group(2)) != expected:
        return None
    rest = line[:m.start()].rstrip()
    return rest if any(c.isalpha() for c in rest) else None


def _beside_page_number(lines, i, expected):
    """A page number (the expected one, or any when none is known) on the line next to line i."""
    for j in (i - 1, i + 1, i - 2, i + 2):
        if 0 <= j < len(lines) and (m := PAGE_NUMBER.match(lines[j].strip())):
            return expected is None or int(m.group(1)) == expected
    return False


def _alone(lines, i):
    """A blank line, or the page's edge, on either side of line i."""
    starts = getattr(lines, "starts", ())
    before = i == 0 or i in starts or not lines[i - 1].strip()
    after = i == len(lines) - 1 or i + 1 in starts or not lines[i + 1].strip()
    return before and after


def _repeated(lines, pages, least):
    """{shape: {page: line index}} for lines that come back on `least` pages or more, once a page,
    with numbers that fit a running head. pages: the indices of the lines looked at on each page."""
    seen = defaultdict(dict)
    twice = set()  # shapes seen twice on one page: table cells, a list's items
    for k, indices in enumerate(pages):
        for i in sorted(set(indices)):
            line = lines[i].strip()
            if PAGE_NUMBER.match(line) or _never_a_head(line):
                continue
            shape = _shape(line)
            if k in seen[shape]:
                twice.add(shape)
            seen[shape][k] = i
    return {shape: at for shape, at in seen.items()
            if len(at) >= least and shape not in twice and _numbers_fit({k: lines[i] for k, i in at.items()})}


def _first_page_head(lines, i, repeated):
    """On the first page a title may read like a running head: it is one only when set apart from
    the text as the head is on the other pages."""
    at = repeated[_shape(lines[i])]
    return _alone(lines, i) or not any(_alone(lines, j) for k, j in at.items() if k > 0)


def _recurring_anywhere(lines, pages):
    """Lines whose shape comes back on most pages, wherever on the page they stand."""
    shapes = _repeated(lines, pages, _least_pages(len(pages), ANYWHERE_SHARE, 3))
    return [i for k, page in enumerate(pages) for i in page
            if _shape(lines[i]) in shapes and (k > 0 or _first_page_head(lines, i, shapes))]


def _numbers_fit(by_page):
    """Each number in the line is the same on every page, or goes up with the page ("Page 3 of 9").

    "Table 1" and "Table 3" at the top of two pages share a shape but are the article's own.
    """
    columns = list(zip(*([int(n) for n in DIGITS.findall(line)] for line in by_page.values())))
    pages = list(by_page)
    return all(len(set(values)) == 1 or len({v - k for v, k in zip(values, pages)}) == 1 for values in columns)


def _shape(line):
    return " ".join(DIGITS.sub("#", line.strip().casefold()).split())


# --- running heads by their words --------------------------------------------------------------

@cache
def _furniture_patterns():
    """Words of journal titles and the issue and volume abbreviations of every language file. These
    only help with a head printed once (a short article, alternating heads): at a page's edge, set
    apart by a blank line, beside a page number, or with an issue number and a year. Never enough alone."""
    words = sorted({w for data in all_languages().values() for w in data.get("journal_words", [])})
    header = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})", re.IGNORECASE)
    issue = re.compile(rf"(?<!\w)(?:{abbreviations('issue')}|{abbreviations('volume')})\s*\d")
    return header, issue


def looks_like_running_head(line, near_page_number):
    header, issue = _furniture_patterns()
    has_word = bool(header.search(line))
    has_issue = bool(issue.search(line))
    has_year = bool(YEAR.search(line))
    evidence = has_word + has_issue + has_year + near_page_number
    # Beside a page number, a journal word, an issue number or the authors' names make a running head.
    return evidence >= 3 or (near_page_number and (has_word or has_issue or starts_with_names(line)))


# --- text without form feeds ------------------------------------------------------------------

def _find_without_pages(lines):
    """Furniture as lines standing alone between blank lines: page numbers, and heads by shape.

    Only in a text whose lines are wrapped: where every line stands alone (one line a paragraph,
    as the normalizer writes its output), standing alone tells nothing."""
    if not is_wrapped(lines):
        return {}
    isolated = [i for i, line in enumerate(lines) if line.strip() and _alone(lines, i)]
    found = {}
    for i in isolated:
        if m := PAGE_NUMBER.match(lines[i]):
            found[i + 1] = Removal("page-number", lines[i].strip(), number=int(m.group(1)))
    repeats = _repeated_isolated(lines, isolated)
    for i in isolated:
        line = lines[i].strip()
        if i + 1 in found or _never_a_head(line):
            continue
        near_page_number = any(j + 1 in found and found[j + 1].kind == "page-number" for j in _neighbours(lines, i))
        if _shape(line) in repeats or looks_like_running_head(line, near_page_number):
            found[i + 1] = Removal("running-head", line)
    return found


def is_wrapped(lines):
    """Whether any line of the text is followed by another with no blank line between."""
    return any(a.strip() and b.strip() for a, b in zip(lines, lines[1:]))


def _neighbours(lines, i):
    """Indices of the nearest non-blank line on either side of line i."""
    found = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].strip():
            j += step
        if 0 <= j < len(lines):
            found.append(j)
    return found


def _repeated_isolated(lines, isolated):
    counts = Counter(_shape(lines[i]) for i in isolated if len(lines[i].strip()) >= 8)
    return {shape for shape, n in counts.items() if n >= 2}


# --- what the furniture tells ----------------------------------------------------------------

def facts(removals):
    """Running-head text, year, issue, volume and the page numbers seen."""
    heads = [r.text for _, r in sorted(removals.items()) if r.kind == "running-head"]
    pages = sorted({r.number for r in removals.values() if r.number is not None})
    found = {"running_heads": sorted(set(heads)), "pages_seen": pages}
    for head in heads:
        if (year := YEAR.search(head)) and "year" not in found:
            found["year"] = int(year.group(0))
        if (issue := ISSUE.search(head)) and "issue" not in found:
            found["issue"] = issue.group(1)
            if issue.group(2):
                found["issue_overall"] = issue.group(2)
        if (volume := VOLUME.search(head)) and "volume" not in found:
            found["volume"] = volume.group(1)
    return found
