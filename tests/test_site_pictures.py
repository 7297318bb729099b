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
