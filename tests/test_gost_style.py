"""The GOST R 7.0.100-2018 style (styles/csl/gost-r-7-0-100-2018.csl): every case of
tests/data/gost-r-7-0-100-2018.yaml formatted by citeproc-py through the citations stage's code and
compared with the string written from the standard's rules; in-text citations with locators; the
style against the CSL schema; the adapters; the Latin list."""

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree, html

from galley.citations import format_references, style_locale, style_path, transliterated_references
from galley.languages import script_of
from galley.paths import STYLES

STYLE = "gost-r-7-0-100-2018"
CASES = yaml.safe_load((Path(__file__).parent / "data" / "gost-r-7-0-100-2018.yaml").read_text(encoding="utf-8"))


def test_the_cases_cover_every_item_type_the_issue_names():
    kinds = {case["item"]["type"] for case in CASES}
    assert len(CASES) >= 15
    assert {"article-journal", "book", "chapter", "paper-conference", "thesis", "legislation", "standard",
            "report", "article-newspaper", "webpage"} <= kinds


@pytest.mark.parametrize("case", CASES, ids=[case["item"]["id"] + " " + case["rule"][:50] for case in CASES])
def test_each_entry_is_described_as_the_standard_says(case):
    formatted = format_references([case["item"]], STYLE, case["lang"], STYLES)
    assert formatted[case["item"]["id"]] == case["expected"], case["rule"]


def test_a_list_of_mixed_languages_keeps_each_entry_in_its_own_terms():
    items = [case["item"] for case in CASES]
    formatted = format_references(items, STYLE, "ru", STYLES)
    assert [formatted[item["id"]] for item in items] == [case["expected"] for case in CASES]


def _cite(lang, locator):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source import Locator

    from galley.citations import citeproc_source

    path = style_path(STYLE, STYLES)
    item = {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[2020]]}}
    style = CitationStylesStyle(path, locale=style_locale(path, lang), validate=False)
    bibliography = CitationStylesBibliography(style, citeproc_source([item], path), formatter.plain)
    citation = Citation([CitationItem("a", locator=Locator("page", locator))])
    bibliography.register(citation)
    return str(bibliography.cite(citation, lambda _: None))


@pytest.mark.parametrize("lang, locator, expected", [("ru", "152-167", "[1, с. 152–167]"),
                                                      ("en", "12", "[1, p. 12]"),
                                                      ("kk", "7", "[1, б. 7]")])
def test_numeric_citations_carry_the_locator_in_the_language_s_terms(lang, locator, expected):
    assert _cite(lang, locator) == expected


def test_the_style_validates_against_the_csl_schema_citeproc_py_ships():
    import citeproc

    schema = Path(citeproc.SCHEMA_PATH)
    relaxng = etree.RelaxNG(etree.parse(str(schema)))
    style = etree.parse(style_path(STYLE, STYLES))
    assert relaxng.validate(style), relaxng.error_log


def test_kazakh_takes_the_style_s_own_terms_else_russian_ones():
    gost_2018 = style_path(STYLE, STYLES)
    gost_2008 = style_path("gost-r-7-0-5-2008-numeric", STYLES)
    assert style_locale(gost_2018, "kk") == "kk-KZ"
    assert style_locale(gost_2008, "kk") == "ru-RU"
    assert style_locale(gost_2008, "ru") == "ru-RU"


def test_the_2008_style_is_still_selectable_and_differs():
    case = CASES[0]
    old = format_references([case["item"]], "gost-r-7-0-5-2008-numeric", "ru", STYLES)[case["item"]["id"]]
    assert old and old != case["expected"]


def test_four_authors_become_contributors_only_for_a_style_that_says_so():
    case = next(c for c in CASES if len(c["item"].get("author", [])) == 4)
    apa = format_references([case["item"]], "apa", "ru", STYLES)[case["item"]["id"]]
    assert apa.startswith("Ершов")  # APA keeps its author first: the adapter left the item alone


def test_the_latin_list_has_latin_letters_and_english_terms():
    items = [case["item"] for case in CASES]
    latin = transliterated_references(items, STYLE, "ru", STYLES)
    english = {case["item"]["id"] for case in CASES if case["item"]["title"].isascii()}
    assert set(latin) == {item["id"] for item in items} - english
    for text, tag in latin.values():
        assert not [c for c in text if script_of(c) == "cyrillic"], text
        assert tag in ("ru-Latn", "kk-Latn")
    assert "Vol. 5, No. 2. — P. 10–20" in latin["1"][0]
    assert latin["19"][1] == "kk-Latn" and "P. 12–20" in latin["19"][0]


# --- an article whose editor supplies references: the style in every output ------------------

ARTICLE = Path(__file__).parent / "data" / "gost-article"
SLUG = "gost-article"
# article.yaml's entries are the data file's cases 1, 4, 19 and 17, in that order
EXPECTED = [next(c["expected"] for c in CASES if c["item"]["id"] == key) for key in ("1", "4", "19", "17")]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _flat(text):
    return " ".join(text.split())


@pytest.fixture(scope="module")
def gost_article(tmp_path_factory):
    from conftest import ROOT, SNAKEMAKE

    root = tmp_path_factory.mktemp("gost")
    sources, out = root / "sources", root / "out"
    shutil.copytree(ARTICLE, sources / SLUG)
    run = subprocess.run([str(SNAKEMAKE), "--cores", "2", "--config", f"sources={sources}", f"output={out}",
                          "transliterated_references=bgn-pcgn"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    return out / SLUG


def test_jats_mixed_citations_are_the_style_s_and_the_latin_form_follows(gost_article):
    from conftest import DTD

    doc = etree.parse(str(gost_article / f"{SLUG}.xml"), etree.XMLParser(resolve_entities=False, no_network=True))
    refs = doc.findall(".//ref-list/ref")
    assert ["".join(ref.find("citation-alternatives/mixed-citation").itertext()) for ref in refs] == EXPECTED
    latin = [ref.find("citation-alternatives/mixed-citation[@specific-use='transliteration']") for ref in refs]
    # The Latin form is told apart by specific-use alone: PMC wants exactly one alternative in the
    # article's language, and an xml:lang such as "ru-Latn" counts as another.
    assert [m is not None for m in latin] == [True, True, True, False]
    assert all(m.get(XML_LANG) is None for m in latin[:3])
    for mixed in latin[:3]:
        assert not [c for c in mixed.text if script_of(c) == "cyrillic"], mixed.text
    if DTD.exists():
        assert etree.DTD(str(DTD)).validate(doc)


def test_html_and_epub_print_the_style_s_entries(gost_article):
    page = html.parse(str(gost_article / f"{SLUG}.html")).getroot()
    listed = _flat(page.get_element_by_id("refs").text_content())
    with zipfile.ZipFile(gost_article / f"{SLUG}.epub") as epub:
        book = _flat(" ".join(html.fromstring(epub.read(name)).text_content()
                              for name in epub.namelist() if name.endswith(".xhtml")))
    for expected in EXPECTED:
        assert expected in listed
        assert expected in book


def test_pdf_prints_the_style_s_entries(gost_article):
    text = subprocess.run(["pdftotext", "-raw", str(gost_article / f"{SLUG}.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = _flat(text.replace("–\n", "–"))  # a line may end after a range's en dash
    for expected in EXPECTED:
        assert expected in flat


def test_an_entry_s_language_is_declared_else_read_from_its_title_else_the_article_s():
    from galley.citations import item_language

    assert item_language({"language": "kk-KZ", "title": "Городские архивы"}, "ru") == "kk"
    assert item_language({"title": "Ауыл мектептерінің тарихы және болашағы"}, "ru") == "kk"
    assert item_language({"title": "River trade in the steppe"}, "ru") == "en"
    assert item_language({"page": "5-9"}, "kk") == "kk"
