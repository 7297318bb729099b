"""The EPUB read as a reader's software reads it: languages marked, links that land, and the
same words as the JATS body."""

import re
import zipfile

import pytest
from lxml import etree

from conftest import ENGLISH, SAMPLE, outputs

XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_NS = "{http://www.idpf.org/2007/ops}"


def chapters(slug):
    """{name: parsed XHTML} of every content document, in the spine's order."""
    with zipfile.ZipFile(outputs(slug)["epub"]) as epub:
        opf = etree.fromstring(epub.read("EPUB/content.opf"))
        ns = {"o": "http://www.idpf.org/2007/opf"}
        hrefs = {i.get("id"): i.get("href") for i in opf.iterfind(".//o:manifest/o:item", ns)}
        order = [hrefs[r.get("idref")] for r in opf.iterfind(".//o:spine/o:itemref", ns)]
        return {name: etree.fromstring(epub.read(f"EPUB/{name}")) for name in order}, opf


def words(text):
    return re.findall(r"[^\W_]+", text.lower())


@pytest.mark.parametrize("slug", [SAMPLE, ENGLISH])
def test_every_document_and_every_other_language_part_is_marked(built, slug):
    docs, opf = chapters(slug)
    main = opf.findtext(".//{http://purl.org/dc/elements/1.1/}language")
    for name, doc in docs.items():
        assert doc.get("lang") == doc.get(XML_LANG) == main, name
        for element in doc.iter():
            if element.get("lang") and element.get(XML_LANG):
                assert element.get(XML_LANG) == element.get("lang"), (name, element.tag)
    abstract_langs = {e.get("lang") for d in docs.values() for e in d.iter(f"{XHTML}section", f"{XHTML}div")
                      if "abstract" in (e.get("class") or "")}
    assert abstract_langs == {"ru", "kk", "en"}
    titles = {t.get(XML_LANG) for t in opf.iter("{http://purl.org/dc/elements/1.1/}title")}
    assert titles == {"ru", "kk", "en"}


@pytest.mark.parametrize("slug", [SAMPLE, ENGLISH])
def test_every_link_lands_and_citations_link_both_ways(built, slug):
    docs, _ = chapters(slug)
    ids = {(name.split("/")[-1], e.get("id")) for name, d in docs.items() for e in d.iter() if e.get("id")}
    links = [(name, a.get("href")) for name, d in docs.items() for a in d.iter(f"{XHTML}a")]
    internal = [(n, h) for n, h in links if not h.startswith(("http", "mailto"))]
    for name, href in internal:
        target, _, anchor = href.partition("#")
        target = target.split("/")[-1] or name.split("/")[-1]
        if anchor:
            assert (target, anchor) in ids, (name, href)
    cited = {h.split("#")[1] for _, h in internal if "#ref-" in h}
    back_links = {h.split("#")[1] for _, h in internal if "#cite-" in h}
    cite_ids = {i for _, i in ids if i.startswith("cite-")}
    assert cited and back_links == cite_ids  # every citation is reached back from its reference


def test_accessibility_metadata_is_declared(built):
    _, opf = chapters(SAMPLE)
    props = {m.get("property"): m.text for m in opf.iter("{http://www.idpf.org/2007/opf}meta")}
    for prop in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                 "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:conformsTo"):
        assert props.get(prop), prop


@pytest.mark.parametrize("slug", [SAMPLE, ENGLISH])
def test_epub_body_has_the_words_of_the_jats_body(built, slug):
    docs, opf = chapters(slug)
    title = opf.findtext(".//{http://purl.org/dc/elements/1.1/}title")
    text = []
    for doc in docs.values():
        body = doc.find(f"{XHTML}body")
        if body.get(f"{EPUB_NS}type") == "frontmatter" or doc.find(f".//{XHTML}nav") is not None:
            continue
        # Leave out what JATS keeps in front and back: abstracts, the reference list, the title.
        skip = body.xpath(".//*[contains(@class, 'abstract') or @id='refs' or @id='references']")
        skip += [h for h in body.iter(f"{XHTML}h1") if "".join(h.itertext()).strip() == title]
        for element in skip:
            if element.getparent() is not None:
                element.getparent().remove(element)
        text.append(" ".join(body.itertext()))
    jats = etree.parse(str(outputs(slug)["xml"])).find("body")
    assert words(" ".join(text)) == words(" ".join(jats.itertext()))


def test_fonts_are_embedded(built):
    with zipfile.ZipFile(outputs(SAMPLE)["epub"]) as epub:
        fonts = [n for n in epub.namelist() if n.endswith(".ttf")]
    assert len(fonts) == 5
