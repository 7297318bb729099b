"""The Crossref deposit: written from the canonical metadata when a DOI prefix is configured."""

import pytest
from lxml import etree

from conftest import JOURNAL_URL, ROOT, SAMPLE, outputs
from galley.errors import InputError

NS = {"c": "http://www.crossref.org/schema/5.3.1", "jats": "http://www.ncbi.nlm.nih.gov/JATS1"}


def deposit(slug, config, tmp_path):
    """The deposit the article would get once final (the built fixtures are proofs, which get none:
    tests/test_editorial.py)."""
    from galley import crossref, render
    from galley.settings import load_config

    base = outputs(slug)["md"].parent
    job = render.load(outputs(slug)["md"], base / "work" / "references.json", load_config(config))
    return etree.ElementTree(etree.fromstring(crossref.deposit(job, tmp_path / f"{slug}.crossref.xml")))


def test_deposit_carries_every_language_title_and_abstract(built, config_with_prefix, tmp_path):
    doc = deposit(SAMPLE, config_with_prefix, tmp_path)
    article = doc.find(".//c:journal_article", NS)
    assert article.get("language") == "ru"
    titles = [t.text for t in article.iterfind("c:titles/c:title", NS)]
    assert len(titles) == 3 and titles[0].startswith("Политологические")
    langs = [a.get("{http://www.w3.org/XML/1998/namespace}lang") for a in article.iterfind("jats:abstract", NS)]
    assert langs == ["ru", "kk", "en"]
    assert doc.findtext(".//c:doi_data/c:doi", namespaces=NS) == f"10.99999/vestnik-kaznpu-spn.2021.2.{SAMPLE}"
    assert doc.findtext(".//c:doi_data/c:resource", namespaces=NS) == f"{JOURNAL_URL}/{SAMPLE}/{SAMPLE}.html"
    assert doc.find(".//c:citation_list", NS) is None  # the sample's references are missing: none deposited


def test_deposit_needs_a_doi(built, tmp_path):
    from galley import crossref, render
    from galley.settings import load_config

    base = outputs(SAMPLE)["md"].parent
    job = render.load(outputs(SAMPLE)["md"], base / "work" / "references.json",
                      load_config(ROOT / "config" / "config.yaml"))
    with pytest.raises(InputError, match="Crossref requires .*doi"):
        crossref.deposit(job, tmp_path / "x.xml")


@pytest.mark.parametrize("name, given, family", [
    ("А.Б. Иванов", "А.Б.", "Иванов"), ("Иванов А. Б.", "А. Б.", "Иванов"), ("Sean C. Lema", "Sean C.", "Lema"),
    ("Knut von Salzen", "Knut", "von Salzen"), ("Dana Sarsenova1,2", "Dana", "Sarsenova"), ("Plato", "", "Plato")])
def test_a_name_read_from_the_text_splits_into_given_name_and_surname(name, given, family):
    from galley.names import split_name

    assert split_name(name) == (given, family)


def test_no_doi_is_made_from_empty_parts(built, config_with_prefix):
    from galley import crossref, render
    from galley.settings import load_config

    base = outputs(SAMPLE)["md"].parent
    job = render.load(outputs(SAMPLE)["md"], base / "work" / "references.json", load_config(config_with_prefix))
    assert crossref.article_doi(job) and not crossref.missing_keys(job)
    job.metadata.pop("issue")
    assert crossref.article_doi(job) is None and crossref.missing_keys(job) == ["issue"]
