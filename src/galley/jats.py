"""Writer: JATS 1.3 Journal Publishing XML.

pandoc writes the front matter (template styles/jats.xml) and the body (filters/citations.lua
makes every citation an xref); the reference list is built here with lxml, so each ref carries the
entry as the article printed it (mixed-citation), as the journal's CSL style prints it (a second
mixed-citation, specific-use "formatted", by citeproc-py) and its parsed fields (element-citation).
"""

import re
from urllib.parse import urlsplit

from lxml import etree

from . import render
from .atomic import write_bytes
from .languages import label_text
from .reference_entries import is_missing

XLINK = "http://www.w3.org/1999/xlink"
ARTICLE_HEADINGS = {"research-article": "Research Article", "review-article": "Review Article"}
CSL_TO_JATS_TYPE = {"article-journal": "journal", "book": "book", "chapter": "book",
                    "paper-conference": "confproc", "thesis": "thesis", "webpage": "webpage",
                    "report": "report"}


def parser():
    """An XML parser that never fetches or expands anything."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def write(canonical_path, references_path, config, out, plan=None):
    job = render.load(canonical_path, references_path, config, plan)
    xml = render_jats(job)
    dtd = job.config.get("jats_dtd")
    if dtd:
        validate(xml, dtd, out)
    write_bytes(out, xml)


def render_jats(job):
    metadata = render.template_metadata(job)
    article_type = job.metadata.get("article_type", "research-article")
    metadata["article-type"] = article_type
    metadata["article-heading"] = ARTICLE_HEADINGS.get(article_type, article_type.replace("-", " ").title())
    metadata["pub-date"] = pub_date(job.metadata)
    text = render.run_pandoc(job, "jats_publishing", template="jats.xml", filters=["citations.lua"],
                             metadata=metadata)
    root = etree.fromstring(text.encode("utf-8"), parser())
    add_back(root, job)
    tree = root.getroottree()
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8", doctype=_doctype(text))


def _doctype(text):
    return re.search(r"<!DOCTYPE[^>]*>", text).group(0)


def pub_date(meta):
    value = str(meta.get("published") or meta.get("year") or "")
    parts = value.split("-") if value else []
    if not parts:
        return {}
    date = {"year": parts[0], "iso": value}
    if len(parts) > 1:
        date["month"] = parts[1]
    if len(parts) > 2:
        date["day"] = parts[2]
    return date


def add_back(root, job):
    """<back><ref-list> with a ref per entry; missing entries stay visible as such."""
    if not job.references:
        return
    items = {r["id"]: r for r in job.metadata.get("references", [])}
    lang = job.metadata.get("lang", "en")
    back = etree.SubElement(root, "back")
    ref_list = etree.SubElement(back, "ref-list")
    etree.SubElement(ref_list, "title").text = label_text(lang, "references")
    for entry in job.references:
        ref_list.append(ref_element(entry, items.get(entry["id"], {}), lang))
    etree.indent(back, level=1)
    back.tail = "\n"
    root[-2].tail = "\n"


def ref_element(entry, item, lang):
    ref = etree.Element("ref", id=entry["id"])
    etree.SubElement(ref, "label").text = entry["label"]
    if entry["missing"] or is_missing(item):
        mixed = etree.SubElement(ref, "mixed-citation", {"publication-type": "other", "specific-use": "missing"})
        mixed.text = entry["text"]
        for hint in entry.get("hints", [])[:1]:
            note = etree.SubElement(ref, "note")
            etree.SubElement(note, "p").text = f"{label_text(lang, 'context')}: {hint}"
        return ref
    # Every mixed-citation of the alternatives says which form it is (PMC requires it of all or none);
    # none carries xml:lang, since PMC then wants exactly one in the article's language.
    holder = etree.SubElement(ref, "citation-alternatives")
    if item.get("note"):
        # The entry as the article printed it, nothing appended; then as the journal's style prints it.
        _mixed_citation(holder, item, "original").text = item["note"]
    _mixed_citation(holder, item, "formatted").text = entry["text"]
    holder.append(element_citation(item))
    if entry.get("alternative"):
        _mixed_citation(holder, item, "transliteration").text = entry["alternative"]
    return ref


def _mixed_citation(holder, item, form):
    return etree.SubElement(holder, "mixed-citation", {"publication-type": _pub_type(item), "specific-use": form})


def _pub_type(item):
    return CSL_TO_JATS_TYPE.get(item.get("type"), "other")


def element_citation(item):
    """The parsed fields of a CSL-JSON item as a JATS element-citation."""
    cite = etree.Element("element-citation", {"publication-type": _pub_type(item)})
    if item.get("author"):
        group = etree.SubElement(cite, "person-group", {"person-group-type": "author"})
        for author in item["author"]:
            if author.get("family"):
                name = etree.SubElement(group, "name")
                etree.SubElement(name, "surname").text = author["family"]
                if author.get("given"):
                    etree.SubElement(name, "given-names").text = author["given"]
            elif author.get("literal"):
                etree.SubElement(group, "string-name").text = author["literal"]
    is_part = bool(item.get("container-title"))
    if item.get("title"):
        etree.SubElement(cite, "article-title" if is_part else "source").text = item["title"]
    if is_part:
        etree.SubElement(cite, "source").text = item["container-title"]
    year = _year(item)
    if year:
        etree.SubElement(cite, "year").text = str(year)
    for key, tag in (("volume", "volume"), ("issue", "issue")):
        if item.get(key):
            etree.SubElement(cite, tag).text = str(item[key])
    if item.get("page"):
        first, _, last = str(item["page"]).partition("-")
        etree.SubElement(cite, "fpage").text = first.strip()
        if last.strip():
            etree.SubElement(cite, "lpage").text = last.strip()
    if item.get("number-of-pages"):
        etree.SubElement(cite, "size", units="pages").text = str(item["number-of-pages"])
    if item.get("publisher-place"):
        etree.SubElement(cite, "publisher-loc").text = item["publisher-place"]
    if item.get("publisher"):
        etree.SubElement(cite, "publisher-name").text = item["publisher"]
    if item.get("DOI"):
        etree.SubElement(cite, "pub-id", {"pub-id-type": "doi"}).text = item["DOI"]
    if item.get("URL"):
        # JATS4R: a link whose text is its address needs a title saying what it leads to.
        etree.SubElement(cite, "ext-link", {"ext-link-type": "uri", f"{{{XLINK}}}href": item["URL"],
                                            f"{{{XLINK}}}title": _link_title(item)}).text = item["URL"]
    return cite


def _link_title(item):
    """What a reference's link leads to: the cited work's title, else the site's name."""
    return item.get("title") or item.get("container-title") or urlsplit(item["URL"]).netloc or item["URL"]


def _year(item):
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return parts[0][0] if parts and parts[0] else None


def validate(xml, dtd_path, out):
    """Raise when the JATS does not validate against the DTD (checked offline)."""
    from .errors import InputError

    dtd = etree.DTD(str(dtd_path))
    doc = etree.fromstring(xml, parser())
    if not dtd.validate(doc):
        errors = "; ".join(str(e) for e in dtd.error_log.filter_from_errors()[:5])
        raise InputError(out, f"the JATS does not validate against {dtd_path}: {errors}",
                         "Report this as a bug in the JATS writer, with the article's source")
