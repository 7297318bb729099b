"""Stage 2, structure: normalized paragraphs → the article's parts.

Front matter (title, abstract, keywords in each language), titled sections with JATS sec-types,
numeric citations and the reference list. Labels and heading words come from the language data
files; nothing here knows any one article's words. What the source lacks is flagged, never made up.
"""

import re
from dataclasses import dataclass, field

from .citation_marks import find_citations
from .languages import classification_labels, detect_language, institution_words, match_label
from .names import UPPER, author_line
from .reference_entries import is_missing, missing_reference, parse_reference, split_entries

MAX_TITLE_WORDS = 40
MAX_HEADING_WORDS = 12
NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})[.)]?\s+(?=\S)")
HINT_CHARS = 240
# What follows a run-in heading: ". Text", ": Text", or (once lines were joined) " Text".
RUN_IN_REST = re.compile(rf"^(?:[.:]\s+|\s+(?=[{UPPER}]))")
# A sentence ends after a word of two letters or more (so not after an initial like "М.").
SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2}[.!?])\s+(?=[«\"(]?[^\W\d_])")


@dataclass
class Section:
    title: str
    sec_type: str = ""
    paragraphs: list = field(default_factory=list)


@dataclass
class Article:
    lang: str
    front: dict = field(default_factory=dict)  # lang → {title, abstract: [..], keywords: [..]}
    classifications: dict = field(default_factory=dict)
    front_notes: list = field(default_factory=list)
    authors: list = field(default_factory=list)  # [{name, marks}] read from an author line
    affiliations: list = field(default_factory=list)  # [{mark, name}] read from affiliation lines
    sections: list = field(default_factory=list)
    references: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def build(paragraphs, headings=(), not_headings=()):
    """The article's structure from its normalized paragraphs.

    headings: [{title, sec_type}] that the editor says open sections; not_headings: paragraphs
    that are text though they look like headings.
    """
    labels = [_editor_heading(p, headings) or match_label(p) for p in paragraphs]
    labels = [None if label and label[0] == "heading" and p.strip() in not_headings else label
              for p, label in zip(paragraphs, labels)]
    body_start = _body_start(paragraphs, labels)
    refs_at = [i for i in range(body_start, len(paragraphs)) if labels[i] and labels[i][0] == "references"]
    body_end = refs_at[0] if refs_at else len(paragraphs)
    article = Article(lang="")
    _read_front(paragraphs[:body_start], labels[:body_start], article)
    article.sections = _read_body(paragraphs[body_start:body_end], labels[body_start:body_end],
                                  set(not_headings), article.warnings)
    article.lang = _main_language(article)
    _read_references(paragraphs, labels, refs_at, article)
    return article


def _body_start(paragraphs, labels):
    """Index of the first body paragraph: the first heading, else the end of the front matter."""
    for i, label in enumerate(labels):
        if label and label[0] == "heading":
            return i
    front = [i for i, label in enumerate(labels) if label and label[0] in ("abstract", "keywords")]
    if not front:
        return 0
    last = front[-1]
    # An abstract label alone on its line owns the paragraph after it.
    return last + 2 if labels[last][0] == "abstract" and not labels[last][4] else last + 1


# --- front matter ---------------------------------------------------------------------------

def _read_front(paragraphs, labels, article):
    codes = classification_labels()
    current_abstract = None
    for text, label in zip(paragraphs, labels):
        kind = label[0] if label else None
        if (code := _classification(text, codes)):
            article.classifications.setdefault(code[0], code[1])
            current_abstract = None
        elif kind == "abstract":
            current_abstract = [label[4]] if label[4] else []
            lang = detect_language(label[4]) if label[4] else None
            article.front.setdefault("_pending", []).append((label[2], current_abstract, lang))
        elif kind == "keywords":
            terms = split_keywords(label[4])
            lang = detect_language(" ".join(terms), prefer=label[2]) or label[2]
            _part(article, lang)["keywords"] = terms
            current_abstract = None
        elif current_abstract is not None and not _is_title(text) and not author_line(text):
            current_abstract.append(text)
        elif authors := author_line(text):
            article.authors += authors
            current_abstract = None
        elif affiliation := affiliation_line(text):
            article.affiliations.append(affiliation)
            current_abstract = None
        elif _is_title(text) and "@" not in text:
            _add_title(article, text)
            current_abstract = None
        else:
            article.front_notes.append(text)  # e-mail lines and anything else: kept, and flagged
            current_abstract = None
    for label_lang, abstract, _ in article.front.pop("_pending", []):
        if abstract:
            lang = detect_language(" ".join(abstract), prefer=label_lang) or label_lang
            _part(article, lang)["abstract"] = abstract


def _add_title(article, text):
    part = _part(article, detect_language(text))
    if "title" in part:
        part.setdefault("subtitle", text)
    else:
        part["title"] = text


def affiliation_line(text):
    """{mark, name} when a front-matter line names an institution ("1Казахский университет, Алматы")."""
    words = institution_words()
    m = re.match(r"^\s*(?P<mark>\d{1,2}|\*)?\s*(?P<name>.+?)\s*$", text)
    institution = m.group("name").split(",")[0].casefold()
    # A title may name a university too: an affiliation has a mark, or a place after a comma; and it
    # is one phrase, not sentences.
    if (len(text.split()) > 30 or _is_capitals(text) or not (m.group("mark") or "," in text)
            or SENTENCE_END.search(text) or not any(re.search(rf"(?<!\w){w}", institution) for w in words)):
        return None
    return {"mark": m.group("mark") or "", "name": " ".join(m.group("name").rstrip(".").split())}


def _is_capitals(text):
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _part(article, lang):
    return article.front.setdefault(lang or "und", {})


def _classification(text, codes):
    for code, labels in codes.items():
        for label in labels:
            m = re.match(rf"^\s*{re.escape(label)}\s*:?\s*(.+)$", text)
            if m and len(m.group(1)) < 80:
                return code, m.group(1).strip()
    return None


def _is_title(text):
    """A title: capitals, or a short line with no closing full stop."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8:
        return False
    if sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    return len(text.split()) <= MAX_TITLE_WORDS and not text.rstrip().endswith((".", ":", ";", ","))


def split_keywords(text):
    """Keywords as printed: separated by ';' or ',', the closing full stop dropped."""
    text = text.strip().rstrip(".").strip()
    separator = ";" if ";" in text else ","
    return [t.strip() for t in text.split(separator) if t.strip()]


def _main_language(article):
    """The body's language; the front matter's first language if there is no body text."""
    text = " ".join(p for s in article.sections for p in s.paragraphs[:20])
    lang = detect_language(text) if text else None
    return lang or next((k for k in article.front if k != "und"), "en")


# --- body -----------------------------------------------------------------------------------

def _editor_heading(paragraph, headings):
    """A label tuple like match_label's for a heading the editor named, else None."""
    for heading in headings:
        title = heading["title"]
        rest = paragraph[len(title):]
        if paragraph.startswith(title) and (not rest.strip(" .:") or RUN_IN_REST.match(rest)):
            rest = rest.lstrip(".: ").strip()
            return "heading", heading.get("sec_type", ""), None, title, rest
    return None


def _read_body(paragraphs, labels, not_headings=frozenset(), warnings=None):
    sections = []
    current = None
    for text, label in zip(paragraphs, labels):
        # Names alone in the body: most likely a running head a page break left; kept as text, flagged.
        stray_names = not label and bool(author_line(text))
        if stray_names and warnings is not None:
            warnings.append({"rule": "stray-names", "text": text, "message": "a line of names inside the body, "
                             "kept as text: if it is a running head, delete it from article.txt"})
        if label and label[0] == "heading":
            current = Section(title=label[3].strip(), sec_type=label[1])
            sections.append(current)
            if label[4]:
                current.paragraphs.append(label[4])
            continue
        if not stray_names and _is_heading(text) and text.strip() not in not_headings:
            current = Section(title=NUMBERING.sub("", text).strip())
            sections.append(current)
            continue
        if current is None:
            current = Section(title="")
            sections.append(current)
        current.paragraphs.append(text)
    return sections


def _is_heading(text):
    """A heading on a line of its own that no data file names: short, capitalised (after any
    numbering, "2. DATA AND METHODS"), no full stop."""
    bare = NUMBERING.sub("", text)
    words = bare.split()
    return (0 < len(words) <= MAX_HEADING_WORDS and bare[:1].isupper()
            and not text.rstrip().endswith((".", ",", ";", ":", "»", "!", "?", "]", ")")))


# --- references -----------------------------------------------------------------------------

def _read_references(paragraphs, labels, refs_at, article):
    lists = []
    for n, start in enumerate(refs_at):
        end = refs_at[n + 1] if n + 1 < len(refs_at) else len(paragraphs)
        lists.append(split_entries(paragraphs[start + 1:end]))
    entries = lists[0] if lists else []
    references = {number: parse_reference(number, text) for number, text in entries}
    for extra in lists[1:]:
        for number, text in extra:
            if number in references:
                references[number].setdefault("custom", {})["alternative"] = text
    cited = _cited_numbers(article)
    for number, hints in sorted(cited.items()):
        if number not in references:
            references[number] = missing_reference(number, hints)
            article.warnings.append({"rule": "missing-reference", "number": number,
                                     "message": f"[{number}] is cited but the source has no entry for it; "
                                                "supply the reference list in article.yaml",
                                     "hint": hints[0]})
    for number in sorted(set(references) - set(cited)):
        article.warnings.append({"rule": "uncited-reference", "number": number,
                                 "message": f"reference {number} is never cited in the text"})
    article.references = [references[n] for n in sorted(references)]


def _cited_numbers(article):
    """{number: [the text before each citation of it]} over the whole body."""
    cited = {}
    for section in article.sections:
        for text in section.paragraphs:
            for citation in find_citations(text):
                hint = _context(text, citation.start)
                for item in citation.items:
                    cited.setdefault(item.number, []).append(hint)
    return cited


def _context(text, position):
    """The sentence (or its tail) that leads up to a citation: a hint for the editor."""
    before = text[:position].rstrip()
    starts = [m.end() for m in SENTENCE_END.finditer(before)]
    sentence_start = max(starts[-1] if starts else 0, len(before) - HINT_CHARS)
    return before[sentence_start:].strip()


# --- the stage ------------------------------------------------------------------------------

def run(normalized, normalize_report, editor_yaml, canonical_out, report_out):
    """Normalized text (+ the editor's metadata) → the canonical article and the stage report."""
    from pathlib import Path

    from . import canonical, editor
    from .atomic import read_json, write_json, write_text

    paragraphs = [p for p in Path(normalized).read_text(encoding="utf-8").split("\n\n") if p.strip()]
    facts = read_json(normalize_report)["furniture"]
    supplied = editor.load(editor_yaml)
    article = build(paragraphs, supplied.get("headings", []), supplied.get("not_headings", []))
    metadata = editor.canonical_metadata(article, facts, supplied)
    write_text(canonical_out, canonical.write(metadata, article.sections, canonical_out))
    write_json(report_out, {
        "stage": "structure", "lang": metadata["lang"],
        "front": {p["lang"]: sorted(k for k in p if k != "lang") for p in metadata["front"]},
        "sections": [{"title": s.title, "sec_type": s.sec_type, "paragraphs": len(s.paragraphs)}
                     for s in article.sections],
        "citations": sum(len(find_citations(p)) for s in article.sections for p in s.paragraphs),
        "references": len(metadata["references"]),
        "missing_references": [r["citation-label"] for r in metadata["references"]
                               if is_missing(r)],
        "warnings": editor.resolved_warnings(article.warnings, metadata)
        + editor.front_warnings(metadata, supplied, article),
    })
