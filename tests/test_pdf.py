"""The typeset PDF: page numbers from the article's first page, running heads, metadata and
bookmarks, hyphenation by language, and the PDF/A-3b variant with the JATS inside."""

import re
import shutil
import subprocess
import zlib

import pytest
import yaml

from conftest import ENGLISH, FIXTURES, ROOT, SAMPLE, build, outputs


def pdf_objects(pdf):
    """The PDF's bytes with every Flate stream inflated (objects live in compressed streams)."""
    raw = pdf.read_bytes()
    inflated = []
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", raw, re.S):
        try:
            inflated.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            pass
    return raw + b"".join(inflated)


def text_pages(pdf):
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    """The English fixture with an editor's first page number, built on its own."""
    sources = tmp_path_factory.mktemp("sources")
    shutil.copytree(FIXTURES / "articles" / ENGLISH, sources / ENGLISH)
    (sources / ENGLISH / "article.yaml").write_text("fpage: 57\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    build(sources, out)
    return out / ENGLISH / f"{ENGLISH}.pdf"


def test_pages_are_numbered_from_the_first_page_and_carry_the_running_head(paged):
    pages = text_pages(paged)
    assert len(pages) >= 2
    for n, page in enumerate(pages):
        assert page.strip().splitlines()[-1].strip() == str(57 + n)
    assert "Bulletin of Abai KazNPU" in pages[1].strip().splitlines()[0]
    assert "Bulletin of Abai KazNPU" not in pages[0].strip().splitlines()[0]  # none on the first page


def test_document_metadata_and_bookmarks(built):
    pdf = outputs(SAMPLE)["pdf"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Keywords:\s+regional integration", info, re.M)
    assert re.search(r"^Subject:\s+Вестник КазНПУ", info, re.M)
    objects = pdf_objects(pdf)
    assert b"/Outlines" in objects and b"/Lang (ru)" in objects
    assert "Введение".encode("utf-16-be").hex().encode() in objects  # a bookmark per section


def test_russian_is_hyphenated_and_kazakh_is_not(built):
    raw = subprocess.run(["pdftotext", "-raw", str(outputs(SAMPLE)["pdf"]), "-"], capture_output=True,
                         text=True, check=True).stdout
    split_words = re.findall(r"([^\W\d_]+)-\n([^\W\d_]+)", raw)
    russian = [a + b for a, b in split_words if not set("әғқңөұүһі") & set((a + b).lower())]
    kazakh = [a + b for a, b in split_words if set("әғқңөұүһі") & set((a + b).lower())]
    assert len(russian) >= 5
    assert kazakh == []  # pyphen has no Kazakh patterns, so Kazakh lines are never broken in words


def test_pdf_a3b_variant_carries_the_jats(built, tmp_path):
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    config["pdf_variant"] = "pdf/a-3b"
    config_path = tmp_path / "config.yaml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    base = outputs(SAMPLE)["md"].parent
    out = tmp_path / "a3b.pdf"
    from galley.cli import main

    assert main(["pdf", str(outputs(SAMPLE)["md"]), str(base / "work" / "references.json"), str(config_path),
                 str(outputs(SAMPLE)["xml"]), str(out)]) == 0
    listing = subprocess.run(["pdfdetach", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert f"{SAMPLE}.xml" in listing
    subprocess.run(["pdfdetach", "-save", "1", "-o", str(tmp_path / "jats.xml"), str(out)], check=True)
    assert (tmp_path / "jats.xml").read_bytes() == outputs(SAMPLE)["xml"].read_bytes()
    meta = subprocess.run(["pdfinfo", "-meta", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"pdfaid:part[^0-9]{0,5}3", meta)
