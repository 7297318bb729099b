"""Where files are: the project's own templates and stylesheets (styles/) and pandoc Lua filters
(filters/) that the writers use, and the outputs of an article that the issue reads. Light to import:
the Snakefile reads it on every run, even one with nothing to do."""

from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
STYLES = PROJECT / "styles"
FILTERS = PROJECT / "filters"


GALLEYS = ("xml", "pdf", "epub", "html")


@dataclass
class ArticleFiles:
    """What the issue reads of one article: the outputs of the article's rules."""

    slug: str
    canonical: Path | None = None
    references: Path | None = None
    report: Path | None = None
    pdf_facts: Path | None = None
    galleys: dict | None = None  # extension → path, in GALLEYS' order

    @classmethod
    def in_folder(cls, folder):
        """An article's files where a build puts them (output/<slug>/), for the command line."""
        folder = Path(folder)
        slug = folder.name
        return cls(slug, canonical=folder / f"{slug}.md", references=folder / "work" / "references.json",
                   report=folder / f"{slug}.report.json", pdf_facts=folder / "work" / "pdf.json",
                   galleys={ext: folder / f"{slug}.{ext}" for ext in GALLEYS})
