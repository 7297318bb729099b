"""Citations as the text prints them: numeric ("[1]", "[1, с. 152-167]", "[2; 5]", "[1-3]",
"[3, p. 12]") and author-year ("(Smith, 2010)", "Smith and Jones (2010a)", "(Smith et al., 2010,
p. 5; Lee 2011)", "(Иванов, 2015, с. 7)"), the latter linked to the entries of an alphabetical list
by the first author's family name and the year.

Read by the structure stage (to find what is cited) and when the canonical article is written
(to turn each into a Pandoc citation or a linked span); formatting the references is the citations
stage's job.
"""

import re
import unicodedata
from dataclasses import dataclass

from .languages import abbreviation_words, and_words, et_al_words, letters, locator_words, name_letters, name_particles
from .reference_entries import first_author_and_year

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
    separator: str = ""  # "," where the text printed a comma before the next number ("[2, 3]"), not ";"


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


def printed_form(citation):
    """The citation as the galleys print it (filters/citations.lua, which this follows): three or
    more numbers in a row without a locator as a range "7-9" (a range the text printed, "[7–9]", is
    printed so too, with a hyphen), numbers apart by "; " or by ", "
    where the text put a comma, each locator after its number. Where it differs from the text, the
    structure stage reports the change."""
    items, parts, i = citation.items, [], 0
    while i < len(items):
        j = i
        while (j + 1 < len(items) and not (items[j].locator or items[j].separator)
               and items[j + 1].number == items[j].number + 1):
            j += 1
        if j - i < 2:  # the range's last number may carry a locator or a comma ("[4-6, с. 7]", "[9-12, 14]")
            j = i
        last = items[j]
        parts.append(f"{items[i].number}" + (f"-{last.number}" if j > i else "")
                     + (f", {last.locator}" if last.locator else ""))
        parts.append(", " if last.separator == "," else "; ")
        i = j + 1
    return "[" + "".join(parts[:-1]) + "]"


def _parse_inner(inner):
    items = []
    for part in inner.split(";"):
        m = PART.match(part)
        if not m:
            return None
        part = []
        for group in m.group("numbers").split(","):
            if part:
                part[-1].separator = ","
            part += [CiteItem(n) for n in _expand(group)]
        if not part:
            return None
        part[-1].separator = ""
        part[-1].locator = (m.group("locator") or "").strip()
        items += part
    return items


def _expand(group):
    if r := RANGE.search(group):
        first, last = int(r.group(1)), int(r.group(2))
        if 0 < first <= last and last - first <= MAX_RANGE:
            return list(range(first, last + 1))
        return []
    return [int(group)] if group.strip().isdigit() and int(group) > 0 else []


# --- citation numbers printed bare --------------------------------------------------------------

# A superscript citation the extraction flattened to the line: its numbers after a clause's
# punctuation ("… of the sample. 4 The …", "… cases.4,5 The …", "… clinics, 2 schools …") or glued to
# a word ("… análise7 dos …"). A shape that plain numbers also take, so it counts only where the
# whole article agrees (bare_citation_numbers).
BARE_NUMBERS = r"\d{1,3}(?:\s?[,–—-]\s?\d{1,3})*"
# from a word's start only: tried inside a word, the same word fails the same way, letter by letter
BARE_CANDIDATE = re.compile(rf"(?<![^\W\d_])(?P<word>[^\W\d_]+)(?P<mark>[.,;]?)(?P<space>\s?)"
                            rf"(?P<numbers>{BARE_NUMBERS})(?=[\s,;:]|\.(?!\d)|$)")
MIN_SENTENCE_WORD = 4  # "Fig. 3", "No. 2", "pp. 5": a shorter word before a full stop is an abbreviation
MIN_GLUED_WORD = 3  # "análise7": small letters before the number ("CO2", "H1N1" are names, not citations)
MIN_BARE_SHARE = 0.3  # of the list's entries cited bare, for the article to cite that way


@dataclass
class BareNumber:
    """One number of a bare citation: its span in the paragraph and the entry it cites."""

    start: int
    end: int
    number: int


_, LOWER = letters()


def _bare_shape(m):
    """Whether a candidate's surroundings are those of a flattened superscript."""
    word, mark, space = m.group("word"), m.group("mark"), m.group("space")
    if not mark:  # glued to a word: small letters right before it, no space
        return not space and all(c in LOWER for c in word[-MIN_GLUED_WORD:]) and len(word) >= MIN_GLUED_WORD
    if mark == ".":
        short_capital = word[:1].isupper() and len(word) <= MIN_SENTENCE_WORD
        return len(word) >= MIN_SENTENCE_WORD and not short_capital and word.casefold() not in abbreviation_words()
    return len(word) >= 2


def bare_numbers(paragraph, linkable):
    """The numbers of a paragraph's bare citations that a numbered list holds (linkable: its numbers);
    a range ("4–6") gives its two ends, each linked where it is printed."""
    found = []
    for m in BARE_CANDIDATE.finditer(paragraph):
        if not _bare_shape(m):
            continue
        offset = m.start("numbers")
        numbers = [(offset + n.start(), offset + n.end(), int(n.group(0)))
                   for n in re.finditer(r"\d+", m.group("numbers"))]
        if all(number in linkable for *_, number in numbers):
            found += [BareNumber(*n) for n in numbers]
    return found


def bare_citation_numbers(paragraphs, numbers, author_year_linked=0):
    """The numbers of a numbered reference list (numbers) that the body cites bare, or an empty set when
    the article does not cite that way: it prints bracketed numbers or author-year citations, or the bare
    shapes reach too few of its entries to be its citations rather than plain numbers."""
    numbers = set(numbers)
    if len(numbers) < 2 or author_year_linked or any(find_citations(p) for p in paragraphs):
        return set()
    cited = set()
    for paragraph in paragraphs:
        for found in bare_numbers(paragraph, numbers):
            cited.add(found.number)
    return numbers if len(cited) >= max(2, MIN_BARE_SHARE * len(numbers)) else set()


def bare_cited_numbers(paragraphs, numbers, author_year_linked=0):
    """The numbers of the list that bare citations of the body cite (none where it cites otherwise)."""
    linkable = bare_citation_numbers(paragraphs, numbers, author_year_linked)
    return {found.number for p in paragraphs for found in bare_numbers(p, linkable)}


# --- author-year citations ----------------------------------------------------------------------

UPPER, _ = name_letters()
YEAR = r"(?:19|20)\d\d[a-z]?(?![\w])"
_PARTICLES = "|".join(map(re.escape, sorted(name_particles())))
NAME = (rf"(?:(?:{_PARTICLES})\s)?[{UPPER}][\w'’]*(?:[-‐‑–][{UPPER}]?[\w'’]+)*"
        rf"(?:\s(?:(?:{_PARTICLES})\s)?[{UPPER}][\w'’]*(?:[-‐‑–][{UPPER}]?[\w'’]+)*|\s\([{UPPER}]{{2,}}\)){{0,3}}")
NAMES = (rf"{NAME}(?:(?:\s*,\s*|\s*,?\s+(?:{and_words()})\s+){NAME}){{0,6}}"
         rf"(?:,?\s+(?:{et_al_words()}))?")
NAMES_AT_END = re.compile(rf"(?<![\w-])(?P<names>{NAMES})\s*,?\s*$")
PARENTHESES = re.compile(r"\((?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")
NARRATIVE = re.compile(rf"(?<![\w-])(?P<names>{NAMES})\s\((?P<year>{YEAR})(?:,\s*(?:{locator_words()})\s*[\d–-]+)?\)")
YEARS = re.compile(YEAR)
LEADING_NAME = re.compile(r"[^,(]+,\s+(?=\S)")  # "Thus, " before the names of a narrative citation


@dataclass
class AuthorYear:
    """One cited work as printed: the span to link, the first author's family name and the year."""

    start: int
    end: int
    family: str
    year: str
    text: str


def author_year_items(paragraph, index=None):
    """Every author-year item of a paragraph, in order: "(Berg 2004; Lund et al. 2003)" gives two
    items, "(NBS, 2024, 2024a)" two (the second only its year), "Okafor (2006)" one. With the list's
    index, a narrative item whose first name no entry answers starts at the next name ("Thus, Okafor
    (2006)": a word before a comma at a sentence's start)."""
    items = []
    for m in PARENTHESES.finditer(paragraph):
        items += _parenthetical(paragraph, m.start("body"), m.group("body"))
    for m in NARRATIVE.finditer(paragraph):
        if not any(i.start < m.end() and m.start() < i.end for i in items):
            item = AuthorYear(m.start(), m.end(), _family(m.group("names")), m.group("year"), m.group(0))
            items.append(_from_a_listed_name(item, index) if index else item)
    return sorted(items, key=lambda i: i.start)


def _from_a_listed_name(item, index):
    """The item from its first name that an entry of the list answers; the item itself if none does."""
    candidate = item
    while resolve(candidate, index) is None:
        lead = LEADING_NAME.match(candidate.text)
        if not lead:
            return item
        text = candidate.text[lead.end():]
        candidate = AuthorYear(candidate.start + lead.end(), candidate.end, _family(text), candidate.year, text)
    return candidate


def _parenthetical(paragraph, offset, body):
    items, position = [], 0
    for chunk in body.split(";"):
        start = offset + position
        position += len(chunk) + 1
        years = list(YEARS.finditer(chunk))
        if not years:
            continue
        names = NAMES_AT_END.search(chunk[:years[0].start()])
        if not names:
            continue
        family = _family(names.group("names"))
        first_end = start + years[0].end()
        items.append(AuthorYear(start + names.start("names"), first_end, family, years[0].group(0),
                                paragraph[start + names.start("names"):first_end]))
        for year in years[1:]:
            between = chunk[years[0].end():year.start()]
            if re.fullmatch(r"[\s,]*(?:\d{4}[a-z]?[\s,]*)*", between):  # "2024, 2024a": the same authors
                items.append(AuthorYear(start + year.start(), start + year.end(), family, year.group(0), year.group(0)))
    return items


def _family(names):
    """The first author's family name of a citation's names ("Smith et al." → "Smith")."""
    first = re.split(rf"\s*,\s*|\s+(?:{and_words()})\s+|,?\s+(?:{et_al_words()})", names)[0]
    return first.strip()


def name_key(name):
    """A family name for matching: case, accents, spaces and hyphens ignored."""
    plain = unicodedata.normalize("NFKD", name).casefold()
    return "".join(c for c in plain if c.isalpha())


def author_year_index(references):
    """{(family key, year): [ids]} of the entries a list prints, in list order."""
    index = {}
    for item in references:
        found = first_author_and_year(item.get("note") or "")
        if found:
            family, year = found
            index.setdefault((name_key(family), year), []).append(item["id"])
    return index


def resolve(item, index):
    """The id of the entry an author-year item cites, or None."""
    key = name_key(item.family)
    for year in (item.year, item.year.rstrip("abcdefghijklmnopqrstuvwxyz")):
        if ids := index.get((key, year)):
            return ids[0]
    # A corporate author cited by the start of its name ("World Bank" for "WORLD BANK. …"), or a
    # year without its letter in the list.
    for (family, year), ids in index.items():
        if year.rstrip("abcdefghijklmnopqrstuvwxyz") == item.year.rstrip("abcdefghijklmnopqrstuvwxyz") and (
                family.startswith(key) or key.startswith(family)) and min(len(key), len(family)) >= 3:
            return ids[0]
    return None
