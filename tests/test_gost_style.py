"""The GOST R 7.0.100-2018 style (styles/csl/gost-r-7-0-100-2018.csl): every case of
tests/data/gost-r-7-0-100-2018.yaml formatted by citeproc-py through the citations stage's code and
compared with the string written from the standard's rules; in-text citations with locators; the
style against the CSL schema; the adapters; the Latin list."""

from pathlib import Path

import pytest
import yaml
from lxml import etree

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
