"""The EPUB read as a reader's software reads it: languages marked, links that land, and the
same words as the JATS body."""

import io
import itertools
import os
import re
import subprocess
import sys
import zipfile
from datetime import UTC, datetime

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from conftest import ENGLISH, ROOT, SAMPLE, outputs
from galley.fonts import common_characters
from galley.languages import label_text

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


def book_text(docs):
    return "".join("".join(doc.itertext()) for doc in docs.values())


@pytest.mark.parametrize("slug", [SAMPLE, "kk-party-system"])
def test_fonts_are_embedded_and_subset_to_the_characters_of_the_book(built, slug):
    docs, _ = chapters(slug)
    used = {ord(c) for c in book_text(docs) if not c.isspace()}
    with zipfile.ZipFile(outputs(slug)["epub"]) as epub:
        fonts = {n: epub.read(n) for n in epub.namelist() if n.endswith(".ttf")}
    assert len(fonts) == 5
    for name, data in fonts.items():
        cmap = set(TTFont(io.BytesIO(data)).getBestCmap())
        assert len(data) < 60_000, name  # the whole font is 150-250 KB
        # Each font holds what the book shows (of what the font has) and, so that most books share
        # one subset, the characters common to the journal's languages; nothing else.
        extra = {chr(c) for c in cmap - used} - common_characters()
        assert len(extra) < 20, (name, sorted(extra))
    serif = set(TTFont(io.BytesIO(fonts["EPUB/fonts/PTF55F.ttf"])).getBestCmap())
    letters = {c for c in used if chr(c).isalpha()}
    assert letters <= serif, sorted(chr(c) for c in letters - serif)


@pytest.mark.parametrize("slug", [SAMPLE, ENGLISH])
def test_title_shows_once_before_the_abstract_and_chapters_are_titled_by_their_headings(built, slug):
    docs, opf = chapters(slug)
    title = opf.findtext(".//{http://purl.org/dc/elements/1.1/}title")
    opening = itertools.takewhile(lambda doc: not doc.xpath(".//*[contains(@class, 'abstract')]"), docs.values())
    shown = " ".join(" ".join("".join(doc.find(f"{XHTML}body").itertext()) for doc in opening).split())
    assert shown.count(title) == 1  # the title page's, not a chapter's or the navigation's too
    for name, doc in docs.items():
        heading = next(doc.iter(*(f"{XHTML}h{n}" for n in range(1, 7))), None)
        page_title = doc.findtext(f"{XHTML}head/{XHTML}title")
        assert "xhtml" not in page_title, name
        if name.startswith("text/ch"):
            assert page_title == " ".join("".join(heading.itertext()).split()), name


@pytest.mark.parametrize("slug", [SAMPLE, ENGLISH])
def test_navigation_reaches_every_abstract_labelled_in_its_language(built, slug):
    docs, _ = chapters(slug)
    nav = next(doc for doc in docs.values() if doc.find(f".//{XHTML}nav") is not None)
    toc = nav.find(f".//{XHTML}nav[@{EPUB_NS}type='toc']")
    targets = {a.get("href").split("#")[-1]: a.get("lang", nav.get("lang")) for a in toc.iter(f"{XHTML}a")}
    abstracts = {e.get("id"): e.get("lang") for d in docs.values() for e in d.iter()
                 if "abstract" in (e.get("class") or "")}
    assert len(abstracts) >= 2 and abstracts.items() <= targets.items()  # each listed, in its language


@pytest.mark.parametrize("slug", ["kk-party-system", SAMPLE])
def test_back_links_are_labelled_in_the_language_of_the_book(built, slug):
    docs, opf = chapters(slug)
    lang = opf.findtext(".//{http://purl.org/dc/elements/1.1/}language")
    labels = [a.get("aria-label") for d in docs.values() for a in d.iter(f"{XHTML}a") if a.get("class") == "backlink"]
    assert labels and all(label.startswith(label_text(lang, "backlink") + " ") for label in labels)
    assert not any(label.startswith(label_text("en", "backlink")) for label in labels)


def modified_of(book):
    with zipfile.ZipFile(book) as epub:
        opf = etree.fromstring(epub.read("EPUB/content.opf"))
    return opf.findtext(".//{http://www.idpf.org/2007/opf}meta[@property='dcterms:modified']")


def test_modified_date_is_source_date_epoch_or_the_build_time(built, tmp_path):
    work = outputs(SAMPLE)["md"].parent / "work"
    command = [sys.executable, "-m", "galley", "epub", str(outputs(SAMPLE)["md"]), str(work / "references.json"),
               str(ROOT / "config" / "config.yaml")]
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run([*command, str(tmp_path / "now.epub")], check=True, env=env, cwd=ROOT)
    built_at = datetime.strptime(modified_of(tmp_path / "now.epub"), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - built_at).total_seconds()) < 3600  # today, not the publication year
    subprocess.run([*command, str(tmp_path / "fixed.epub")], check=True, cwd=ROOT,
                   env={**env, "SOURCE_DATE_EPOCH": "1700000000"})
    assert modified_of(tmp_path / "fixed.epub") == "2023-11-14T22:13:20Z"
