"""The canonical article: Pandoc Markdown with a YAML metadata block, read by every writer.

Metadata strings are stored as the author wrote them (plain text, not Markdown); the body is
Markdown in which every character of the author's text is escaped, so that nothing in it
(`*`, `<script>`, `{{ }}`, `$`, "1." at a paragraph's start) can turn into markup.
"""

import re

import yaml

from .citation_marks import author_year_index, author_year_items, find_citations, resolve
from .languages import SAFE_LOADER

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


def paragraph_markdown(text, index=None):
    """A body paragraph with its citations marked up: numeric ones as Pandoc citations ("[@ref-1, с. 5]"),
    author-year items as spans linked to their entries ("[Smith, 2010]{.cite-ref ref="ref-12"}", the
    printed text kept); index: author_year_index of the reference list."""
    marks = [(c.start, c.end, _numeric(c)) for c in find_citations(text)]
    for item in author_year_items(text) if index else []:
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
        parts.append(part)
    return "[" + "; ".join(parts) + "]"


def section_markdown(section, number, index=None):
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
        lines.append(paragraph_markdown(paragraph, index))
        lines.append("")
    return "\n".join(lines)


def write(metadata, sections, path):
    """The canonical file's text: YAML metadata block, then the body."""
    header = yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False, width=100)
    index = author_year_index(metadata.get("references") or [])
    body = "\n".join(section_markdown(s, n, index) for n, s in enumerate(sections, 1))
    return f"---\n{header}---\n\n{body}"


def read(text):
    """(metadata, body Markdown) of a canonical article."""
    m = re.match(r"^---\n(.*?\n)---\n(.*)$", text, re.DOTALL)
    if not m:
        raise ValueError("the canonical article has no YAML metadata block")
    return yaml.load(m.group(1), Loader=SAFE_LOADER) or {}, m.group(2)
