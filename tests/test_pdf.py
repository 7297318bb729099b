"""The typeset PDF: page numbers from the article's first page, running heads, metadata and
bookmarks, hyphenation by language, the PDF/A-3b variant with the JATS inside, and the tagged
structure as a screen reader reads it (pikepdf): furniture as artifacts, languages, link labels."""

import json
import re
import shutil
import subprocess
import zlib

import pikepdf
import pytest
import yaml
from lxml import etree

from conftest import ENGLISH, FIXTURES, ROOT, SAMPLE, build, outputs
from galley.languages import label_text


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


def words(text):
    # pdftotext keeps the typesetter's line-end hyphens: joined back here, as a reader would.
    return re.findall(r"[^\W_]+", re.sub(r"-\n\s*", "", text).lower())


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


def struct_parent_of_mcids(pdf, page):
    """{MCID: its structure element} of one page, from the parent tree."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    key = int(page.obj.StructParents)
    elements = next(nums[i + 1] for i in range(0, len(nums), 2) if int(nums[i]) == key)
    return {mcid: element for mcid, element in enumerate(elements) if isinstance(element, pikepdf.Dictionary)}


def language_of(element, default):
    while isinstance(element, pikepdf.Dictionary) and element.get("/Type") == "/StructElem":
        if "/Lang" in element:
            return str(element.Lang)
        element = element.get("/P")
    return default


def text_of_marked_content(source, out, keep):
    """pdftotext of a copy of the PDF whose text shows only inside the marked content that keep(kind,
    element) accepts: kind is the tag (/Artifact, /Span…), element the structure element or None."""
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            owners = struct_parent_of_mcids(pdf, page)
            kept, dropping = [], [False]
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name in ("BDC", "BMC"):
                    mcid = operands[1].get("/MCID") if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                        else None
                    element = owners.get(int(mcid)) if mcid is not None else None
                    dropping.append(dropping[-1] or not keep(str(operands[0]), element))
                elif name == "EMC":
                    dropping.pop()
                elif dropping[-1] and name in ("Tj", "TJ", "'", '"', "Do"):  # Do: a form's text
                    continue
                kept.append(pikepdf.ContentStreamInstruction(operands, operator))
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
        pdf.save(out)
    return text_pages(out)


def structure(pdf):
    """Every structure element reachable from the root, in order."""
    found, stack = [], list(pdf.Root.StructTreeRoot.K)
    while stack:
        element = stack.pop(0)
        if isinstance(element, pikepdf.Dictionary) and element.get("/Type") == "/StructElem":
            found.append(element)
            kids = element.get("/K")
            stack[:0] = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return found


def test_running_heads_and_page_numbers_are_artifacts_and_nothing_else_is(paged, tmp_path):
    with pikepdf.open(paged) as pdf:
        reachable = {e.objgen for e in structure(pdf)}
        for page in pdf.pages:  # all marked text belongs to an element of the tree
            assert all(e.objgen in reachable for e in struct_parent_of_mcids(pdf, page).values())
    content = text_of_marked_content(paged, tmp_path / "content.pdf", lambda kind, _: kind != "/Artifact")
    artifacts = text_of_marked_content(paged, tmp_path / "artifacts.pdf", lambda kind, _: kind == "/Artifact")
    for n, (text, furniture) in enumerate(zip(content, artifacts, strict=True)):
        assert furniture.split()[-1] == str(57 + n)
        assert ("Bulletin of Abai KazNPU" in furniture) == (n > 0)
        assert text.split()[-1] != str(57 + n)
        if n > 0:  # page 1 prints the journal's name above the title, as its masthead
            assert "Bulletin of Abai KazNPU" not in text


def test_text_in_another_language_is_marked_with_it(built, tmp_path):
    pdf_path, jats = outputs(SAMPLE)["pdf"], etree.parse(str(outputs(SAMPLE)["xml"]))
    with pikepdf.open(pdf_path) as pdf:
        lang = str(pdf.Root.Lang)
        marked = [e for e in structure(pdf) if "/Lang" in e]
        assert marked and all(language_of(e.P, lang) != str(e.Lang) for e in marked)  # none repeats its parent's
        others = {str(e.Lang) for e in marked}
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    abstracts = {a.get(xml_lang): a for a in jats.iter("trans-abstract")}
    assert others == set(abstracts) and lang not in others
    for other, abstract in abstracts.items():
        pages = text_of_marked_content(pdf_path, tmp_path / f"{other}.pdf",
                                       lambda kind, element, other=other: language_of(element, lang) == other)
        shown = " ".join(words(" ".join(pages)))
        assert " ".join(words(" ".join(abstract.find("p").itertext()))) in shown, other


def test_links_say_where_they_lead_in_the_language_of_the_article(built):
    references = json.loads((outputs(SAMPLE)["md"].parent / "work" / "references.json").read_text(encoding="utf-8"))
    labels = {ref["id"]: ref["label"] for ref in references["entries"]}
    with pikepdf.open(outputs(SAMPLE)["pdf"]) as pdf:
        word = label_text(str(pdf.Root.Lang), "reference")
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        assert links
        for link in links:
            assert str(link.Contents) == f"{word} {labels[str(link.Dest)]}"
