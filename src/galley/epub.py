"""Writer: EPUB 3, with the PT fonts embedded and the front matter in every language."""

import io
import os
import re
import zipfile
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from lxml import etree

from . import fonts, render
from .atomic import atomic_path
from .languages import label_text
from .paths import STYLES

STYLESHEET = "EPUB/styles/stylesheet1.css"
PACKAGE = "EPUB/content.opf"
NAV = "EPUB/nav.xhtml"
NAV_LINK = re.compile(rb'<a href="(text/[^"#]+#[^"]+)">')
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XHTML = "{http://www.w3.org/1999/xhtml}"
TITLE = re.compile(rb"<title>[^<]*</title>")
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


def write(canonical_path, references_path, config, out, fonts_archive=""):
    """The EPUB. fonts_archive: the build's fonts, subset once (rule fonts), taken where this book
    asks for the same subsets."""
    job = render.load(canonical_path, references_path, config)
    metadata = epub_metadata(job)
    args = ["--split-level=1", "--toc", "--toc-depth=2", f"--template={STYLES / 'epub.xhtml'}"]
    with atomic_path(out) as tmp:
        render.run_pandoc(job, "epub3", output=tmp, filters=FILTERS, metadata=metadata, extra=args)
        finish(tmp, (STYLES / "epub.css").read_bytes(), metadata, fonts_archive)


def modified():
    """dcterms:modified: SOURCE_DATE_EPOCH when set (a reproducible build gives the same file), else
    the time of the build. Never a date made up from the publication year."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def finish(epub, css, metadata, fonts_archive=""):
    """What pandoc's sandbox and metadata cannot say: the fonts, subset to the characters of this
    book, styles/epub.css in place of pandoc's stylesheet, each chapter's title from its heading,
    navigation entries marked with their language, a dc:title per language, and the accessibility
    conformance claim."""
    with zipfile.ZipFile(epub) as source:
        entries = [(info, source.read(info)) for info in source.infolist() if info.filename != "mimetype"]
    documents = {info.filename: data for info, data in entries if info.filename.endswith(".xhtml")}
    characters = fonts.common_characters().union(c for data in documents.values() for c in text_of(data))
    embedded = fonts.subsets(characters, fonts_archive)
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w") as target:
        # The mimetype first and stored, as OCF requires.
        target.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in embedded.items():
            target.writestr(zipfile.ZipInfo(f"EPUB/fonts/{name}"), data, compress_type=zipfile.ZIP_DEFLATED)
        for info, data in entries:
            if info.filename == STYLESHEET:
                data = css
            elif info.filename == PACKAGE:
                data = package_document(data, metadata, list(embedded))
            elif info.filename.startswith("EPUB/text/"):
                data = titled_chapter(data)
            elif info.filename == NAV:
                data = nav_in_languages(data, target_languages(documents))
            target.writestr(info, data, compress_type=info.compress_type)
    Path(epub).write_bytes(book.getvalue())


def target_languages(documents):
    """{"text/ch002.xhtml#abstract-kk": "kk"}: the language of each element with an id that is
    marked with one, its own or an ancestor's."""
    found = {}
    for name, data in documents.items():
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        for element in root.iterfind(".//*[@id]"):
            lang = next((e.get("lang") for e in element.iterancestors() if e.get("lang")), None)
            found[f"{name.removeprefix('EPUB/')}#{element.get('id')}"] = element.get("lang") or lang
    return found


def nav_in_languages(nav, languages):
    """Navigation entries marked with their target's language when it is not the book's (the
    abstract in Kazakh of a Russian book is listed by its Kazakh label)."""
    book = etree.fromstring(nav, etree.XMLParser(resolve_entities=False, no_network=True)).get("lang")

    def marked(link):
        lang = languages.get(link.group(1).decode())
        if not lang or lang == book:
            return link.group(0)
        return link.group(0)[:-1] + f' lang="{escape(lang)}" xml:lang="{escape(lang)}">'.encode()

    return NAV_LINK.sub(marked, nav)


def text_of(xhtml):
    """Every character a reader can be shown: the text, and attribute values (a label, a title)."""
    root = etree.fromstring(xhtml, etree.XMLParser(resolve_entities=False, no_network=True))
    values = [v for element in root.iter() if isinstance(element.tag, str) for v in element.attrib.values()]
    return "".join(root.itertext()) + "".join(values)


def titled_chapter(xhtml):
    """A chapter's <title> is its first heading (pandoc writes the file's name there), marked with
    the heading's language when that is not the book's (an abstract in another language)."""
    root = etree.fromstring(xhtml, etree.XMLParser(resolve_entities=False, no_network=True))
    heading = next(root.iter(*(f"{XHTML}h{n}" for n in range(1, 7))), None)
    title = " ".join("".join(heading.itertext()).split()) if heading is not None else ""
    if not title:
        return xhtml
    lang = next((e.get("lang") for e in heading.iterancestors() if e.get("lang")), None)
    marked = f' lang="{escape(lang)}" xml:lang="{escape(lang)}"' if lang and lang != root.get("lang") else ""
    element = f"<title{marked}>{escape(title, quote=False)}</title>"
    return TITLE.sub(lambda _: element.encode(), xhtml, count=1)


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
        element.text = modified()
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
    metadata["toc-title"] = label_text(metadata["lang"], "contents")
    if metadata.get("year"):
        metadata["date"] = str(metadata.get("published") or metadata["year"])
    return metadata
