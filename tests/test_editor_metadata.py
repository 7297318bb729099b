"""article.yaml: what an editor supplies reaches every output; errors name the file, key and line."""

import subprocess
import sys

import pytest
from lxml import etree

from conftest import DTD, FIXTURES, ROOT, outputs
from galley.editor import load_references_file
from galley.errors import InputError
from galley.settings import load_editor_metadata

EDITED = "ru-editor-metadata"


def test_authors_orcid_affiliation_and_pages_reach_the_jats(built):
    doc = etree.parse(str(outputs(EDITED)["xml"]))
    contrib = doc.find(".//contrib-group/contrib")
    assert contrib.get("corresp") == "yes"
    assert contrib.findtext("contrib-id[@contrib-id-type='orcid']") == "https://orcid.org/0000-0002-1825-0097"
    assert contrib.findtext("name/surname") == "Ахметова"
    assert contrib.find("xref[@ref-type='aff']").get("rid") == doc.find(".//aff").get("id") == "kaznpu"
    meta = doc.find(".//article-meta")
    assert [meta.findtext(k) for k in ("volume", "issue", "fpage", "lpage")] == ["3", "3", "41", "44"]
    assert meta.findtext("article-id[@pub-id-type='doi']") == "10.99999/test.2022.3.1"
    assert meta.find("pub-date").get("iso-8601-date") == "2022-09-30"


def test_references_from_bibtex_replace_the_missing_list_and_heading_fix_applies(built):
    doc = etree.parse(str(outputs(EDITED)["xml"]))
    refs = doc.findall(".//ref-list/ref")
    assert [r.get("id") for r in refs] == ["ref-1", "ref-2"]
    assert "Virtual regionalism" in refs[0].findtext(".//mixed-citation")
    assert refs[0].findtext(".//pub-id[@pub-id-type='doi']") == "10.1080/02634930802355121"
    assert not doc.findall(".//mixed-citation[@specific-use='missing']")
    assert [s.findtext("title") for s in doc.iterfind("./body/sec")] == [
        "Введение", "Теоретические основы", "Заключение"]
    assert doc.find("./body/sec[2]").get("sec-type") == "methods"
    kwd_langs = {g.get("{http://www.w3.org/XML/1998/namespace}lang") for g in doc.iterfind(".//kwd-group")}
    assert kwd_langs == {"ru", "kk", "en"}


@pytest.mark.parametrize("text, line, key", [
    ("authors:\n  - family: Ivanov\n    orcid: 1234\n", 3, "authors.0.orcid"),
    ("doi: 10.1/x\nvolum: 3\n", 1, "(top level)"),
    ("year: 2021\nfpage: first\n", 2, "fpage"),
])
def test_schema_errors_name_the_key_and_line(tmp_path, text, line, key):
    path = tmp_path / "article.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_editor_metadata(path)
    assert err.value.line == line and f"'{key}'" in str(err.value) and str(path) in str(err.value)


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "article.yaml"
    path.write_text("doi: 10.1/x\nauthors: [unclosed\nyear: 2021\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_editor_metadata(path)
    assert "YAML syntax error" in str(err.value) and err.value.line in (2, 3, 4)


def test_references_file_outside_the_article_folder_is_refused(tmp_path):
    outside = tmp_path / "secret.json"
    outside.write_text("[]", encoding="utf-8")
    folder = tmp_path / "article"
    folder.mkdir()
    (folder / "references.json").symlink_to(outside)
    with pytest.raises(InputError, match="outside"):
        load_references_file(folder / "references.json", folder / "article.yaml")


def test_a_broken_article_yaml_stops_that_article_with_a_clear_message(tmp_path):
    sources = tmp_path / "sources" / "broken"
    sources.mkdir(parents=True)
    (sources / "article.txt").write_text((FIXTURES / "articles" / EDITED / "article.txt").read_text())
    (sources / "article.yaml").write_text("year: [2021\n", encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "galley", "normalize", str(sources / "article.txt"),
                          str(out / "n.txt"), str(out / "n.json")], capture_output=True, text=True)
    assert run.returncode == 0
    run = subprocess.run([sys.executable, "-m", "galley", "structure", str(out / "n.txt"), str(out / "n.json"),
                          str(sources / "article.yaml"), str(out / "a.md"), str(out / "s.json")],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert f"ERROR: {sources / 'article.yaml'}:" in run.stderr and "YAML syntax error" in run.stderr
    assert not (out / "a.md").exists()


def test_every_schema_loads_and_the_sample_issue_file_is_valid():
    from conftest import ROOT
    from galley.settings import load_config, load_issue_file

    assert load_issue_file(ROOT / "sources" / "issue.yaml")["articles"] == ["vestnik-2021-2-regional-integration"]
    assert load_config(ROOT / "config" / "config.yaml")["csl_style"] == "gost-r-7-0-100-2018"
    assert load_editor_metadata(FIXTURES / "articles" / EDITED / "article.yaml")["fpage"] == 41


def test_affiliations_stay_when_the_text_shows_no_author_names(tmp_path):
    # Names the structure stage could not read as authors (a line it took for something else) must
    # not take their affiliations with them: every word of the source stays in the canonical article.
    from galley.editor import canonical_metadata
    from galley.structure import Article

    article = Article(lang="en", affiliations=[{"mark": "1", "name": "Institute of River Studies, Almaty"},
                                               {"mark": "2", "name": "Laboratory of Fish Biology, Almaty"}])
    metadata = canonical_metadata(article, {}, {})
    assert "authors" not in metadata
    assert [a["name"] for a in metadata["affiliations"]] == ["Institute of River Studies, Almaty",
                                                            "Laboratory of Fish Biology, Almaty"]


def test_affiliations_without_authors_reach_a_valid_jats(built, tmp_path):
    # The sample's canonical article with affiliations but no authors: its JATS keeps each <aff>
    # outside a contributors' group, where JATS 1.3 allows it.
    import yaml

    from galley.canonical import read
    from galley.cli import main

    metadata, body = read(outputs("vestnik-2021-2-regional-integration")["md"].read_text(encoding="utf-8"))
    metadata.pop("authors", None)
    metadata["affiliations"] = [{"id": "aff-1", "name": "Institute of River Studies, Almaty"}]
    canonical = tmp_path / "article.md"
    canonical.write_text(f"---\n{yaml.safe_dump(metadata, allow_unicode=True)}---\n{body}", encoding="utf-8")
    config = str(ROOT / "config" / "config.yaml")
    assert main(["citations", str(canonical), config, str(tmp_path / "references.json"), ""]) == 0
    assert main(["jats", str(canonical), str(tmp_path / "references.json"), config, str(tmp_path / "a.xml"), ""]) == 0
    jats = etree.parse(str(tmp_path / "a.xml"), etree.XMLParser(no_network=True))
    etree.DTD(str(DTD)).assertValid(jats)
    assert [a.findtext("institution") for a in jats.iterfind(".//article-meta/aff")] == [
        "Institute of River Studies, Almaty"]
