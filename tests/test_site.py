"""The static site and the HTML galleys in a real browser (Debian's headless Chromium): phone and
desktop screenshots, no horizontal scrolling on a phone, and every link landing on a file."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html

from conftest import OUTPUT, SAMPLE

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


def test_site_holds_the_index_and_every_galley(built, article_slugs):
    site = OUTPUT / "site"
    folders = sorted(p.name for p in site.iterdir() if p.is_dir() and p.name != "search")
    assert folders == article_slugs
    for folder in folders:
        names = sorted(p.name for p in (site / folder).iterdir())
        assert names == sorted(f"{folder}.{ext}" for ext in ("epub", "html", "pdf", "proof.html", "xml",
                                                             "first-page.png"))
    assert (site / "contents.pdf").stat().st_size > 0


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
    entries = doc.findall(".//li[@class='entry']")
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
