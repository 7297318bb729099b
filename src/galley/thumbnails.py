"""A picture of an article's first PDF page for the site: poppler's pdftoppm renders one small PNG
per article when the site is built, shown on the contents page and on the article's page as a link
to the PDF."""

import subprocess
from pathlib import Path

from lxml import html

from .errors import InputError
from .languages import label_text

WIDTH = 160  # px: small enough to cost a few kilobytes, large enough to show the page's layout
SUFFIX = ".first-page.png"
PARALLEL_RENDERS = 4


def render(pdf, out_png):
    """The PDF's first page as a PNG WIDTH pixels wide; its (width, height)."""
    prefix = Path(out_png).with_suffix("")
    result = subprocess.run(["pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x", str(WIDTH),
                             "-scale-to-y", "-1", str(pdf), str(prefix)], capture_output=True, text=True)
    if result.returncode != 0 or not Path(f"{prefix}.png").exists():
        raise InputError(pdf, f"pdftoppm could not render the first page ({result.stderr.strip()[:200]})",
                         "check that the PDF opens; rebuild the article")
    Path(f"{prefix}.png").replace(out_png)
    from PIL import Image

    with Image.open(out_png) as image:
        return image.size


def render_all(pictures):
    """{key: (width, height)} of each (pdf, out_png) of pictures, rendered a few at a time: pdftoppm
    spends more than half of its time starting and reading the file, so one at a time would leave
    the build's other cores idle at its very end, where the site is made."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=PARALLEL_RENDERS) as pool:
        sizes = pool.map(lambda paths: render(*paths), pictures.values())
        return dict(zip(pictures, sizes))


def picture(href_pdf, src_png, size, alt):
    """A link to the PDF around the picture of its first page (an lxml element)."""
    link = html.Element("a", {"class": "first-page", "href": href_pdf})
    html.etree.SubElement(link, "img", {"src": src_png, "alt": alt, "width": str(size[0]),
                                        "height": str(size[1]), "loading": "lazy"})
    return link


def alt_text(lang, title):
    return f"{label_text(lang, 'first_page')}: {title}"
