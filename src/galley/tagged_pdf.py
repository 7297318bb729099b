"""What WeasyPrint's tagged PDF does not say, for screen readers (PDF/UA-1):

- the language of every structure element whose text is not in the document's language (an
  abstract in another language): `/Lang`, given while WeasyPrint builds its structure tree (the
  one part that needs WeasyPrint's boxes, which know each text's language);
- running heads and page numbers as pagination artifacts, not text read out mid-sentence;
- where each link leads, in its annotation's `/Contents` ("Reference 3" in the document's language).

WeasyPrint builds the tree of the margin boxes (running heads, page numbers) but links it nowhere:
their marked content is text that belongs to no element. The last two are made after WeasyPrint has
written the file, with pikepdf.
"""

import logging
import re

import pikepdf
import pydyf

# A marked-content sequence as WeasyPrint opens it ("/Span << /MCID 7 >> BDC"); its text is written
# as hex strings, so no text can look like one.
MARKED_CONTENT = re.compile(rb"/[^\s/<>\[\]()]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
PAGINATION = b"/Artifact << /Type /Pagination >> BDC"
# pikepdf says at INFO level that it has started; the build log is for the article.
logging.getLogger("pikepdf").setLevel(logging.WARNING)


def write(document, path, link_labels, **options):
    """A WeasyPrint document written tagged, with what WeasyPrint's tags lack."""
    import weasyprint.pdf.tags

    mark_languages(weasyprint.pdf.tags)
    document.write_pdf(str(path), pdf_tags=True, **options)
    finish(path, link_labels)


def mark_languages(tags_module):
    """Wrap WeasyPrint's builder of structure elements (weasyprint.pdf.tags._build_box_tree, which
    calls itself through the module, so every level passes here) to give each element the language
    of its box. An element is built after its children, so whether a child differs from its parent
    is only known once the tree is whole: finish() then drops every /Lang that repeats the inherited
    one. Done once per process."""
    original = tags_module._build_box_tree
    if getattr(original, "marks_languages", False):
        return

    def build_box_tree(box, *args):
        lang = getattr(box, "style", None) and box.style["lang"]
        for element in original(box, *args):
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    build_box_tree.marks_languages = True
    tags_module._build_box_tree = build_box_tree


def finish(path, link_labels):
    """Margin boxes as artifacts and links that say where they lead, in the written file."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        drop_inherited_languages(pdf)
        mark_margin_boxes_as_artifacts(pdf)
        describe_links(pdf, link_labels)
        pdf.save(path, deterministic_id=True)  # the same text gives the same file


def kids(node):
    """A structure node's child elements (not its marked-content ids or annotation references)."""
    found = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    found = [] if found is None else found if isinstance(found, pikepdf.Array) else [found]
    return [kid for kid in found if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR"]


def drop_inherited_languages(pdf):
    """Keep /Lang only where an element's language differs from the one it inherits."""
    stack = [(kid, str(pdf.Root.get("/Lang", ""))) for kid in kids(pdf.Root.StructTreeRoot)]
    while stack:
        element, inherited = stack.pop()
        lang = str(element.get("/Lang", inherited))
        if "/Lang" in element and lang == inherited:
            del element["/Lang"]
        stack.extend((kid, lang) for kid in kids(element))


def structure_elements(pdf):
    """The object ids of every element reachable from the structure tree's root."""
    found, stack = set(), [pdf.Root.StructTreeRoot]
    while stack:
        for kid in kids(stack.pop()):
            if kid.objgen not in found:
                found.add(kid.objgen)
                stack.append(kid)
    return found


def page_content_parents(pdf):
    """{StructParents key: the page's array of MCID -> element} from the parent tree (flat /Nums)."""
    nums = pdf.Root.StructTreeRoot.ParentTree.get("/Nums", [])
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def mark_margin_boxes_as_artifacts(pdf):
    reachable = structure_elements(pdf)
    parents = page_content_parents(pdf)
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        elements = parents.get(int(key)) if key is not None else None
        if not isinstance(elements, pikepdf.Array):
            continue
        unlinked = {mcid for mcid, element in enumerate(elements)
                    if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable}
        if not unlinked:
            continue
        page.obj.Contents = pdf.make_stream(as_artifacts(contents_bytes(page), unlinked))
        for mcid in unlinked:
            elements[mcid] = None  # null: an artifact belongs to no element


def contents_bytes(page):
    contents = page.obj.Contents
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


def as_artifacts(content, mcids):
    """The content stream with the sequences of these marked-content ids opened as pagination
    artifacts: rewritten as bytes, as parsing every operator of the page costs ten times more."""
    def mark(match):
        return PAGINATION if int(match.group(1)) in mcids else match.group(0)

    return MARKED_CONTENT.sub(mark, content)


def describe_links(pdf, link_labels):
    """Each link's /Contents: the label of the place it leads to, or the address it opens."""
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            destination = annotation.get("/Dest")
            action = annotation.get("/A")
            if isinstance(destination, pikepdf.String) and str(destination) in link_labels:
                annotation.Contents = pikepdf.String(link_labels[str(destination)])
            elif action is not None and "/URI" in action:
                annotation.Contents = pikepdf.String(str(action.URI))
