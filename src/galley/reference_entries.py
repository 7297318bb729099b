"""Reference-list entries as the text prints them: the list split into numbered entries, each
parsed into a CSL-JSON item (authors, title, container, publisher, year, volume, pages, DOI…) with
its raw text kept. Abbreviations and letters come from the language data files.
"""

import re

from .languages import abbreviations, all_languages, and_words, letters, name_letters, name_particles

UPPER, LOWER = letters()
# A DOI may have been cut at its line's end ("10.1016/ j.dsr2…"): the field takes it whole.
DOI = re.compile(r"\b(10\.\d{4,9}/\s?[^\s\"<>]+?)(?=[.,;]?(?:\s|$))")
URL = re.compile(r"(https?://[^\s<>\"]+?)(?=[.,;)]?(?:\s|$))")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
PAGES = re.compile(rf"(?<!\w)(?:{abbreviations('pages')})\s*(\d+)(?:\s*[-–—]\s*(\d+))?", re.IGNORECASE)
PAGE_COUNT = re.compile(rf"(\d+)\s*(?:{abbreviations('pages')})(?:\s|$)", re.IGNORECASE)
VOLUME = re.compile(rf"(?<!\w)(?:{abbreviations('volume')})\s*(\d+)", re.IGNORECASE)
ISSUE = re.compile(rf"(?<!\w)(?:{abbreviations('issue')})\s*(\d+)", re.IGNORECASE)
# GOST: "Иванов И.И., Петров П.П." ; APA: "Ivanov, I. I., & Petrov, P."
GOST_AUTHOR = re.compile(rf"([{UPPER}][\w'’-]+)\s+((?:[{UPPER}][{LOWER}]?\.\s?){{1,3}})")
APA_AUTHOR = re.compile(rf"([{UPPER}][\w'’-]+),\s+((?:[{UPPER}][{LOWER}]?\.\s?(?:-\s?)?){{1,3}})")
APA_SHAPE = re.compile(r"^(?P<authors>.+?)\s*\((?P<year>(?:19|20)\d\d)[a-z]?\)\.\s*(?P<rest>.+)$")
# "… Title. Алматы: Қазақ университеті, 2015." — a place holds no full stop but a closing one ("М.:").
PLACE_PUBLISHER = re.compile(rf"(?:^|[.–—]\s+)(?P<place>[{UPPER}][^.:/]{{0,30}}?\.?)\s*:\s*"
                             r"(?P<publisher>[^,:;/]{2,80}?),\s*(?:19|20)\d\d")
# Where a GOST container title ends: " – ", a year, or the volume or issue that follows it.
CONTAINER_END = re.compile(rf"\.\s+[–—-]\s+|\.\s+(?=(?:19|20)\d\d)|\s[–—]\s|"
                           rf"\.\s*(?=(?:{abbreviations('volume')}|{abbreviations('issue')}))")
AUTHOR_SEPARATOR = re.compile(rf"\s*,\s*|\s+(?:{and_words()})\s+")
# APA's container: "Journal of Peace Research, 49(1), 227-239."
APA_CONTAINER = re.compile(r"^(?P<name>[^,]+?)(?:,\s*(?P<vol>\d+)(?:\((?P<iss>[^)]+)\))?)?"
                           r"(?:,\s*(?P<pages>\d+\s*[-–]\s*\d+|\d+))?\.?$")
# An entry's number opens the list or follows the entry before ("… 2008. 3. Title"); only the
# next number in sequence counts, and never one that belongs to "No." or "P.".
ENUMERATOR = re.compile(r"(?:^|(?<=\s))(?:(\d{1,3})[.)]|\[(\d{1,3})\])(?:\s+(?=\S)|(?=[.)]\s))")  # "1. ", "1.. "


# The shapes an author-year entry opens with: "Smith, J.", "Van Dingenen, R. A.", "SOUZA, R.",
# "Adolf B, Chapouton P", "Liu Y-W", "Иванов И.И.", "AdamsPJ, …", a corporate author in capitals
# ("WORLD BANK. ", "BLS – ") or in brackets ("[Embrapa] ").
NAME_UPPER, NAME_LOWER = name_letters()
NAME_CHAR = r"(?:[^\W\d_]|['’‐–-])"  # a letter, an apostrophe or a hyphen: no digit ("S1000-2015…" is no name)
PARTICLE = rf"(?:(?:{'|'.join(map(re.escape, sorted(name_particles())))})\s)?"
FAMILY_WORDS = rf"[{NAME_UPPER}]{NAME_CHAR}*(?:\s[{NAME_UPPER}]{NAME_CHAR}+){{0,2}}"
FAMILY = rf"{PARTICLE}{FAMILY_WORDS}?"  # the fewest words that make a name
INITIALS = rf"(?:[{NAME_UPPER}]\.[\s-]?){{1,4}}(?![{NAME_UPPER}]\.)(?!\s*:)"  # "J.", "F. J. M." — not "D.C.:"
BARE_INITIALS = rf"[{NAME_UPPER}]{{1,3}}(?:-[{NAME_UPPER}])?"  # "DW", "Y-W"
PERSON = (rf"{FAMILY}(?:,\s*{INITIALS}|\s{INITIALS}|\s{BARE_INITIALS}(?=[,.:;])"
          rf"|(?<=[{NAME_LOWER}]){BARE_INITIALS}(?=[,.]))")
CORPORATE = rf"[{UPPER}]{{2,}}(?:[\s&–-]+[{UPPER}]{{2,}}){{0,5}}(?:\.|\s[–-])\s|\[[^\]]{{2,40}}\]\s"
# Only where a paragraph opens (a printed line's start), after an entry that ended: a corporate name
# before a year or a colon ("ACIA, 2005.", "R Core Team. 2019.", "HDF Group: …").
# Or a family name and bare initials before a year or a capital ("Lund PA 2015.", "Lund PA Steppe…").
LINE_ONLY = (rf"[{UPPER}][\w&'’-]*(?:\s[\w&'’-]+){{0,4}}[,.]\s(?:19|20)\d\d"
             rf"|[{UPPER}][\w&'’-]*(?:\s[{UPPER}][\w&'’-]*){{0,4}}:\s"
             rf"|{FAMILY}\s{BARE_INITIALS}\s(?=(?:19|20)\d\d|[{NAME_UPPER}][{NAME_LOWER}])")
ENTRY_START = re.compile(rf"(?:{PERSON}|{CORPORATE}|{LINE_ONLY})")
ENTRY_START_MID = re.compile(rf"(?:{PERSON}|{CORPORATE})")
# Where an entry may end inside a joined paragraph: after a word's full stop (not an initial's) or a
# bracket, or after a link (LINK).
AFTER_ENTRY = re.compile(r"(?:(?<=\w\w\.)|(?<=\))|(?<=\)\.))\s+")
LINK = re.compile(r"(?:https?://|www\.|\b10\.\d{4,9})\S*")
# A link that a line end cut after "/", ".", or a hyphen may go on in the next word ("…/wr." "4411").
LINK_CUT = ("/", ".", "-", "\u2010")
SPACES, NEXT_WORD = re.compile(r"\s*"), re.compile(r"\s\S+")
LINK_END = r"(?:https?://|www\.|\b10\.\d{4,9})(?:\S*[/.\u2010-]\s\S+|\S*)"
YEAR_REACH = 400  # a long list of authors may hold the year back this far
# Where no year is printed: "(n.d.)", "(s.d.)", in every language's words.
NO_DATE = re.compile(rf"\((?:{abbreviations('no_date')})\)")
# An entry in APA's shape that opens a line: names, then "(2020)." or "(n.d.)." soon after. A line that
# opens so starts an entry even when the line before ends without a full stop (an ISBN, a page range).
APA_DATE = rf"\((?:(?:19|20)\d\d[a-z]?|{abbreviations('no_date')})\)\."
APA_OPENING = re.compile(rf"(?:{PERSON})[^()]{{0,400}}?{APA_DATE}")
# A work without a person for author, named by its title or its body ("Lake Atlas Project. (n.d.)."):
# only at a line's start after an entry that ended, and no number before the date (a wrapped line
# of the entry before holds its volume and pages).
APA_TITLE_OPENING = re.compile(rf"[{UPPER}][^()\d]{{0,150}}?{APA_DATE}\s")
# A short label a platform prints after each entry for its link ("Full Text Online", "Library
# Record"): a few capitalised words, no digit, no full stop.
LINK_LABEL = re.compile(rf"(?:[{UPPER}][^\W\d_]*\s){{0,3}}[{UPPER}][^\W\d_]*")

# Words after which a number is an issue, volume or page, never an entry's number. Page markers
# also close a page count ("240 p."), after which a number does open the next entry.
ISSUE_MARKERS = {p.rstrip(".").casefold() for kind in ("volume", "issue", "part")
                 for data in all_languages().values() for p in data["abbreviations"].get(kind, [])}
PAGE_MARKERS = {p.rstrip(".").casefold() for data in all_languages().values()
                for p in data["abbreviations"].get("pages", [])}


def _after_number_marker(tokens):
    """Whether the text before a number ends in "No." or "P." that the number belongs to.

    "240 p. 2. Petrova…": the "p." closes a page count, so the 2 opens the next entry.
    """
    last = tokens[-1].rstrip(".").casefold() if tokens else ""
    if last in ISSUE_MARKERS:
        return True
    return last in PAGE_MARKERS and not (len(tokens) > 1 and tokens[-2].rstrip(".,").isdigit())


def split_entries(paragraphs):
    """Reference-list paragraphs → [(number, text)]: by the list's own enumerators when it has them,
    else where an entry's first author starts; never at a wrapped line."""
    paragraphs = [p.strip() for p in paragraphs if p.strip()]
    numbered = _numbered_entries(paragraphs)
    if numbered:
        return numbered
    return list(enumerate(_unnumbered_entries(paragraphs), 1))


def _numbered_entries(paragraphs):
    """Entries split at "1.", "2)", "[3]" in sequence; [] when the list does not open with number 1."""
    text = "\n".join(paragraphs)
    marks, expected = [], 1
    for m in ENUMERATOR.finditer(text):
        opens_paragraph = m.start() == 0 or text[m.start() - 1] == "\n"
        if not opens_paragraph and _after_number_marker(text[:m.start()].split()):
            continue  # "No. 3. P. 10" is an issue number, not entry 3
        if int(m.group(1) or m.group(2)) == expected:
            marks.append(m)
            expected += 1
    if not marks or marks[0].start() > 0:
        return []  # text before the first number: the list is read by its authors, nothing dropped
    entries = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        entries.append((int(m.group(1) or m.group(2)), " ".join(text[m.end():end].split("\n")).strip()))
    # The numbers stop but entries go on, each a paragraph of its own (a column of numbers the PDF
    # drew apart from its entries): the rest is split by its authors and numbered on.
    number = entries[-1][0]
    rest = _unnumbered_entries(text[marks[-1].end():].split("\n"))
    return entries[:-1] + [(number + n, entry) for n, entry in enumerate(rest)] if len(rest) > 1 else entries


def _unnumbered_entries(paragraphs):
    """An alphabetical list: an entry starts where a paragraph, or a sentence or link after the entry
    before, opens with an author's shape (or a corporate author) and a year follows; and only after an
    entry that ended and holds a year, so a wrapped line or a name inside an entry never starts one."""
    text = " ".join(paragraphs)
    offsets = [sum(len(p) + 1 for p in paragraphs[:n]) for n in range(len(paragraphs))]
    starts = [0]
    for n, (offset, end) in enumerate(zip(offsets, [*offsets[1:], len(text)])):
        if offset and _dated(text[starts[-1]:offset]) and not _link_label(paragraphs, n) and (
                APA_OPENING.match(text, offset)
                or _ended(text[:offset], paragraphs[n - 1]) and (_opens_entry(text, offset)
                                                                  or APA_TITLE_OPENING.match(text, offset))):
            starts.append(offset)
        for position in _entry_ends(text, offset, end):
            if _opens_entry(text, position, mid=True) and _dated(text[starts[-1]:position]):
                starts.append(position)
    bounds = [*sorted(set(starts)), len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _link_label(paragraphs, n):
    """Whether paragraph n is a link's label that closes the entry before (an entry opens after it)."""
    if not LINK_LABEL.fullmatch(paragraphs[n].strip()):
        return False
    after = " ".join(paragraphs[n + 1:n + 2])
    return bool(APA_OPENING.match(after) or _opens_entry(after, 0))


def _entry_ends(text, start, end):
    """Where an entry may end inside a paragraph: after a word's full stop or a bracket, and after a
    link, or after the word that goes on a link a line end cut."""
    positions = {m.end() for m in AFTER_ENTRY.finditer(text, start, end)}
    for m in LINK.finditer(text, start, end):
        positions.add(_past_space(text, m.end()))
        if m.group(0).endswith(LINK_CUT) and (rest := NEXT_WORD.match(text, m.end())):
            positions.add(_past_space(text, rest.end()))
    return sorted(p for p in positions if start < p < end)


def _past_space(text, position):
    return SPACES.match(text, position).end()


def _ended(text, last_paragraph=""):
    """Whether the text so far ends an entry: a full stop, a bracket, or a link; or a link's label
    printed after such an ending, as a paragraph of its own."""
    end = text.rstrip()
    if end.endswith((".", ")")) or re.search(rf"{LINK_END}$", end):
        return True
    label = last_paragraph.strip()
    return bool(label) and end.endswith(label) and bool(LINK_LABEL.fullmatch(label)) and _ended(end[:-len(label)])


def _dated(text):
    return bool(YEAR.search(text) or NO_DATE.search(text))


def _opens_entry(text, position, mid=False):
    """Whether an entry starts at this position: an author's shape, and a year soon after."""
    window = text[position:position + YEAR_REACH]
    shapes = ENTRY_START_MID if mid else ENTRY_START
    return bool(shapes.match(window)) and _dated(window)


def parse_reference(number, text):
    """One reference entry → a CSL-JSON item. The raw text is always kept in 'note'."""
    item = {"id": f"ref-{number}", "citation-label": str(number), "note": text, "type": "document"}
    for key, pattern in (("DOI", DOI), ("URL", URL)):
        if m := pattern.search(text):
            item[key] = "".join(m.group(1).split())
    if "DOI" in item and item.get("URL", "").endswith(item["DOI"]):
        del item["URL"]  # the DOI's own link
    body = URL.sub("", DOI.sub("", text))
    if m := APA_SHAPE.match(body):
        _parse_apa(item, m)
    else:
        _parse_gost(item, body)
    if "issued" not in item and (years := YEAR.findall(body)):
        item["issued"] = {"date-parts": [[int(years[0])]]}
    for key, pattern in (("volume", VOLUME), ("issue", ISSUE)):
        if key not in item and (m := pattern.search(body)):
            item[key] = m.group(1)
    if "page" not in item and (m := PAGES.search(body)):
        item["page"] = "-".join(g for g in m.groups() if g)
    elif "page" not in item and (m := PAGE_COUNT.search(body)):
        item["number-of-pages"] = m.group(1)
    if "container-title" in item:
        item["type"] = "article-journal"
    elif "publisher" in item or "number-of-pages" in item:
        item["type"] = "book"
    return item


def _parse_apa(item, m):
    item["author"] = _names(APA_AUTHOR, m.group("authors"))
    item["issued"] = {"date-parts": [[int(m.group("year"))]]}
    parts = [p.strip() for p in re.split(rf"(?<=[.?!])\s+(?=[{UPPER}0-9])", m.group("rest")) if p.strip()]
    if parts:
        item["title"] = parts[0].rstrip(".")
    if len(parts) > 1:
        container = APA_CONTAINER.match(parts[1])
        if container and (container.group("vol") or container.group("pages")):
            item["container-title"] = container.group("name").strip()
            for key, group in (("volume", "vol"), ("issue", "iss"), ("page", "pages")):
                if container.group(group):
                    item[key] = re.sub(r"\s*[-–]\s*", "-", container.group(group))
        else:
            item["publisher"] = parts[1].rstrip(".")


def _parse_gost(item, body):
    authors, rest = _leading_authors(body)
    if authors:
        item["author"] = authors
    title, _, after = rest.partition(" // ")
    publication = None if after else PLACE_PUBLISHER.search(rest)
    if publication:
        title = rest[:publication.start()]
        item["publisher-place"] = publication.group("place").strip()
        item["publisher"] = publication.group("publisher").strip()
    title = re.split(r"\s+/\s+|\.\s+[–—-]\s+|\s[–—]\s", title)[0]
    item["title"] = title.strip().rstrip(".").strip()
    if after:
        item["container-title"] = CONTAINER_END.split(after)[0].strip().rstrip(".")


def _leading_authors(body):
    """Authors at the head of a GOST entry ("Иванов И.И., Петров П.П. Title…")."""
    authors, pos = [], 0
    while m := GOST_AUTHOR.match(body, pos):
        authors.append({"family": m.group(1), "given": m.group(2).strip()})
        pos = m.end()
        sep = AUTHOR_SEPARATOR.match(body, pos)
        if not sep:
            break
        pos = sep.end()
    if not authors:
        return [], body
    return authors, body[pos:].lstrip(" ,")


def _names(pattern, text):
    return [{"family": m.group(1), "given": m.group(2).strip()} for m in pattern.finditer(text)]


def missing_reference(number, hints, cited_by=""):
    """A placeholder for a cited number whose entry the source lacks: marked, never invented; the
    sentences that cite it, and the author the first names (galley.citing), for the editor."""
    custom = {"status": "missing", "hints": hints, **({"cited_by": cited_by} if cited_by else {})}
    return {"id": f"ref-{number}", "citation-label": str(number), "type": "document", "custom": custom}


def is_missing(item):
    return (item.get("custom") or {}).get("status") == "missing"


# --- the first author and the year, to link author-year citations --------------------------------

ENTRY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d[a-z]?)(?![\d\w])")
FAMILY_BEFORE_COMMA = re.compile(rf"\[?({PARTICLE}{FAMILY_WORDS}),")
GLUED_INITIALS = re.compile(rf"(?<=[{NAME_LOWER}])[{NAME_UPPER}]{{1,3}}(?:-[{NAME_UPPER}])?$")  # "AdamsPJ"


def first_author_and_year(text):
    """(family name, year) an author-year list sorts an entry by: "Smith, J. (2010a)" → ("Smith",
    "2010a"); "WORLD BANK. … 2023c" → ("WORLD BANK", "2023c"); "[Embrapa] … 2018" → ("Embrapa", …)."""
    year = ENTRY_YEAR.search(text)
    # A family name of several words up to its comma ("Da Costa, I."), else the shortest that opens it.
    m = (FAMILY_BEFORE_COMMA.match(text.strip())
         or re.match(rf"\[?({FAMILY}|[{UPPER}]{{2,}}(?:[\s&]+[{UPPER}]{{2,}})*)", text.strip()))
    if not year or not m:
        return None
    family = GLUED_INITIALS.sub("", m.group(1).strip())
    return family, year.group(1)
