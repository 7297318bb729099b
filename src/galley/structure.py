"""Stage 2, structure: normalized paragraphs → the article's parts.

Front matter (title, abstract, keywords in each language), titled sections with JATS sec-types,
numeric citations and the reference list. Labels and heading words come from the language data
files; nothing here knows any one article's words. What the source lacks is flagged, never made up.
"""

import re
from dataclasses import dataclass, field
from functools import cache

from . import front_matter
from .citation_marks import (
    author_year_index,
    author_year_items,
    bare_cited_numbers,
    find_citations,
    printed_form,
    resolve,
)
from .citing import citing_sentence, named_authors
from .front_matter import Front
from .languages import classification_labels, detect_language, label_index, match_label
from .names import UPPER, author_line
from .reference_entries import is_missing, missing_reference, parse_reference, split_entries
from .text_changes import skeleton, source_line, words_lost

MAX_HEADING_WORDS = 12
MAX_NUMBERED_HEADING_WORDS = 20
MAX_LOWER_HEADING_WORDS = 3
LETTERS_ONLY = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")
NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})[.)]?\s+(?=\S)")
# A heading's number as headings print it ("3.", "2.1", "IV)"); a bare "1 " also begins a table's row.
HEADING_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|[IVX]{1,4}[.)]?)\s+(?=\S)")
# What follows a run-in heading: ". Text", ": Text", or (once lines were joined) " Text".
RUN_IN_REST = re.compile(rf"^(?:[.:]\s+|\s+(?=[{UPPER}]))")
# A sentence ends after a word of two letters or more (so not after an initial like "М.").
SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2}[.!?])\s+(?=[«\"(]?[^\W\d_])")
# A numbered subsection's heading run in to its first paragraph ("3.2. Sites and Samples. Each plot…"):
# two levels of numbering or more, a short phrase, a full stop, a capital.
NUMBERED_RUN_IN = re.compile(rf"^\s*\d{{1,2}}(?:\.\d{{1,2}})+\.?\s+"
                             rf"(?P<title>[{UPPER}][^.!?]{{1,100}}?)\.\s+(?=[{UPPER}])")
MAX_RUN_IN_WORDS = 10
WORDS = re.compile(r"[^\W\d_]+")
COPYRIGHT_NOTICE = re.compile(r"©\s*(?:19|20)\d\d")


@dataclass
class Section:
    title: str
    sec_type: str = ""
    paragraphs: list = field(default_factory=list)


@dataclass
class Article:
    lang: str
    front: dict = field(default_factory=dict)  # lang → {title, subtitle, abstract: [..], abstract_sections, keywords}
    classifications: dict = field(default_factory=dict)
    front_notes: list = field(default_factory=list)
    authors: list = field(default_factory=list)  # [{name, marks}] read from an author line
    affiliations: list = field(default_factory=list)  # [{mark, name}] read from affiliation lines
    doi: str = ""
    sections: list = field(default_factory=list)
    references: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    # What this stage changed in the author's text: {rule, before, after, where: the paragraph}
    changes: list = field(default_factory=list)


def build(paragraphs, headings=(), not_headings=()):
    """The article's structure from its normalized paragraphs.

    headings: [{title, sec_type}] that the editor says open sections; not_headings: paragraphs
    that are text though they look like headings.
    """
    labels = [_editor_heading(p, headings) or match_label(p) for p in paragraphs]
    labels = [None if label and label[0] == "heading" and p.strip() in not_headings else label
              for p, label in zip(paragraphs, labels)]
    article, front = Article(lang=""), Front()
    body_start = front_matter.read(paragraphs, labels, front)
    refs_start, refs_end = _reference_zone(paragraphs, labels, body_start)
    _read_trailing(paragraphs[refs_end:], labels[refs_end:], front, article.warnings)
    body, body_labels = paragraphs[body_start:refs_start], labels[body_start:refs_start]
    if not body and refs_start == len(paragraphs):
        body = _body_from_last_abstract(front, article.warnings)
        body_labels = [None] * len(body)
    article.sections = _read_body(body, body_labels, set(not_headings), article.warnings, article.changes)
    _notes_out_of_body(article.sections, front, article.warnings)
    _abstract_before_first_heading(article.sections, front, article.warnings)
    _place_front(front, article)
    article.lang = _main_language(article)
    _read_references(paragraphs[refs_start:refs_end], labels[refs_start:refs_end], article)
    return article


def _reference_zone(paragraphs, labels, body_start):
    """(start, end) of the reference lists: from the first list title after the body's start to the
    first paragraph that opens a language's front matter (or the end)."""
    start = next((i for i in range(body_start, len(paragraphs)) if labels[i] and labels[i][0] == "references"),
                 len(paragraphs))
    for i in range(max(start + 1, body_start), len(paragraphs)):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        titled = labels[i] and labels[i][0] in ("references", "heading")
        if not titled and front_matter.opens_block(paragraphs[i], following):
            return (start, i) if start < len(paragraphs) else (i, i)
    return start, len(paragraphs)


def _read_trailing(paragraphs, labels, front, warnings):
    """Front matter printed after the reference list (or the body); a paragraph there that is no
    title, abstract or keywords is kept aside and reported."""
    i = 0
    while i < len(paragraphs):
        stop = i + front_matter.read(paragraphs[i:], labels[i:], front, trailing=True)
        if stop == i:
            front.notes.append(paragraphs[i])
            warnings.append({"rule": "front-matter", "text": paragraphs[i][:200],
                             "message": "text after the reference list that is no title, abstract or keywords: "
                                        "kept aside in the canonical file (source.front_notes)"})
            stop += 1
        i = stop


def _notes_out_of_body(sections, front, warnings):
    """The publisher's notes the extraction put among the body's paragraphs (how to cite the article,
    correspondence, and a copyright notice before the first heading) go to the front notes, reported;
    a section they leave empty goes too if untitled. (A copyright statement under a heading stays:
    journals print it as a section of its own.)"""
    for section in sections:
        kinds = ("citing", "correspondence") + (() if section.title else ("copyright",))
        notes = [p for p in section.paragraphs if front_matter.masthead_note(p) in kinds]
        for note in notes:
            section.paragraphs.remove(note)
            front.notes.append(note)
            warnings.append({"rule": "front-matter", "text": note[:200], "message": "a publisher's note in the "
                             "body: kept aside in source.front_notes"})
    sections[:] = [s for s in sections if s.title or s.paragraphs]


def _abstract_before_first_heading(sections, front, warnings):
    """No abstract anywhere, and the body opens with untitled text before its first heading: the
    publisher's lines there (copyright, licence, dates) are front notes, and one paragraph of prose
    left is the abstract the journal printed without a label. The editor is told."""
    if (any(b.abstract for b in front.blocks) or len(sections) < 2 or sections[0].title
            or not sections[1].title):
        return
    notes = [p for p in sections[0].paragraphs if front_matter.masthead_note(p)]
    rest = [p for p in sections[0].paragraphs if p not in notes]
    if len(rest) != 1 or not SENTENCE_END.search(rest[0]) or not front_matter.is_prose(rest[0]):
        return
    block = next((b for b in front.blocks if b.title and not b.has_text()), None) or front_matter.Block()
    if block not in front.blocks:
        front.blocks.insert(0, block)
    block.abstract = rest
    front.notes += notes
    del sections[0]
    warnings.append({"rule": "front-matter", "text": rest[0][:200], "message": "no abstract label: the one "
                     "paragraph before the first heading is taken as the abstract"})


def _body_from_last_abstract(front, warnings):
    """No heading, no keywords and no reference list: an abstract label would own every paragraph.
    Its first paragraph stays the abstract, the rest is the body, and the editor is told."""
    block = next((b for b in reversed(front.blocks) if len(b.abstract) > 1 and not b.parts), None)
    if block is None:
        return []
    body, block.abstract = block.abstract[1:], block.abstract[:1]
    warnings.append({"rule": "front-matter", "message": "nothing marks where the abstract ends (no keywords, "
                     "heading or reference list): its first paragraph is taken as the abstract, the rest as the body"})
    return body


# --- front matter ---------------------------------------------------------------------------

def _place_front(front, article):
    """Each block under its language; a second title, abstract or keywords in a language is reported."""
    article.classifications = dict(front.classifications)
    article.authors, article.affiliations = front.authors, front.affiliations
    article.front_notes, article.doi = front.notes, front.doi
    for block in front.blocks:
        lang = _block_language(block)
        part = article.front.setdefault(lang or "und", {})
        for key, value in _block_fields(block).items():
            if key in part and value:
                article.front_notes.append(value if isinstance(value, str) else " ".join(map(str, value)))
                article.warnings.append({"rule": "front-matter", "lang": lang, "message":
                                         f"a second {key} in '{lang}': kept aside in source.front_notes"})
            elif value:
                part[key] = value
        if not part:
            del article.front[lang or "und"]


def _block_language(block):
    if block.abstract:
        return detect_language(" ".join(block.abstract), prefer=block.label_lang or None) or block.label_lang
    if block.keywords:
        return detect_language(" ".join(block.keywords), prefer=block.keywords_lang or None) or block.keywords_lang
    return detect_language(block.title)


def _block_fields(block):
    fields = {}
    if block.title:
        fields["title"] = block.title
    if block.subtitle:
        fields["subtitle"] = block.subtitle
    if block.abstract:
        fields["abstract"] = block.abstract
    if len(block.parts) > 1:
        fields["abstract_sections"] = block.parts
    if block.keywords:
        fields["keywords"] = block.keywords
    return fields


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


def _read_body(paragraphs, labels, not_headings=frozenset(), warnings=None, changes=None):
    sections = []
    current = None
    changes = [] if changes is None else changes
    cells = _table_cells(paragraphs, labels, not_headings)
    for index, (text, label) in enumerate(zip(paragraphs, labels)):
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
            _report_heading(text, current, changes)
            continue
        if (run_in := _numbered_run_in(text)) and text.strip() not in not_headings:
            current = Section(title=run_in.group("title").strip(), paragraphs=[text[run_in.end():].strip()])
            sections.append(current)
            _report_heading(text, current, changes)
            continue
        if not stray_names and index not in cells and _is_heading(text) and text.strip() not in not_headings:
            current = Section(title=NUMBERING.sub("", text).strip())
            sections.append(current)
            _report_heading(text, current, changes)
            continue
        if current is None:
            current = Section(title="")
            sections.append(current)
        current.paragraphs.append(text)
    return sections


def _table_cells(paragraphs, labels, not_headings):
    """The indexes of the short lines that look like headings (_is_heading) but are the cells of a
    table pdftotext laid out one per paragraph: such a line is followed by figures ("Upland",
    "12.5 (0.8)") or by another such line ("Basin", "Share", "Change", "1 north", "0.42"). A heading is
    followed by its text or by a subheading. Found from the end, so that a row of header cells is
    known by the figures under it. Neither a heading the language data names nor a numbered one
    ("3. Results", before an equation) is ever taken for a cell."""
    cells = set()
    for index in range(len(paragraphs) - 2, -1, -1):
        text, after = paragraphs[index], paragraphs[index + 1]
        if labels[index] or HEADING_NUMBER.match(text) or text.strip() in not_headings or not _is_heading(text):
            continue
        if _figures(after) or (index + 1 in cells):
            cells.add(index)
    return cells


def _figures(text):
    """A paragraph of figures: more digits than letters ("(0.27)", "2.50*", "Pop. 12.5 14.1 (0.8)")."""
    digits = sum(c.isdigit() for c in text)
    return digits > sum(c.isalpha() for c in text)


def _report_heading(text, section, changes):
    """A heading whose printed paragraph holds more than its title and run-in text (its number, a
    full stop the galleys do not print): reported, with the heading as printed and as it now reads."""
    rest = section.paragraphs[0] if section.paragraphs else ""
    if skeleton(section.title) + skeleton(rest) == skeleton(text):
        return
    printed = text[:text.rfind(rest)] if rest and rest in text else text
    changes.append({"rule": "heading", "before": printed.strip(), "after": section.title, "where": text})


def _numbered_run_in(text):
    """The match of a numbered run-in heading in title case ("2.3. Snap25 Genotyping. Text…"), or None."""
    m = NUMBERED_RUN_IN.match(text)
    if not m or len(m.group("title").split()) > MAX_RUN_IN_WORDS:
        return None
    return m if front_matter.title_case(m.group("title")) or len(m.group("title").split()) == 1 else None


def _is_heading(text):
    """A heading on a line of its own that no data file names: short, capitalised (after any
    numbering, "2. DATA AND METHODS"), no full stop."""
    bare = NUMBERING.sub("", text)
    words = bare.split()
    # A heading set in lower case ("data", "funding"): a few words and nothing else on the line.
    lower_case = len(words) <= MAX_LOWER_HEADING_WORDS and bool(LETTERS_ONLY.fullmatch(bare.strip()))
    # A question in capitals or title case is a heading too ("WHERE DO THE RIVERS GO?", "Where Do the
    # Rivers Go?"); in sentence case, a sentence.
    question = text.rstrip().endswith("?") and (not any(c.islower() for c in bare)
                                                or front_matter.title_case(bare.rstrip("?")))
    # A numbered heading may run longer ("2. Exact solutions for … of a regular polygon, inscribed in …").
    limit = MAX_NUMBERED_HEADING_WORDS if bare != text and not SENTENCE_END.search(bare) else MAX_HEADING_WORDS
    return (0 < len(words) <= limit and (bare[:1].isupper() or lower_case)
            and (question or not text.rstrip().endswith((".", ",", ";", ":", "»", "!", "?", "]", ")"))))


# --- references -----------------------------------------------------------------------------

def _read_references(paragraphs, labels, article):
    """The reference list (and a second, transliterated one, paired by number) from its zone."""
    paragraphs, labels = _set_aside_notes(paragraphs, labels, article)
    starts = [i for i, label in enumerate(labels) if label and label[0] == "references"]
    lists = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(paragraphs)
        run_in = [labels[start][4]] if labels[start][4] else []  # "References. 1. Smith…": the rest is an entry
        lists.append(split_entries(run_in + paragraphs[start + 1:end]))
    entries = lists[0] if lists else []
    references = {number: parse_reference(number, text) for number, text in entries}
    for extra in lists[1:]:
        for number, text in extra:
            custom = references[number].setdefault("custom", {}) if number in references else None
            if custom is not None and "alternative" not in custom:
                custom["alternative"] = text
                continue
            # No entry of that number in the first list, or a third list: an entry of its own, so
            # that no list's text is lost.
            own = number if number not in references else max(references) + 1
            references[own] = parse_reference(own, text)
            article.warnings.append({"rule": "uncited-reference", "number": own, "message":
                                     f"entry {number} of a later reference list pairs with no entry of the "
                                     f"first: kept as an entry of its own ({own})"})
    cited = _cited_numbers(article)
    for number, hints in sorted(cited.items()):
        if number not in references:
            cited_by = named_authors(hints[0], article.lang)
            references[number] = missing_reference(number, hints, cited_by)
            article.warnings.append({"rule": "missing-reference", "number": number,
                                     "message": f"[{number}] is cited{f' as by {cited_by}' if cited_by else ''} "
                                                "but the source has no entry for it; supply the reference "
                                                "list in article.yaml",
                                     "hint": hints[0], **({"cited_by": cited_by} if cited_by else {})})
    article.references = [references[n] for n in sorted(references)]
    linked = _linked_author_year(article)
    for number in sorted(set(references) - set(cited) - _bare_cited(article, linked)):
        if references[number]["id"] not in linked:
            article.warnings.append({"rule": "uncited-reference", "number": number,
                                     "message": f"reference {number} is never cited in the text"})


def _set_aside_notes(paragraphs, labels, article):
    """(paragraphs, labels) of a reference zone less the publisher's notes printed with it — how to
    cite the article, its copyright, correspondence — which go to the front notes, reported."""
    kept = []
    for paragraph, label in zip(paragraphs, labels):
        if not label and is_back_note(paragraph):
            article.front_notes.append(paragraph)
            article.warnings.append({"rule": "front-matter", "text": paragraph[:200], "message": "a publisher's "
                                     "note among the references: kept aside in source.front_notes"})
        else:
            kept.append((paragraph, label))
    return [p for p, _ in kept], [label for _, label in kept]


def is_back_note(paragraph):
    """How to cite the article, its copyright or correspondence, by the language files' words or a
    copyright sign and year."""
    return (front_matter.masthead_note(paragraph) in ("citing", "copyright", "correspondence")
            or bool(COPYRIGHT_NOTICE.search(paragraph)))


def _linked_author_year(article):
    """The ids of the entries author-year citations lead to; a citation no entry answers is reported."""
    index = author_year_index(article.references)
    linked = set()
    for section in article.sections:
        for text in section.paragraphs:
            for item in author_year_items(text, index):
                if ref := resolve(item, index):
                    linked.add(ref)
                elif index:
                    article.warnings.append({"rule": "unlinked-citation", "text": item.text, "message":
                                             f"'{item.text}' looks like a citation but no entry of the "
                                             "reference list has that author and year: left as text"})
    return linked


def _bare_cited(article, linked):
    """The entries the body cites by bare numbers (flattened superscripts), when it cites that way."""
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    listed = {int(r["citation-label"]) for r in article.references if not is_missing(r)}
    return bare_cited_numbers(paragraphs, listed, len(linked))


def _cited_numbers(article):
    """{number: [the sentence leading up to each citation of it]} over the whole body: a hint for
    the editor (galley.citing)."""
    cited = {}
    for section in article.sections:
        for text in section.paragraphs:
            starts = [m.end() for m in SENTENCE_END.finditer(text)]
            for citation in find_citations(text):
                hint = citing_sentence(text, citation.start, starts, article.lang)
                for item in citation.items:
                    cited.setdefault(item.number, []).append(hint)
    return cited


# --- the stage ------------------------------------------------------------------------------

def run(normalized, normalize_report, editor_yaml, canonical_out, report_out):
    """Normalized text (+ the editor's metadata) → the canonical article and the stage report."""
    from pathlib import Path

    from . import canonical, editor
    from .atomic import read_json, write_json, write_text

    paragraphs = [p for p in Path(normalized).read_text(encoding="utf-8").split("\n\n") if p.strip()]
    normalize_report = read_json(normalize_report)
    facts = normalize_report["furniture"]
    supplied = editor.load(editor_yaml)
    article = build(paragraphs, supplied.get("headings", []), supplied.get("not_headings", []))
    metadata = editor.canonical_metadata(article, facts, supplied)
    text = canonical.write(metadata, article.sections, canonical_out)
    write_text(canonical_out, text)
    changes = article.changes + citation_changes(article.sections) + dropped_words(paragraphs, text)
    line_maps = normalize_report["line_maps"]
    warnings = editor.resolved_warnings(article.warnings, metadata) + editor.front_warnings(metadata, supplied, article)
    entries = {r.get("citation-label"): r.get("note", "") for r in article.references}
    warnings = [{**w, "where": entries.get(str(w["number"]))} if w.get("number") and not w.get("hint") else w
                for w in warnings]  # an uncited entry stands where the list prints it
    write_json(report_out, {
        "stage": "structure", "lang": metadata["lang"],
        "front": {p["lang"]: sorted(k for k in p if k != "lang") for p in metadata["front"]},
        "sections": [{"title": s.title, "sec_type": s.sec_type, "paragraphs": len(s.paragraphs)}
                     for s in article.sections],
        "citations": sum(len(find_citations(p)) for s in article.sections for p in s.paragraphs),
        "author_year_citations": sum(len(author_year_items(p)) for s in article.sections for p in s.paragraphs),
        "references": len(metadata["references"]),
        "missing_references": [r["citation-label"] for r in metadata["references"]
                               if is_missing(r)],
        "changes": [_placed(change, paragraphs, line_maps) for change in changes],
        # what the later stages show otherwise (a title in sentence case, an entry in the journal's
        # style) and where it stands in the source: the report lists those changes with their lines
        "printed_references": printed_references(article.references, metadata["references"]),
        "source_lines": places(metadata, paragraphs, line_maps),
        "warnings": [_placed(warning, paragraphs, line_maps) for warning in warnings],
    })


def printed_references(found, references):
    """{number: the entry as the text prints it} for the entries of the text the editor did not replace."""
    printed = {r["citation-label"]: r.get("note", "") for r in found if not is_missing(r)}
    return {r["citation-label"]: printed[r["citation-label"]] for r in references
            if printed.get(r["citation-label"]) and r.get("note") == printed[r["citation-label"]]}


def places(metadata, paragraphs, line_maps):
    """{"title ru": line, "subtitle ru": line, "reference 5": line}: where titles and entries stand."""
    found = {f"{key} {part['lang']}": part[key] for part in metadata.get("front", [])
             for key in ("title", "subtitle") if part.get(key)}
    found |= {f"reference {r['citation-label']}": r["note"] for r in metadata["references"] if r.get("note")}
    lines = {place: source_line(paragraphs, line_maps, text) for place, text in found.items()}
    return {place: line for place, line in lines.items() if line}


def citation_changes(sections):
    """Each numeric citation the galleys print otherwise than the text ("[2-3]" as "[2; 3]")."""
    return [{"rule": "citation", "before": citation.text, "after": printed_form(citation), "where": citation.text}
            for section in sections for text in section.paragraphs for citation in find_citations(text)
            if printed_form(citation) != citation.text]


def dropped_words(paragraphs, canonical_text):
    """The words of the normalized text that the canonical article no longer holds: labels the galleys
    print in their own words ("Abstract", "Keywords"), and anything else this stage left out, each
    reported with the paragraph it stood in."""
    from . import canonical

    metadata, body = canonical.read(canonical_text)
    kept = "\n".join([*_strings(metadata), body.replace("\\", "")])
    return [{"rule": "label" if _only_label(words) else "dropped", "before": " … ".join(words),
             "after": "", "where": paragraphs[k]} for k, words in words_lost(paragraphs, kept)]


def _only_label(words):
    """The words lost are those of the language files' labels ("Keywords:", "УДК"), which the galleys
    print in their own words."""
    return {w.casefold() for w in words} <= _label_words()


@cache
def _label_words():
    phrases = [phrase for kind, _, _, phrase in label_index() if kind != "heading"]
    phrases += [label for labels in classification_labels().values() for label in labels]
    return frozenset(w.casefold() for phrase in phrases for w in WORDS.findall(phrase))


def _strings(value):
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)] if value is not None else []


def _placed(row, paragraphs, line_maps):
    """A change or warning with its source line: the line of the text it is about (a citation's
    hint is the text before the citation)."""
    row = dict(row)
    where = row.pop("where", None)
    if row.get("line"):
        return row
    line = None
    if where or row.get("text"):
        line = source_line(paragraphs, line_maps, where or row["text"])
    if line is None and row.get("hint"):
        line = source_line(paragraphs, line_maps, row["hint"], after=True)
    return {**row, "line": line or 0}
