"""The static site and the HTML galleys in a real browser (Debian's headless Chromium): phone and
desktop screenshots, no horizontal scrolling on a phone, and every link landing on a file."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html

from conftest import ENGLISH, OUTPUT, ROOT, SAMPLE
from galley.cli import main
from galley.languages import label_text
from galley.site_search import article_texts
from test_issue import final_copies

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is installed by `make setup`")


def chromium(tmp_path, *args):
    profile = tmp_path / "profile"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def site_pages():
    site = OUTPUT / "site"
    return [site / "index.html", site / SAMPLE / f"{SAMPLE}.html"]


def test_site_holds_the_index_and_every_galley_but_no_proofing_page(built, article_slugs):
    site = OUTPUT / "site"
    folders = sorted(p.name for p in site.iterdir() if p.is_dir() and p.name != "search")
    assert folders == article_slugs
    for folder in folders:
        names = sorted(p.name for p in (site / folder).iterdir())
        assert names == sorted(f"{folder}.{ext}" for ext in ("epub", "html", "pdf", "xml", "first-page.png"))
        assert (OUTPUT / folder / f"{folder}.proof.html").is_file()  # the editor's, in the build folder
    assert (site / "contents.pdf").stat().st_size > 0


@pytest.fixture(scope="module")
def proof_and_final(built, tmp_path_factory):
    """An issue of two articles built by the issue and site stages: the sample, a proof, and a
    copy of the English test article whose editorial record says final."""
    root = tmp_path_factory.mktemp("proof-and-final")
    [final] = final_copies([ENGLISH], root)
    proof = root / "articles" / SAMPLE
    shutil.copytree(OUTPUT / SAMPLE, proof)
    folders = [str(proof), final]
    assert main(["issue", str(ROOT / "config" / "config.yaml"), "", str(root / "issue"), *folders]) == 0
    assert main(["site", str(root / "issue" / "toc.json"), str(root / "issue" / "toc.pdf"), str(root / "site"),
                 *folders]) == 0
    return root


def entry_links(container):
    return {a.get("href") for a in container.iterfind(".//li[@class='entry']//p[@class='title']/a")}


def test_the_site_lists_a_proof_apart_from_the_issue(proof_and_final):
    site = proof_and_final / "site"
    index = html.parse(str(site / "index.html")).getroot()
    main_part = index.find(".//main")
    issue_list = next(ol for ol in main_part.iterfind("ol") if ol.get("class") == "toc")
    proofs = main_part.find(".//section[@class='proofs']")
    assert entry_links(issue_list) == {f"{ENGLISH}/{ENGLISH}.html"}
    assert entry_links(proofs) == {f"{SAMPLE}/{SAMPLE}.html"}
    assert proofs.find("h2").text_content() == label_text(index.get("lang"), "proofs")
    for page in site.rglob("*.html"):  # the editor's proofing pages are neither linked nor copied
        assert not page.name.endswith(".proof.html"), page
        links = [a.get("href", "") for a in html.parse(str(page)).getroot().iter("a")]
        assert not any(href.split("#")[0].endswith(".proof.html") for href in links), page


def test_the_search_index_and_the_contents_pdf_hold_the_final_article_only(proof_and_final):
    import json
    import subprocess

    site = proof_and_final / "site"
    bundles = json.loads(html.parse(str(site / "index.html")).getroot()
                         .find(".//form[@id='site-search']").get("data-bundles"))
    final_languages = article_texts(site / ENGLISH / f"{ENGLISH}.html")
    assert sorted(bundles) == sorted(f"search/{lang}/" for lang in final_languages)
    for bundle in bundles:  # one page in each language's bundle: the final article's, never the proof's
        counts = json.loads((proof_and_final / "site" / bundle / "pagefind-entry.json").read_text())["languages"]
        assert [c["page_count"] for c in counts.values()] == [1], bundle
    toc = json.loads((proof_and_final / "issue" / "toc.json").read_text(encoding="utf-8"))
    titles = {e["status"]: " ".join(e["titles"][0]["title"].split()[:3]) for e in toc["articles"]}
    contents = subprocess.run(["pdftotext", str(proof_and_final / "issue" / "toc.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
    flat = " ".join(contents.split())
    assert titles["final"] in flat and titles["proof"] not in flat


def test_every_link_of_the_site_lands(built):
    site = OUTPUT / "site"
    for page in site.rglob("*.html"):
        doc = html.parse(str(page)).getroot()
        ids = {e.get("id") for e in doc.iter() if e.get("id")}
        for link in doc.iter("a"):
            href = link.get("href", "")
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            path, _, anchor = href.partition("#")
            if path:
                assert (page.parent / path).resolve().is_file(), (page, href)
                assert (page.parent / path).resolve().is_relative_to(site.resolve()), (page, href)
            elif anchor:
                assert anchor in ids, (page, href)


def test_index_lists_articles_in_order_with_pages_and_authors(built, article_slugs):
    doc = html.parse(str(OUTPUT / "site" / "index.html")).getroot()
    entries = doc.findall(".//li[@class='entry']")  # the issue's and the proofs' lists
    assert len(entries) == len(article_slugs)
    pages = [e.findtext(".//p[@class='pages']") for e in entries]
    assert all(re.fullmatch(r"\d+(–\d+)?", p) for p in pages)
    assert any("Ахметова" in (e.findtext(".//p[@class='authors']") or "") for e in entries)


@needs_chromium
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", [0, 1], ids=["index", "article"])
def test_pages_render_without_horizontal_scrolling(built, tmp_path, width, page):
    source = site_pages()[page]
    w, h = WIDTHS[width]
    shot = tmp_path / f"{source.stem}-{width}.png"
    result = chromium(tmp_path, f"--window-size={w},{h}", f"--screenshot={shot}", source.as_uri())
    assert shot.exists() and shot.stat().st_size > 5000, result.stderr[-2000:]
    # Measure the page's width in the browser: a copy with a script that records the overflow.
    probe = source.with_name(f".probe-{width}-{source.name}")
    script = ("<script>document.body.setAttribute('data-overflow', "
              "document.documentElement.scrollWidth - document.documentElement.clientWidth)</script>")
    probe.write_text(source.read_text(encoding="utf-8").replace("</body>", script + "</body>"), encoding="utf-8")
    try:
        dom = chromium(tmp_path, f"--window-size={w},{h}", "--virtual-time-budget=3000", "--dump-dom",
                       probe.as_uri()).stdout
    finally:
        probe.unlink()
    overflow = re.search(r'data-overflow="(-?\d+)"', dom)
    assert overflow, dom[-500:]
    assert int(overflow.group(1)) <= 0, f"{source.name} scrolls sideways by {overflow.group(1)} px at {w} px"
    Path(OUTPUT / "screenshots").mkdir(exist_ok=True)
    shutil.copy(shot, OUTPUT / "screenshots" / shot.name)


def test_galley_carries_scholar_dublin_core_and_schema_org_metadata(built):
    import json

    page = html.parse(str(OUTPUT / "ru-editor-metadata" / "ru-editor-metadata.html")).getroot()
    meta = {}
    for m in page.iter("meta"):
        meta.setdefault(m.get("name"), []).append(m.get("content"))
    assert meta["citation_title"] == ["Региональные организации и безопасность в Центральной Азии"]
    assert meta["citation_author"] == ["Айгерим Болатовна Ахметова", "John Smith"]
    assert meta["citation_doi"] == ["10.99999/test.2022.3.1"] and meta["citation_firstpage"] == ["41"]
    assert meta["citation_pdf_url"] and meta["DC.creator"] and meta["DC.identifier"]
    data = json.loads(page.find(".//script[@type='application/ld+json']").text)
    assert data["@type"] == "ScholarlyArticle" and data["author"][0]["identifier"].endswith("0000-0002-1825-0097")


def test_proofing_page_groups_every_change_and_warning_with_its_line(built):
    page = html.parse(str(OUTPUT / SAMPLE / f"{SAMPLE}.proof.html")).getroot()
    groups = {s.get("id"): s for s in page.iter("section")}
    assert {"warn-missing-reference", "warn-front-matter", "warn-spelling", "change-lookalike",
            "change-running-head", "change-page-number", "change-hyphenation"} <= set(groups)
    rows = [[td.text_content() for td in tr.findall("td")] for tr in groups["change-lookalike"].iter("tr")]
    assert ["19", "САЯCАТТАНУ", "САЯСАТТАНУ", "Latin C → Cyrillic С"] in rows
    spelling = [mark.text for tr in groups["warn-spelling"].iter("tr") for mark in tr.iter("mark")]
    assert "спех" in spelling and "эконмических" in spelling
