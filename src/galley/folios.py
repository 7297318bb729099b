"""Writer's last step for the PDF: the issue's page numbers laid onto the typeset article.

The article was typeset unnumbered (its numbers depend on the articles before it); here each of its
pages gets its folio from the issue's folios PDF (galley.pages), as an artifact (no reader of the
tagged text meets it), and the PDF's page labels start at the article's first page, so a viewer
shows the printed numbers. In the PDF/A-3b variant the final JATS, which carries the same pages, is
attached here.
"""

from pathlib import Path

from .atomic import atomic_path
from .pages import FOLIO_BOX_MM, article_pages, read_json, typeset_folios

POINTS_PER_MM = 72 / 25.4


def write(typeset_pdf, plan_path, folios_pdf, config, jats_path, out, facts_path=""):
    """The article's pages numbered from the issue's plan (pages.json and its folios' PDF) when the
    issue file lists it; else from its own first page (article.yaml's fpage, or 1: its PDF facts),
    with folios typeset here for it alone."""
    import tempfile

    slug = Path(out).stem
    pages = article_pages(plan_path, slug) if plan_path else None
    if pages is not None:
        return number(typeset_pdf, pages, folios_pdf, read_json(plan_path)["folios"], config, jats_path, out)
    facts = read_json(facts_path) if facts_path else {"fpage": 1, "pages": None}
    with tempfile.TemporaryDirectory(prefix="galley-folios-") as tmp:
        import pikepdf

        with pikepdf.open(typeset_pdf) as pdf:
            count = len(pdf.pages)
        numbers = list(range(int(facts["fpage"]), int(facts["fpage"]) + count))
        typeset_folios(numbers, Path(tmp) / "folios.pdf")
        number(typeset_pdf, (numbers[0], numbers[-1]), Path(tmp) / "folios.pdf", numbers, config, jats_path, out)


def number(typeset_pdf, pages, folios_pdf, numbers, config, jats_path, out):
    """Lay folio pages[0] + n of folios_pdf (one page per number of `numbers`) onto page n."""
    import pikepdf

    with pikepdf.open(typeset_pdf) as pdf, pikepdf.open(folios_pdf) as folios:
        left, bottom = (v * POINTS_PER_MM for v in FOLIO_BOX_MM[:2])
        for n, page in enumerate(pdf.pages):
            folio = pdf.copy_foreign(folios.pages[numbers.index(pages[0] + n)].as_form_xobject())
            # a fixed name per page (pikepdf's are random; pages may share one resource dictionary),
            # and the page's own drawing in q … Q, so that the state it leaves cannot move the folio
            name = page.add_resource(folio, pikepdf.Name.XObject, name=pikepdf.Name(f"/GalleyFolio{n}"))
            page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
            # the folio is page furniture: an artifact of the page's own content, outside the tagged
            # text, where every reader of the page (a screen reader, a checker) looks for it
            page.contents_add(pdf.make_stream(f"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
                                              f"q 1 0 0 1 {left:.3f} {bottom:.3f} cm {name} Do Q\nEMC\n".encode()))
        pdf.Root.PageLabels = pdf.make_indirect(pikepdf.Dictionary(
            Nums=[0, pikepdf.Dictionary(S=pikepdf.Name.D, St=pages[0])]))
        if config.get("pdf_variant") == "pdf/a-3b" and jats_path:
            attach(pdf, Path(jats_path))
        with atomic_path(out) as tmp:
            pdf.save(str(tmp), deterministic_id=True)  # the same inputs give the same bytes


def attach(pdf, path):
    """The JATS as PDF/A-3's associated file: its source."""
    import pikepdf

    spec = pikepdf.AttachedFileSpec.from_filepath(pdf, path, description="JATS XML of the article",
                                                  relationship=pikepdf.Name.Source)
    # the file's dates from the article's PDF, not the clock: a rebuild gives the same bytes
    date = pdf.docinfo.get("/CreationDate") or pdf.docinfo.get("/ModDate")
    params = spec.obj.EF.F.Params
    for key in ("/CreationDate", "/ModDate"):
        if date is not None:
            params[key] = date
        elif key in params:
            del params[key]
    pdf.attachments[path.name] = spec
    pdf.Root.AF = pdf.make_indirect(pikepdf.Array([spec.obj]))
