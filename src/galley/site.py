"""The static site under output/site/: the issue's contents as index.html and, per article, its
galleys, all linked relatively so that the folder can be served as it is. The index lists the
issue's final articles, then its proofs apart under their own heading; its search box searches the
final articles only (galley.site_search). It and each article's page show a picture of the
article's first PDF page (galley.thumbnails). The editor's proofing pages are no part of the site:
they stay in the build folder (output/<slug>/<slug>.proof.html), which the terminal summary names."""

import shutil
from pathlib import Path

from lxml import html

from . import site_search, thumbnails
from .atomic import read_json
from .issue import render_toc
from .paths import STYLES

STYLESHEET = "site.css"


def write(toc_path, contents_pdf, out_dir, articles):
    """The site from the issue's contents (toc.json, toc.pdf) and its articles' files (ArticleFiles)."""
    out = Path(out_dir)
    staging = out.with_name(out.name + ".part")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    toc = read_json(toc_path)
    (staging / "index.html").write_text(render_toc(toc, link_prefix="", proofs=True), encoding="utf-8")
    shutil.copy(contents_pdf, staging / "contents.pdf")
    for article in articles:
        target = staging / article.slug
        target.mkdir()
        for path in article.galleys.values():
            shutil.copy(path, target / Path(path).name)
    final = [entry["slug"] for entry in toc["articles"] if entry["status"] == "final"]
    add_pictures_and_search(staging, [article.slug for article in articles], final, previous=out)
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)  # the site appears whole or not at all


def add_pictures_and_search(site, slugs, searched, previous=None):
    """What a reader of the site has beyond the galleys: each article's first page as a picture
    linking to its PDF, on the index and on the article's page, and the index's search box over the
    articles `searched` (the final ones: a proof is no published text to be found; none, no box).
    The picture of a PDF that the previous site (`previous`) holds byte for byte is taken from it."""
    shutil.copy(STYLES / STYLESHEET, site / STYLESHEET)
    sizes = thumbnails.render_all({slug: (site / slug / f"{slug}.pdf", site / slug / f"{slug}{thumbnails.SUFFIX}")
                                   for slug in slugs}, previous)
    for slug in slugs:
        add_picture_to_article_page(site / slug / f"{slug}.html", slug, sizes[slug])
    index = html.fromstring((site / "index.html").read_bytes())
    for entry in index.iterfind(".//li[@class='entry']"):
        title = entry.find(".//p[@class='title']/a")
        slug = title.get("href").split("/")[0]
        alt = thumbnails.alt_text(title.get("lang") or index.get("lang"), " ".join(title.text_content().split()))
        entry.insert(0, thumbnails.picture(f"{slug}/{slug}.pdf", f"{slug}/{slug}{thumbnails.SUFFIX}", sizes[slug], alt))
    if searched:
        site_search.add_search_box(index, site_search.build_index(site, searched))
        site_search.copy_script(site)
    index.find("head").append(html.Element("link", {"rel": "stylesheet", "href": STYLESHEET}))
    (site / "index.html").write_text(html.tostring(index, doctype="<!DOCTYPE html>", encoding="unicode"),
                                     encoding="utf-8")


def add_picture_to_article_page(page, slug, size):
    """The picture after the page's links to its formats, and the site's stylesheet. The galley is
    edited as text (a link and an element added), so the rest of it stays byte for byte."""
    text = page.read_text(encoding="utf-8")
    root = html.fromstring(text.encode("utf-8"))
    h1 = root.find(".//h1")
    title = " ".join(h1.text_content().split()) if h1 is not None else slug
    picture = html.tostring(thumbnails.picture(f"{slug}.pdf", f"{slug}{thumbnails.SUFFIX}", size,
                                               thumbnails.alt_text(root.get("lang", "en"), title)), encoding="unicode")
    formats = text.find('class="formats"')
    at = text.find("</nav>", formats) + len("</nav>") if formats >= 0 else text.find("</header>")
    text = text[:at] + "\n" + picture + text[at:]
    text = text.replace("</head>", f'<link rel="stylesheet" href="../{STYLESHEET}">\n</head>', 1)
    page.write_text(text, encoding="utf-8")
