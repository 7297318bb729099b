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
    return _size(out_png)


def render_all(pictures, previous=None):
    """{key: (width, height)} of each (pdf, out_png) of pictures, rendered a few at a time: pdftoppm
    spends more than half of its time starting and reading the file, so one at a time would leave
    the build's other cores idle at its very end, where the site is made.

    previous: the folder of the site these pictures replace. A PDF it holds at the same place
    (relative to the new PNG's grandparent, the site), byte for byte, keeps its picture: an issue
    rebuilt after one article changed renders one picture, not a hundred."""
    from concurrent.futures import ThreadPoolExecutor

    sizes, todo = {}, {}
    for key, (pdf, out_png) in pictures.items():
        if previous and _copied(Path(pdf), Path(out_png), Path(previous)):
            sizes[key] = _size(out_png)
        else:
            todo[key] = (pdf, out_png)
    with ThreadPoolExecutor(max_workers=PARALLEL_RENDERS) as pool:
        sizes.update(zip(todo, pool.map(lambda paths: render(*paths), todo.values())))
    return {key: sizes[key] for key in pictures}


def _copied(pdf, out_png, previous):
    """Whether the previous site's picture of the same PDF was copied to out_png."""
    import filecmp
    import shutil

    site = out_png.parent.parent
    old_pdf, old_png = previous / pdf.relative_to(site), previous / out_png.relative_to(site)
    if not (old_png.is_file() and old_pdf.is_file() and filecmp.cmp(old_pdf, pdf, shallow=False)):
        return False
    shutil.copyfile(old_png, out_png)
    return True


def _size(png):
    from PIL import Image

    with Image.open(png) as image:
        return image.size


def picture(href_pdf, src_png, size, alt):
    """A link to the PDF around the picture of its first page (an lxml element)."""
    link = html.Element("a", {"class": "first-page", "href": href_pdf})
    html.etree.SubElement(link, "img", {"src": src_png, "alt": alt, "width": str(size[0]),
                                        "height": str(size[1]), "loading": "lazy"})
    return link


def alt_text(lang, title):
    return f"{label_text(lang, 'first_page')}: {title}"
