"""Writer: the typeset PDF. pandoc makes print HTML (styles/print.html, styles/print.css) and
WeasyPrint lays it out: tagged PDF/UA-1 by default, or PDF/A-3b with the JATS XML attached.

Only this writer imports WeasyPrint (it costs most of a second), and WeasyPrint may read nothing
but the project's styles and the system's fonts.
"""

from pathlib import Path

from . import line_ends, render, tagged_pdf
from .atomic import atomic_path, write_json
from .errors import InputError
from .languages import all_languages, label_text
from .paths import STYLES

FILTERS = ["citations.lua", "references.lua", "front-matter.lua"]


def write(canonical_path, references_path, config, jats_path, out, facts_out=None):
    job = render.load(canonical_path, references_path, config, refuse=False)  # its pages number the next
    limit = job.config.get("pdf_max_megabytes", 4)
    size = len(job.body.encode("utf-8")) / 1_000_000
    if size > limit:
        # WeasyPrint lays out every page in memory: thousands of pages would take gigabytes.
        raise InputError(canonical_path, f"the article's text is {size:.1f} MB, more than the {limit} MB "
                         "the PDF stage typesets", "Split the article, or raise pdf_max_megabytes in the config; "
                         "the JATS, EPUB and HTML are built all the same")
    html = print_html(job)
    pages, hyphenation = render_pdf(html, job, jats_path, out)
    if facts_out:
        first = int(job.metadata.get("fpage", 1))
        write_json(facts_out, {"stage": "pdf", "pages": pages, "fpage": first, "lpage": first + pages - 1,
                               "numbered_from_metadata": "fpage" in job.metadata, "hyphenation": hyphenation})


def print_html(job):
    metadata = render.template_metadata(job)
    if job.metadata.get("fpage"):
        metadata["first-page"] = int(job.metadata["fpage"])  # WeasyPrint resets after counting the page
    return render.run_pandoc(job, "html5", template="print.html", filters=FILTERS, metadata=metadata,
                             extra=["--shift-heading-level-by=1", "--standalone"],
                             variables=render.inline_css("print.css"))


def render_pdf(html, job, jats_path, out):
    """The PDF written to out; its page count, and what keeping the hyphenation rules took."""
    import weasyprint

    variant = job.config.get("pdf_variant", "pdf/ua-1")
    # laid out again where a hyphen breaks a rule (galley.line_ends): the pages are the final layout's
    document, hyphenation = line_ends.typeset(weasyprint.HTML(string=html, base_url=str(STYLES),
                                                              url_fetcher=local_fetcher))
    # Tagged in either variant: PDF/A-3b does not ask for tags, but readers with screen readers do.
    options = {"pdf_variant": variant, "uncompressed_pdf": False, "custom_metadata": True}
    if variant == "pdf/a-3b" and jats_path:  # in the build, the folios stage attaches the final JATS
        options["attachments"] = [weasyprint.Attachment(filename=str(jats_path), name=Path(jats_path).name,
                                                        description="JATS XML of the article",
                                                        relationship="Source")]
    with atomic_path(out) as tmp:
        tagged_pdf.write(document, tmp, link_labels(job), **options)
    return len(document.pages), hyphenation


def warm_up():
    """What a process's first PDF loads, loaded once in the parent of a build's workers
    (galley.warm): the hyphenation patterns of every language that has them (pyphen keeps them per
    process), and, through one small page typeset and written as an article is, the print
    stylesheet's fonts and the C declarations WeasyPrint parses on first use. A worker's first PDF
    took 0.2 s longer than the next."""
    import tempfile

    import pyphen
    import weasyprint

    paragraphs = []
    for code, data in all_languages().items():
        if data.get("hyphenation"):
            pyphen.Pyphen(lang=data["hyphenation"])
        letters = data["alphabet"]
        paragraphs.append(f'<p lang="{code}">{letters} <i>{letters}</i> <b>{letters}</b></p>')
    css = (STYLES / "print.css").read_text(encoding="utf-8")
    html = f"<html><head><style>{css}</style></head><body><h1>galley</h1>{''.join(paragraphs)}</body></html>"
    document = line_ends.typeset(weasyprint.HTML(string=html, base_url=str(STYLES), url_fetcher=local_fetcher))[0]
    with tempfile.TemporaryDirectory(prefix="galley-") as tmp:
        tagged_pdf.write(document, Path(tmp) / "warm.pdf", {}, pdf_variant="pdf/ua-1", uncompressed_pdf=False,
                         custom_metadata=True)


def link_labels(job):
    """{destination: what a screen reader says a link leads to}: "Reference 3" for each entry of the
    reference list, in the article's language."""
    word = label_text(job.metadata.get("lang", "en"), "reference")
    return {ref["id"]: f"{word} {ref.get('label') or ref['id']}" for ref in job.references}


def local_fetcher(url, timeout=10, ssl_context=None):
    """Fetch only files under styles/; anything else (the network, /etc/passwd) is refused."""
    import weasyprint

    if url.startswith("file://"):
        path = Path(url[len("file://"):]).resolve()
        if path.is_relative_to(STYLES.resolve()):
            return weasyprint.default_url_fetcher(url, timeout, ssl_context)
    raise InputError(url, "the article refers to a resource outside the project's styles",
                     "Remove the reference; outputs may only use files from styles/")
