"""The canonical article: Pandoc Markdown with a YAML metadata block, read by every writer.

Metadata strings are stored as the author wrote them (plain text, not Markdown); the body is
Markdown in which every character of the author's text is escaped, so that nothing in it
(`*`, `<script>`, `{{ }}`, `$`, "1." at a paragraph's start) can turn into markup.
"""

import re

import yaml

from .citation_marks import (
    author_year_index,
    author_year_items,
    bare_citation_numbers,
    bare_numbers,
    find_citations,
    resolve,
)
from .languages import SAFE_LOADER
from .reference_entries import is_missing

# Characters that Pandoc Markdown may read as markup anywhere in a line.
INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>$^~@|&])")
# Shapes that make markup at the start of a paragraph: lists, quotes, headings, rules, tables.
BLOCK_START = re.compile(r"^(\s*)(?:(\d+)([.)])|([-+*>:%#=]))")
SEC_TYPES = {"intro", "methods", "results", "discussion", "conclusions", "acknowledgements"}
JATS_SEC_TYPE = {"acknowledgements": "acknowledgments"}


def escape(text):
    """Author text → Markdown that reads back as exactly that text."""
    text = INLINE_SPECIAL.sub(r"\\\1", text)
    m = BLOCK_START.match(text)
    if m:
        i = m.start(3) if m.group(2) else m.start(4)
        text = text[:i] + "\\" + text[i:]
    return text


def paragraph_markdown(text, index=None, bare=frozenset()):
    """A body paragraph with its citations marked up: numeric ones as Pandoc citations ("[@ref-1, с. 5]"),
    author-year items and bare numbers as spans linked to their entries ("[Smith, 2010]{.cite-ref
    ref="ref-12"}", the printed text kept); index: author_year_index of the reference list; bare: the
    numbers the article cites bare (bare_citation_numbers)."""
    marks = [(c.start, c.end, _numeric(c)) for c in find_citations(text)]
    marks += [(n.start, n.end, f'[{n.number}]{{.cite-ref ref="ref-{n.number}"}}') for n in bare_numbers(text, bare)]
    for item in author_year_items(text, index) if index else []:
        ref = resolve(item, index)
        if ref and not any(start < item.end and item.start < end for start, end, _ in marks):
            marks.append((item.start, item.end, f'[{escape(item.text)}]{{.cite-ref ref="{ref}"}}'))
    out, pos = [], 0
    for start, end, markup in sorted(marks):
        out.append(escape(text[pos:start]))
        out.append(markup)
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _numeric(citation):
    parts = []
    for item in citation.items:
        part = f"@ref-{item.number}"
        if item.locator:
            part += ", " + escape(item.locator)
        elif item.separator:
            part += item.separator  # a suffix of the separator alone: the filter prints it in place of ";"
        parts.append(part)
    return "[" + "; ".join(parts) + "]"


def section_markdown(section, number, index=None, bare=frozenset()):
    lines = []
    if section.title:
        attrs = [f"#sec-{number}"]
        if section.sec_type:
            attrs.append(f".{section.sec_type}")
            if section.sec_type in SEC_TYPES:
                attrs.append(f'sec-type="{JATS_SEC_TYPE.get(section.sec_type, section.sec_type)}"')
        lines.append(f"# {escape(section.title)} {{{' '.join(attrs)}}}")
        lines.append("")
    for paragraph in section.paragraphs:
        lines.append(paragraph_markdown(paragraph, index, bare))
        lines.append("")
    return "\n".join(lines)


def write(metadata, sections, path):
    """The canonical file's text: YAML metadata block, then the body."""
    header = yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False, width=100)
    references = metadata.get("references") or []
    index = author_year_index(references)
    bare = bare_citation_numbers([p for s in sections for p in s.paragraphs], listed_numbers(references),
                                 linked_author_year(sections, index))
    body = "\n".join(section_markdown(s, n, index, bare) for n, s in enumerate(sections, 1))
    return f"---\n{header}---\n\n{body}"


def listed_numbers(references):
    """The numbers of the entries a reference list prints (not those only cited, marked missing)."""
    return {int(r["citation-label"]) for r in references
            if str(r.get("citation-label", "")).isdigit() and not is_missing(r)}


def linked_author_year(sections, index):
    """How many author-year citations of the body an entry of the list answers."""
    return sum(1 for s in sections for p in s.paragraphs
               for item in author_year_items(p, index) if resolve(item, index))


def read(text):
    """(metadata, body Markdown) of a canonical article."""
    m = re.match(r"^---\n(.*?\n)---\n(.*)$", text, re.DOTALL)
    if not m:
        raise ValueError("the canonical article has no YAML metadata block")
    return yaml.load(m.group(1), Loader=SAFE_LOADER) or {}, m.group(2)
