"""Proof and final: an article is a proof while anything needs the editor, and every galley says so;
`status: final` publishes it, or fails that article alone with the list of what is missing."""

import json
import shutil
import subprocess
import zipfile

import pytest
import yaml

from conftest import ROOT, SAMPLE, SNAKEMAKE, outputs
from galley.cli import main
from galley.languages import label_text

# What the language files said before: an instruction to the editor, never for a reader.
EDITOR_NOTE = "редактору нужно"


def pdf_pages(path):
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def epub_text(path):
    with zipfile.ZipFile(path) as book:
        return "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml"))


def test_the_sample_is_a_proof_and_every_galley_says_so(built):
    files = outputs(SAMPLE)
    mark, missing_text = label_text("ru", "proof"), label_text("ru", "missing_reference")
    pages = pdf_pages(files["pdf"])
    assert pages and all(mark in page for page in pages)
    assert label_text("ru", "proof_missing") in pages[0]  # page 1's box of what is missing
    html, epub = files["html"].read_text(encoding="utf-8"), epub_text(files["epub"])
    assert '<div class="proof-banner" role="note">' in html and 'class="proof-banner"' in epub
    xml = files["xml"].read_text(encoding="utf-8")
    for text in (html, epub, xml, "".join(pages)):
        assert EDITOR_NOTE not in text
        assert f"[5] — {missing_text}" in " ".join(text.split())


def test_both_proof_surfaces_show_each_missing_entrys_citing_sentence_and_author(built):
    """The report's missing-reference warnings, as the proof galleys (HTML, EPUB, PDF) and the
    proofing page show them: the citing sentence, its quotation marks paired, and the author it names."""
    from lxml import html as lxml_html

    from test_citing import balanced

    files = outputs(SAMPLE)
    report = json.loads(files["report.json"].read_text(encoding="utf-8"))
    missing = [w for w in report["warnings"] if w["rule"] == "missing-reference"]
    assert missing and any(w.get("cited_by") for w in missing)
    galleys = {"html": files["html"].read_text(encoding="utf-8"), "epub": epub_text(files["epub"]),
               "pdf": "".join(pdf_pages(files["pdf"]))}
    proofing = lxml_html.parse(str(files["md"].parent / f"{SAMPLE}.proof.html")).getroot()
    rows = [" ".join(tr.text_content().split())
            for tr in proofing.iterfind(".//section[@id='warn-missing-reference']//tr")]
    named_label = label_text("ru", "cited_by")
    for warning in missing:
        hint = " ".join(warning["hint"].split())
        assert balanced(hint, "ru")
        assert any(hint in row for row in rows)
        for name, text in galleys.items():
            flat = " ".join(text.split())
            if name == "pdf":  # the PDF's lines break and hyphenate: its first words are enough
                assert " ".join(hint.split()[:4]) in flat
            else:
                assert hint in flat, name
        if warning.get("cited_by"):
            assert any(warning["cited_by"] in row for row in rows)
            for name, text in galleys.items():
                assert f"{named_label}: {warning['cited_by']}" in " ".join(text.split()), name


def test_a_proof_gets_no_crossref_deposit(built, config_with_prefix, tmp_path):
    base = outputs(SAMPLE)["md"].parent
    deposit, record = tmp_path / "deposit.xml", tmp_path / "record.json"
    deposit.write_text("left from an earlier final build", encoding="utf-8")
    assert main(["crossref", str(outputs(SAMPLE)["md"]), str(base / "work" / "references.json"),
                 str(config_with_prefix), str(deposit), str(record)]) == 0
    assert not deposit.exists()
    assert json.loads(record.read_text(encoding="utf-8"))["status"] == "proof"


# An editor's answers for the sample, invented for this test: five references, an author, a DOI.
FINAL = {
    "status": "final", "doi": "10.99999/test.final.1",
    "authors": [{"family": "Тестова", "given": "Анна", "affiliations": ["aff1"]}],
    "affiliations": [{"id": "aff1", "name": "Придуманный университет", "city": "Алматы"}],
    "references": [{"id": n, "type": "book", "title": f"Придуманная книга номер {n}",
                    "author": [{"family": "Автор", "given": "А."}], "issued": {"date-parts": [[2000 + n]]},
                    "publisher": "Издательство"} for n in range(1, 6)],
}


@pytest.fixture(scope="module")
def final_issue(tmp_path_factory):
    """The sample supplied in full and marked final, and a copy marked final with nothing supplied."""
    root = tmp_path_factory.mktemp("final")
    sources = root / "sources"
    for slug, answers in (("complete", FINAL), ("incomplete", {"status": "final"}), ("draft", {"lang": "ru"})):
        (sources / slug).mkdir(parents=True)
        shutil.copy(ROOT / "sources" / SAMPLE / "article.txt", sources / slug / "article.txt")
        (sources / slug / "article.yaml").write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    (sources / "issue.yaml").write_text("volume: 7\nissue: 3\nyear: 2021\nfirst_page: 40\n"
                                        "articles: [complete, incomplete, draft]\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    config.update(doi_prefix="10.99999", crossref={"depositor_name": "Office", "email": "office@example.org"})
    config["journal"]["url"] = "https://journal.example.org/articles"  # a deposit's resource
    (root / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([str(SNAKEMAKE), "--cores", "2", "--keep-going", "--configfile", str(root / "config.yaml"),
                             "--config", f"sources={sources}", f"output={root / 'out'}"],
                            cwd=ROOT, capture_output=True, text=True)
    return root / "out", result


def test_a_final_article_holds_no_proof_marks(final_issue):
    out, _ = final_issue
    folder = out / "complete"
    pages = pdf_pages(folder / "complete.pdf")
    assert not any(label_text("ru", "proof") in page for page in pages)
    html = (folder / "complete.html").read_text(encoding="utf-8")
    assert "proof-banner\" role" not in html and "proof-banner\" role" not in epub_text(folder / "complete.epub")
    xml = (folder / "complete.xml").read_text(encoding="utf-8")
    assert 'specific-use="missing"' not in xml and "Придуманная книга номер 5" in xml
    for label in ("context", "cited_by", "missing_reference"):  # no missing entry, nothing for the editor
        assert label_text("ru", label) not in html and label_text("ru", label) not in xml
    assert "<volume>7</volume>" in xml and "<issue>3</issue>" in xml  # the issue file's numbers
    assert (folder / "complete.crossref.xml").exists()


def test_final_with_something_missing_fails_that_article_alone(final_issue):
    out, result = final_issue
    assert result.returncode != 0
    message = next(line for line in result.stderr.splitlines() if "incomplete" in line and "marked final" in line)
    for item, key in (("references [1], [2], [3], [4], [5]", "references_file"), ("authors", "authors in article.yaml"),
                      ("a DOI", "doi in article.yaml")):
        assert item in message and key in message
    assert not (out / "incomplete" / "incomplete.pdf").exists()
    assert (out / "complete" / "complete.pdf").exists()


def test_the_summary_names_each_articles_state_and_proofing_page(final_issue):
    out, result = final_issue
    summary = result.stderr[result.stderr.rindex("\ncomplete: "):]
    assert f"final; proofing page: {out / 'complete' / 'complete.proof.html'}" in summary
    assert f"proof; proofing page: {out / 'draft' / 'draft.proof.html'}" in summary
    draft = summary[summary.index("\ndraft: "):summary.index("\nincomplete: ")]
    assert "blocks publication: authors (supply: authors in article.yaml)" in draft
    assert "blocks publication: references [1]" in draft


def test_pages_flow_from_the_issue_into_every_article_in_one_run(final_issue):
    """first_page 40, then each article's PDF page count in order: printed on the pages and carried
    by the JATS and the HTML's Scholar tags (the refused article is typeset all the same, so the
    one after it keeps its place)."""
    out, _ = final_issue
    plan = {e["slug"]: e for e in json.loads((out / "issue" / "pages.json").read_text(encoding="utf-8"))["articles"]}
    assert plan["complete"]["fpage"] == 40
    assert plan["draft"]["fpage"] == 40 + plan["complete"]["pages"] + plan["incomplete"]["pages"]
    for slug in ("complete", "draft"):
        first, last = plan[slug]["fpage"], plan[slug]["lpage"]
        pages = pdf_pages(out / slug / f"{slug}.pdf")
        assert len(pages) == last - first + 1
        assert [page.strip().splitlines()[-1].strip() for page in pages] == [str(n) for n in range(first, last + 1)]
        xml = (out / slug / f"{slug}.xml").read_text(encoding="utf-8")
        assert f"<fpage>{first}</fpage>" in xml and f"<lpage>{last}</lpage>" in xml
        html = (out / slug / f"{slug}.html").read_text(encoding="utf-8")
        assert f'<meta name="citation_firstpage" content="{first}">' in html


def test_the_pdf_a3b_variant_carries_the_final_jats_with_its_pages(final_issue, tmp_path):
    out, _ = final_issue
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    config["pdf_variant"] = "pdf/a-3b"
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    folder, pdf = out / "complete", tmp_path / "complete.pdf"
    assert main(["folios", str(folder / "work" / "typeset.pdf"), str(out / "issue" / "pages.json"),
                 str(out / "issue" / "folios.pdf"), str(tmp_path / "config.yaml"), str(folder / "complete.xml"),
                 str(pdf)]) == 0
    subprocess.run(["pdfdetach", "-save", "1", "-o", str(tmp_path / "jats.xml"), str(pdf)], check=True)
    assert (tmp_path / "jats.xml").read_bytes() == (folder / "complete.xml").read_bytes()
    assert pdf_pages(pdf)[0].strip().splitlines()[-1].strip() == "40"


def test_issue_values_win_over_running_heads_and_a_mismatch_is_told(tmp_path):
    from galley import editorial
    from galley.settings import load_config

    issue_file = tmp_path / "issue.yaml"
    issue_file.write_text("volume: 4\nissue: 1\nyear: 2022\narticles: [listed]\n", encoding="utf-8")
    config = load_config(ROOT / "config" / "config.yaml")
    # year and issue as a running head printed them; the volume as an editor gave it
    metadata = {"year": 2020, "issue": "1", "volume": 9, "references": [],
                "source": {"from_text": {"year": 2020, "issue": "1"}}}
    state = editorial.record(metadata, "unlisted", config, str(issue_file), tmp_path / "article.yaml")
    assert state["issue"] == {"volume": 9, "issue": 1, "year": 2022}
    messages = [w["message"] for w in state["warnings"]]
    assert any("year 2020" in m and "2022" in m for m in messages)
    assert not any("issue 1," in m for m in messages)  # the same number, told the same way
    assert any(w["rule"] == "issue-order" and "unlisted" in w["message"] for w in state["warnings"])
