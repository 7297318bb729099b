"""The pictures of each article's first PDF page on the site: on the contents page and on the
article's page, each a small rendered image with its alt text, inside a link to the PDF."""

from lxml import html
from PIL import Image, ImageStat

from conftest import OUTPUT

SITE = OUTPUT / "site"


def pictures(page):
    doc = html.parse(str(page)).getroot()
    return [(a.get("href"), a.find("img")) for a in doc.iterfind(".//a[@class='first-page']")]


def assert_rendered_page(png):
    """A small image of a page: white paper with dark print on it, not a blank or a failed render."""
    with Image.open(png) as image:
        assert image.format == "PNG" and image.width <= 200 < image.height
        grey = image.convert("L")
        assert ImageStat.Stat(grey).mean[0] > 180 and grey.getextrema()[0] < 100


def test_contents_page_shows_each_articles_first_page(built, article_slugs):
    shown = pictures(SITE / "index.html")
    assert sorted(href for href, _ in shown) == [f"{slug}/{slug}.pdf" for slug in article_slugs]
    for href, img in shown:
        assert img.get("alt", "").strip() and img.get("width") and img.get("height")
        assert_rendered_page(SITE / img.get("src"))
        assert (SITE / href).is_file()


def test_article_page_shows_its_first_page(built, article_slugs):
    for slug in article_slugs:
        [(href, img)] = pictures(SITE / slug / f"{slug}.html")
        assert href == f"{slug}.pdf" and img.get("alt", "").strip()
        assert_rendered_page(SITE / slug / img.get("src"))


def test_a_rebuilt_site_renders_the_pictures_of_changed_pdfs_only(built, article_slugs, tmp_path, monkeypatch):
    from galley import thumbnails

    first, *others = article_slugs[:3]
    new_site = tmp_path / "site"
    pictures_of = {}
    for slug in (first, *others):
        (new_site / slug).mkdir(parents=True)
        pdf = (SITE / slug / f"{slug}.pdf").read_bytes()
        # the first article's PDF changed (one byte more), the others' are the same bytes
        (new_site / slug / f"{slug}.pdf").write_bytes(pdf + b"\n" if slug == first else pdf)
        pictures_of[slug] = (new_site / slug / f"{slug}.pdf", new_site / slug / f"{slug}{thumbnails.SUFFIX}")
    rendered = []
    render = thumbnails.render
    monkeypatch.setattr(thumbnails, "render", lambda pdf, png: rendered.append(pdf) or render(pdf, png))
    sizes = thumbnails.render_all(pictures_of, previous=SITE)
    assert rendered == [pictures_of[first][0]]
    for slug in others:
        assert (new_site / slug / f"{slug}{thumbnails.SUFFIX}").read_bytes() == \
            (SITE / slug / f"{slug}{thumbnails.SUFFIX}").read_bytes()
    for slug in (first, *others):
        assert_rendered_page(pictures_of[slug][1])
        assert sizes[slug] == Image.open(pictures_of[slug][1]).size
