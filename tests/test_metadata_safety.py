"""Metadata that reaches the HTML galley's head and links: the JSON-LD block cannot be closed or
commented out by a title, links from editor metadata and reference files are http(s):, mailto: or
doi: only, and the citation_* addresses are absolute when the journal's URL is configured."""

import json
import subprocess

import pytest
import yaml
from lxml import html

from conftest import COMPLETE_ARTICLES, JOURNAL_URL, ROOT, SNAKEMAKE
from galley.cli import main
from galley.errors import InputError
from galley.settings import check_config, config_warnings, load_config

TEXT = """A SMALL ARTICLE ABOUT SAFE METADATA

Abstract
This abstract is here so that the article has one, and says nothing more.

Keywords: metadata, safety.

Introduction. The text cites one work [1].

References
1. Doe J. A work on links. London: Press, 2019. 10 p.
"""
HOSTILE_TITLE = "<!--<script>alert(1)</script> A title & more"


def article(tmp_path, editor, bib=None):
    folder = tmp_path / "sources" / "safe"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(TEXT, encoding="utf-8")
    (folder / "article.yaml").write_text(yaml.safe_dump(editor, allow_unicode=True), encoding="utf-8")
    if bib:
        (folder / "references.bib").write_text(bib, encoding="utf-8")
    return folder


def build_html(tmp_path, folder, config):
    """normalize → structure → citations → html through the stages' command line, in this process."""
    out = tmp_path / "out"
    out.mkdir()
    steps = [["normalize", folder / "article.txt", out / "n.txt", out / "n.json"],
             ["structure", out / "n.txt", out / "n.json", folder / "article.yaml", out / "safe.md", out / "s.json"],
             ["citations", out / "safe.md", config, out / "refs.json"],
             ["html", out / "safe.md", out / "refs.json", config, out / "safe.html"]]
    for step in steps:
        assert main([str(arg) for arg in step]) == 0, step[0]
    return out / "safe.html"


def structure_error(tmp_path, folder, capsys):
    out = tmp_path / "out"
    out.mkdir()
    assert main(["normalize", str(folder / "article.txt"), str(out / "n.txt"), str(out / "n.json")]) == 0
    assert main(["structure", str(out / "n.txt"), str(out / "n.json"), str(folder / "article.yaml"),
                 str(out / "safe.md"), str(out / "s.json")]) == 1
    assert not (out / "safe.md").exists()
    return capsys.readouterr().err


def test_a_title_that_opens_a_comment_and_a_script_leaves_the_page_whole(tmp_path):
    folder = article(tmp_path, {"titles": {"en": HOSTILE_TITLE}})
    page_file = build_html(tmp_path, folder, ROOT / "config" / "config.yaml")
    source = page_file.read_text(encoding="utf-8")
    block = source.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block and ">" not in block and "\\u003c!--\\u003cscript\\u003e" in block
    assert json.loads(block)["headline"] == HOSTILE_TITLE
    page = html.fromstring(source)
    assert [s.get("type") for s in page.iter("script")] == ["application/ld+json"]
    assert page.findtext(".//h1") == HOSTILE_TITLE  # the body is there, the title as text
    assert "says nothing more" in page.text_content()


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>",
                                 "file:///etc/passwd", "//example.org/x", "vbscript:x"])
def test_a_license_url_that_is_no_web_address_is_refused_naming_the_file_and_key(tmp_path, capsys, url):
    folder = article(tmp_path, {"license": {"url": url, "text": "A licence"}})
    err = structure_error(tmp_path, folder, capsys)
    assert "article.yaml" in err and "license.url" in err and "https://" in err


def test_a_reference_url_in_article_yaml_is_refused_naming_the_entry(tmp_path, capsys):
    folder = article(tmp_path, {"references": [{"id": 1, "type": "book", "title": "A work on links",
                                                "URL": "javascript:alert(document.cookie)"}]})
    err = structure_error(tmp_path, folder, capsys)
    assert "article.yaml" in err and "references[0].URL" in err


def test_a_bibtex_url_is_refused_naming_the_references_file_and_entry(tmp_path, capsys):
    bib = "@book{1,\n  author = {Doe, Jane},\n  title = {A work on links},\n  year = {2019},\n" \
          "  url = {javascript:alert(1)}\n}\n"
    folder = article(tmp_path, {"references_file": "references.bib"}, bib)
    err = structure_error(tmp_path, folder, capsys)
    assert "references.bib" in err and "URL of entry 1" in err


def test_web_mail_and_doi_addresses_are_accepted(tmp_path):
    bib = "@book{1,\n  author = {Doe, Jane},\n  title = {A work on links},\n  year = {2019},\n" \
          "  url = {https://example.org/work}\n}\n"
    folder = article(tmp_path, {"license": {"url": "https://creativecommons.org/licenses/by/4.0/"},
                                "references_file": "references.bib"}, bib)
    page = html.parse(str(build_html(tmp_path, folder, ROOT / "config" / "config.yaml"))).getroot()
    hrefs = [a.get("href") for a in page.iter("a")]
    assert "https://creativecommons.org/licenses/by/4.0/" in hrefs
    for url in ("mailto:editor@example.org", "doi:10.1000/xyz", "HTTPS://EXAMPLE.ORG"):
        config = load_config(ROOT / "config" / "config.yaml")
        config["license"]["url"] = url
        check_config(config, "config.yaml")


def test_a_config_url_that_is_no_web_address_is_refused():
    config = load_config(ROOT / "config" / "config.yaml")
    config["journal"]["url"] = "javascript:alert(1)"
    with pytest.raises(InputError, match="journal.url"):
        check_config(config, "config.yaml")


def test_citation_urls_are_absolute_in_the_site_with_a_journal_url(built_complete):
    slug = COMPLETE_ARTICLES[0].name
    page = html.parse(str(built_complete / slug / f"{slug}.html")).getroot()
    meta = {m.get("name"): m.get("content") for m in page.iter("meta") if m.get("name")}
    site = built_complete / "site"
    for name in ("citation_pdf_url", "citation_abstract_html_url"):
        assert meta[name].startswith(JOURNAL_URL + "/"), meta[name]
        assert (site / meta[name].removeprefix(JOURNAL_URL + "/")).is_file(), meta[name]
    ld = json.loads(page.find(".//script[@type='application/ld+json']").text)
    assert ld["url"] == meta["citation_abstract_html_url"]


def test_the_build_warns_when_the_journal_url_is_not_set(tmp_path):
    assert any("journal.url" in w for w in config_warnings(load_config(ROOT / "config" / "config.yaml")))
    (tmp_path / "sources").mkdir()
    dry = subprocess.run([str(SNAKEMAKE), "--dry-run", "--config", f"sources={tmp_path / 'sources'}",
                          f"output={tmp_path / 'out'}"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0 and "WARNING" in dry.stderr and "journal.url is not set" in dry.stderr
