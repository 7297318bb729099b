"""Writer's last step for the PDF: the issue's page numbers laid onto the typeset article.

The article was typeset unnumbered (its numbers depend on the articles before it); here each of its
pages gets its folio from the issue's folios PDF (galley.pages), as an artifact (no reader of the
tagged text meets it), and the PDF's page labels start at the article's first page, so a viewer
shows the printed numbers. In the PDF/A-3b variant the final JATS, which carries the same pages, is
attached here.
"""

import shutil
from pathlib import Path

from .atomic import atomic_path
from .pages import FOLIO_BOX_MM, article_pages, read_json

POINTS_PER_MM = 72 / 25.4


def write(typeset_pdf, plan_path, folios_pdf, config, jats_path, out):
    import pikepdf

    slug = Path(out).stem
    pages = article_pages(plan_path, slug)
    if pages is None:  # not in the plan (a build of this article alone): left unnumbered
        with atomic_path(out) as tmp:
            shutil.copyfile(typeset_pdf, tmp)
        return
    numbers = read_json(plan_path)["folios"]
    with pikepdf.open(typeset_pdf) as pdf, pikepdf.open(folios_pdf) as folios:
        box = pikepdf.Rectangle(*(v * POINTS_PER_MM for v in FOLIO_BOX_MM))
        for n, page in enumerate(pdf.pages):
            folio = pdf.copy_foreign(folios.pages[numbers.index(pages[0] + n)].as_form_xobject())
            # the footer is page furniture: an artifact, outside the tagged text
            folio.write(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n" + folio.read_bytes() + b"\nEMC\n")
            page.add_overlay(folio, box)
        pdf.Root.PageLabels = pdf.make_indirect(pikepdf.Dictionary(
            Nums=[0, pikepdf.Dictionary(S=pikepdf.Name.D, St=pages[0])]))
        if config.get("pdf_variant") == "pdf/a-3b" and jats_path:
            attach(pdf, Path(jats_path))
        with atomic_path(out) as tmp:
            pdf.save(str(tmp))


def attach(pdf, path):
    """The JATS as PDF/A-3's associated file: its source."""
    import pikepdf

    spec = pikepdf.AttachedFileSpec.from_filepath(pdf, path, description="JATS XML of the article",
                                                  relationship=pikepdf.Name.Source, mime_type="application/xml")
    pdf.attachments[path.name] = spec
    pdf.Root.AF = pdf.make_indirect(pikepdf.Array([spec.obj]))
