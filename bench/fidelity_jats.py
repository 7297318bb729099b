"""JATS for the fidelity benchmark: read an article's published fields from a JATS file, and write a JATS
file from a truth.json (the top the scorer must give 100, and the tests' inputs)."""

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class Paragraph:
    text: str
    links: list  # (start, end, [reference ids]) of each citation link, in order


@dataclass
class Reference:
    id: str
    text: str
    missing: bool  # an entry the pipeline made for a number cited without one


@dataclass
class PublishedArticle:
    lang: str = ""
    title: str = ""
    trans_titles: dict = field(default_factory=dict)
    abstracts: dict = field(default_factory=dict)
    keywords: dict = field(default_factory=dict)
    section_titles: list = field(default_factory=list)
    body_blocks: list = field(default_factory=list)
    paragraphs: list = field(default_factory=list)
    references: list = field(default_factory=list)


def read_jats(path):
    """The fields a reader sees in a JATS article: front matter, body, citation links, reference list."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(path), parser).getroot()
    lang = root.get(XML_LANG, "")
    meta = root.find("front/article-meta")
    article = PublishedArticle(lang=lang)
    if meta is not None:
        _read_front(meta, lang, article)
    body = root.find("body")
    if body is not None:
        _read_body(body, article)
    article.references = [_reference(ref) for ref in root.iterfind("back/ref-list/ref")]
    return article


def text_of(element):
    return "".join(element.itertext()) if element is not None else ""


def _read_front(meta, lang, article):
    article.title = text_of(meta.find("title-group/article-title"))
    for group in meta.iterfind("title-group/trans-title-group"):
        article.trans_titles[group.get(XML_LANG, "")] = text_of(group.find("trans-title"))
    for abstract in [*meta.iterfind("abstract"), *meta.iterfind("trans-abstract")]:
        code = abstract.get(XML_LANG, lang)
        article.abstracts[code] = " ".join(filter(None, [article.abstracts.get(code), _abstract_text(abstract)]))
    for group in meta.iterfind("kwd-group"):
        article.keywords.setdefault(group.get(XML_LANG, lang), []).extend(text_of(k) for k in group.iterfind("kwd"))


def _abstract_text(abstract):
    """An abstract's paragraphs joined by a space; a structured one as "Heading: text" per part."""
    parts = []
    for child in abstract:
        if child.tag == "sec":
            heading = text_of(child.find("title")).strip().rstrip(":")
            paragraphs = " ".join(text_of(p) for p in child.iterfind(".//p"))
            parts.append(f"{heading}: {paragraphs}" if heading else paragraphs)
        elif child.tag == "p":
            parts.append(text_of(child))
    return " ".join(parts)


def _read_body(body, article):
    for element in body.iter("title", "p"):
        if element.tag == "title" and element.getparent().tag == "sec":
            article.section_titles.append(text_of(element))
            article.body_blocks.append(text_of(element))
        elif element.tag == "p" and not any(a.tag == "p" for a in element.iterancestors()):
            paragraph = _paragraph(element)
            article.paragraphs.append(paragraph)
            article.body_blocks.append(paragraph.text)


def _paragraph(element):
    """A paragraph's printed text, with the span of each bibliographic link in it."""
    pieces, links = [], []

    def walk(node):
        start = sum(map(len, pieces))
        pieces.append(node.text or "")
        for child in node:
            walk(child)
            pieces.append(child.tail or "")
        if node.tag == "xref" and node.get("ref-type") == "bibr":
            links.append((start, sum(map(len, pieces)), node.get("rid", "").split()))

    walk(element)
    links.sort()
    return Paragraph("".join(pieces), links)


def _reference(ref):
    missing = ref.find(".//mixed-citation[@specific-use='missing']") is not None
    printed = [m for m in ref.iter("mixed-citation") if m.get("specific-use") != "transliteration"]
    text = text_of(printed[0]) if printed else text_of(ref.find(".//element-citation"))
    return Reference(ref.get("id", ""), text, missing)


# --- a JATS written from the truth -----------------------------------------------------------------------

def truth_to_jats(truth):
    """A minimal JATS article holding exactly what truth.json says: the scorer's best case."""
    lang = truth["language"]
    front = [f"<title-group><article-title xml:lang={quoteattr(lang)}>{escape(truth['title'])}</article-title>"]
    front += [f"<trans-title-group xml:lang={quoteattr(code)}><trans-title>{escape(title)}</trans-title>"
              "</trans-title-group>" for code, title in truth["titles"].items() if code != lang]
    front.append("</title-group>")
    for code, text in truth["abstracts"].items():
        tag = "abstract" if code == lang else "trans-abstract"
        front.append(f"<{tag} xml:lang={quoteattr(code)}><p>{escape(text)}</p></{tag}>")
    for code, words in truth["keywords"].items():
        front.append(f"<kwd-group xml:lang={quoteattr(code)}>" + "".join(f"<kwd>{escape(w)}</kwd>" for w in words)
                     + "</kwd-group>")
    body = _body_with_links(truth["sections"], truth["citations"])
    refs = "".join(f"<ref id={quoteattr(rid)}><label>{escape(label)}</label><mixed-citation>{escape(text)}"
                   "</mixed-citation></ref>"
                   for rid, label, text in zip(truth["reference_ids"], truth["reference_labels"], truth["references"]))
    return (f"<article xml:lang={quoteattr(lang)}><front><article-meta>{''.join(front)}</article-meta></front>"
            f"<body>{body}</body><back><ref-list>{refs}</ref-list></back></article>").encode()


def _body_with_links(sections, citations):
    """The truth's sections, each citation label linked where it first occurs after the one before."""
    pending = list(citations)
    parts = []
    for section in sections:
        paragraphs = []
        for text in section["paragraphs"]:
            marked, pending = _link_labels(text, pending)
            paragraphs.append(f"<p>{marked}</p>")
        title = f"<title>{escape(section['title'])}</title>" if section["title"] else ""
        parts.append(f"<sec>{title}{''.join(paragraphs)}</sec>" if title else "".join(paragraphs))
    return "".join(parts)


def _link_labels(text, pending):
    """(text as XML with an xref around each label found in order, the citations not found in it)."""
    out, position = [], 0
    while pending:
        # a bare label ("4") must not be found inside a longer number ("48"), but a label glued to a word
        # by its source ("sensuWhittaker 1960") is still found
        label = re.escape(pending[0]["label"])
        match = re.compile(rf"(?<!\w){label}(?!\w)").search(text, position) or re.compile(label).search(text, position)
        if not match:
            break
        found, end = match.span()
        rids = " ".join(pending[0]["rids"])
        out.append(escape(text[position:found]) + f'<xref ref-type="bibr" rid={quoteattr(rids)}>'
                   + escape(text[found:end]) + "</xref>")
        position, pending = end, pending[1:]
    out.append(escape(text[position:]))
    return "".join(out), pending
