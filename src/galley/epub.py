"""Writer: EPUB 3, with the PT fonts embedded and the front matter in every language."""

import io
import subprocess
import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

from . import render
from .atomic import atomic_path
from .paths import STYLES

STYLESHEET = "EPUB/styles/stylesheet1.css"
PACKAGE = "EPUB/content.opf"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# EPUB Accessibility 1.1: text only, every element in its language, headings in order, a nav.
ACCESSIBILITY_CLAIMS = [("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
                        ("a11y:certifiedBy", "galley (self-declared)")]
ACCESSIBILITY = {
    "accessibilityFeatures": ["structuralNavigation", "tableOfContents", "readingOrder",
                              "displayTransformability", "unlocked"],
    "accessibilitySummary": ("Text only, with no images or media. Every part is marked with its language; "
                             "headings follow the article's structure and the navigation document lists them; "
                             "each citation links to its reference and back."),
}
FILTERS = ["citations.lua", "references.lua", "front-matter.lua"]
# Font files as Debian's fonts-paratype names them; styles/epub.css refers to these names.
FONTS = {"PT Serif:style=Regular": "PTF55F.ttf", "PT Serif:style=Italic": "PTF56F.ttf",
         "PT Serif:style=Bold": "PTF75F.ttf", "PT Sans:style=Regular": "PTS55F.ttf",
         "PT Sans:style=Bold": "PTS75F.ttf"}


def write(canonical_path, references_path, config, out):
    job = render.load(canonical_path, references_path, config)
    metadata = epub_metadata(job)
    args = ["--split-level=1", "--toc", "--toc-depth=2", f"--template={STYLES / 'epub.xhtml'}"]
    with atomic_path(out) as tmp:
        render.run_pandoc(job, "epub3", output=tmp, filters=FILTERS, metadata=metadata, extra=args)
        finish(tmp, (STYLES / "epub.css").read_bytes(), metadata)


def modified(metadata):
    """dcterms:modified from the publication date (pandoc's sandbox has no clock), so a rebuild
    gives the same file."""
    value = str(metadata.get("published") or metadata.get("year") or "1970")
    parts = (value.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]:0>2}-{parts[2]:0>2}T00:00:00Z"


def finish(epub, css, metadata):
    """What pandoc's sandbox and metadata cannot say: the fonts, styles/epub.css in place of
    pandoc's stylesheet, a dc:title per language, and the accessibility conformance claim.

    The fonts make nine tenths of the book's bytes, so they are compressed once per process (the
    font pack) and each book is the pack with pandoc's files added after it."""
    fonts = font_files()
    with zipfile.ZipFile(epub) as source:
        entries = [(info, source.read(info)) for info in source.infolist() if info.filename != "mimetype"]
    book = io.BytesIO(font_pack(tuple(fonts)))
    with zipfile.ZipFile(book, "a") as target:
        for info, data in entries:
            if info.filename == STYLESHEET:
                data = css
            elif info.filename == PACKAGE:
                data = package_document(data, metadata, [Path(font).name for font in fonts])
            target.writestr(info, data, compress_type=info.compress_type)
    Path(epub).write_bytes(book.getvalue())


@cache
def font_pack(fonts):
    """An EPUB's first entries: the mimetype (stored, first, as OCF requires) and the fonts."""
    pack = io.BytesIO()
    with zipfile.ZipFile(pack, "w") as target:
        target.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for font in fonts:
            info = zipfile.ZipInfo(f"EPUB/fonts/{Path(font).name}")
            # zlib's default level: level 9 saves 0.1 % of the bytes for half as much time again.
            target.writestr(info, Path(font).read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return pack.getvalue()


def package_document(data, metadata, font_names):
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    manifest = root.find(f"{{{OPF}}}manifest")
    for name in font_names:
        etree.SubElement(manifest, f"{{{OPF}}}item", id=name.replace(".", "_"), href=f"fonts/{name}",
                         attrib={"media-type": "font/ttf"})
    meta = root.find(f"{{{OPF}}}metadata")
    title = meta.find(f"{{{DC}}}title")
    title.set(XML_LANG, metadata["lang"])
    position = list(meta).index(title) + 1
    for trans in metadata["trans-titles"]:
        element = etree.Element(f"{{{DC}}}title", id=f"title-{trans['lang']}")
        element.set(XML_LANG, trans["lang"])
        element.text = trans["title"]
        meta.insert(position, element)
        position += 1
    for element in meta.iterfind(f"{{{OPF}}}meta[@property='dcterms:modified']"):
        element.text = modified(metadata)
    for prop, value in ACCESSIBILITY_CLAIMS:
        element = etree.SubElement(meta, f"{{{OPF}}}meta", property=prop)
        element.text = value
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def epub_metadata(job):
    """The template metadata plus what pandoc's EPUB writer reads: creators, rights, titles."""
    metadata = render.template_metadata(job)
    metadata["creator"] = [{"role": "author", "text": a["display"]} for a in metadata["authors"]]
    metadata["publisher"] = metadata["journal"]["publisher"].get("name", metadata["journal"]["title"])
    metadata["rights"] = metadata["license"].get("text", "")
    metadata.update(ACCESSIBILITY)
    doi = job.metadata.get("doi")
    metadata["identifier"] = [{"scheme": "DOI", "text": f"doi:{doi}"}] if doi else metadata["identifier"]
    metadata["subject"] = metadata["journal"]["title"]
    if metadata.get("year"):
        metadata["date"] = str(metadata.get("published") or metadata["year"])
    return metadata


@cache
def font_files():
    """Paths of the PT fonts, found by fontconfig; missing ones are skipped (and noticed by tests)."""
    paths = []
    for pattern, name in FONTS.items():
        found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True).stdout
        if found.endswith(name):
            paths.append(found)
    return paths
