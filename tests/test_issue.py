"""The issue's outputs: contents with consecutive pages, the contents PDF, the archive of galleys and
the issue-wide Crossref deposit."""

import json
import shutil
import subprocess
import zipfile

from lxml import etree

from conftest import OUTPUT, ROOT
from galley.cli import main
from test_crossref import NS


def toc(build=OUTPUT):
    return json.loads((build / "issue" / "toc.json").read_text(encoding="utf-8"))


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_pages_run_on_from_article_to_article_with_each_pdfs_length(built, article_slugs):
    entries = toc()["articles"]
    assert sorted(e["slug"] for e in entries) == article_slugs
    page = 1  # the test issue has no issue file: it starts on page 1
    for entry in entries:
        length = pdf_pages(OUTPUT / entry["slug"] / f"{entry['slug']}.pdf")
        assert entry["lpage"] - entry["fpage"] + 1 == length
        if entry.get("pages_computed"):
            assert entry["fpage"] == page
        page = entry["lpage"] + 1
    fixed = [e for e in entries if not e.get("pages_computed")]
    assert [e["slug"] for e in fixed] == ["ru-editor-metadata"] and fixed[0]["fpage"] == 41  # its article.yaml


def test_the_contents_pdf_lists_every_final_article_with_its_pages(built_complete):
    contents = built_complete / "issue" / "toc.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(contents), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    entries = toc(built_complete)["articles"]
    assert entries and all(e["status"] == "final" for e in entries)
    for entry in entries:
        words = entry["titles"][0]["title"].split()[:3]
        assert " ".join(words) in flat, words
        assert str(entry["fpage"]) in flat
    fonts = subprocess.run(["pdffonts", str(contents)], capture_output=True, text=True).stdout
    assert "PT" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])


def test_the_contents_pdf_of_an_issue_of_proofs_lists_none_of_them(built):
    text = subprocess.run(["pdftotext", str(OUTPUT / "issue" / "toc.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    for entry in toc()["articles"]:
        assert entry["status"] == "proof"
        assert " ".join(entry["titles"][0]["title"].split()[:3]) not in flat


def test_the_archive_holds_every_galley_byte_for_byte(built, article_slugs):
    with zipfile.ZipFile(OUTPUT / "issue" / "galleys.zip") as archive:
        names = set(archive.namelist())
        for slug in article_slugs:
            for ext in ("xml", "pdf", "epub", "html"):
                name = next(n for n in names if n.endswith(f"{slug}.{ext}"))
                assert archive.read(name) == (OUTPUT / slug / f"{slug}.{ext}").read_bytes()


def final_copies(slugs, into, built=OUTPUT):
    """Copies of the built articles' outputs whose editorial record says final (as an editor's
    `status: final` with nothing missing would make it)."""
    folders = []
    for slug in slugs:
        folder = into / "articles" / slug
        shutil.copytree(built / slug, folder)
        references = folder / "work" / "references.json"
        data = json.loads(references.read_text(encoding="utf-8"))
        data["editorial"] = {**data["editorial"], "status": "final", "missing": []}
        references.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        folders.append(str(folder))
    return folders


def test_an_issue_of_proofs_has_no_deposit(built, config_with_prefix, tmp_path):
    folders = [str(OUTPUT / e["slug"]) for e in toc()["articles"]]
    assert main(["issue", str(config_with_prefix), "", str(tmp_path), *folders]) == 0
    assert (tmp_path / "toc.json").exists() and not (tmp_path / "crossref.xml").exists()


def test_the_issue_deposit_follows_the_contents_and_carries_their_pages(built_complete, config_with_prefix, tmp_path):
    folders = final_copies(["ru-editor-metadata", "en-complete-metadata"], tmp_path, built_complete)
    assert main(["issue", str(config_with_prefix), "", str(tmp_path), *sorted(folders, reverse=True)]) == 0
    deposit = etree.parse(str(tmp_path / "crossref.xml"))
    articles = deposit.findall(".//c:journal_article", NS)
    assert len(deposit.findall(".//c:journal_issue", NS)) == 1
    entries = json.loads((tmp_path / "toc.json").read_text(encoding="utf-8"))["articles"]
    assert len(articles) == len(entries) == 2
    for article, entry in zip(articles, entries):
        slug = entry["slug"]
        assert article.findtext(".//c:doi_data/c:resource", namespaces=NS).endswith(f"/{slug}/{slug}.html")
        assert article.findtext("c:pages/c:first_page", namespaces=NS) == str(entry["fpage"])
        assert article.findtext("c:pages/c:last_page", namespaces=NS) == str(entry["lpage"])


def test_an_issue_with_an_article_crossref_cannot_take_gets_no_deposit_but_the_keys(built, config_with_prefix,
                                                                                   tmp_path):
    folders = final_copies([e["slug"] for e in toc()["articles"]], tmp_path)
    assert main(["issue", str(config_with_prefix), "", str(tmp_path), *folders]) == 0
    assert not (tmp_path / "crossref.xml").exists()
    warnings = json.loads((tmp_path / "toc.json").read_text(encoding="utf-8"))["warnings"]
    assert any(w["rule"] == "crossref" and "kk-party-system" in w["message"] and "year" in w["keys"]
               for w in warnings)


def test_overlapping_pages_are_warned_about(built, tmp_path):
    folders = [str(OUTPUT / e["slug"]) for e in toc()["articles"]]
    issue_file = tmp_path / "issue.yaml"
    issue_file.write_text("first_page: 40\n", encoding="utf-8")
    assert main(["issue", str(ROOT / "config" / "config.yaml"), str(issue_file), str(tmp_path), *folders]) == 0
    warnings = json.loads((tmp_path / "toc.json").read_text(encoding="utf-8"))["warnings"]
    assert any(w["rule"] == "issue-pages" and "ru-editor-metadata" in w["message"] for w in warnings)
