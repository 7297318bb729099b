"""The issue's pages: where each article starts and ends, and the page numbers (folios) to print.

An article whose article.yaml gives fpage keeps it; any other starts where the one before it
ended (the issue file's first_page for the first), its length its typeset PDF's page count. The
plan needs every article's page count, so the articles are typeset once, unnumbered, in parallel;
this stage then writes the plan (pages.json) and one small PDF holding each folio the issue prints,
set in the journal's type, which the folios stage lays onto each article's pages. No article is
typeset twice, and none waits for the one before it.
"""

from pathlib import Path

from .atomic import atomic_path, read_json, write_json
from .paths import STYLES
from .settings import load_issue_file

# Where the folio stands on an A4 page: the bottom margin of styles/print.css, centred.
FOLIO_BOX_MM = (20, 0, 190, 22)


def issue_order(issue, slugs):
    """The issue file's order, then the articles it does not list, by name."""
    listed = [slug for slug in issue.get("articles", []) if slug in slugs]
    return listed + sorted(slug for slug in slugs if slug not in listed)


def plan(issue, facts_by_slug):
    """[{slug, fpage, lpage, pages, from_metadata, overlaps}] in the issue's order."""
    page = int(issue.get("first_page", 1))
    entries = []
    for slug in issue_order(issue, list(facts_by_slug)):
        facts = facts_by_slug[slug]
        own = facts.get("numbered_from_metadata")
        first = int(facts["fpage"]) if own else page
        entry = {"slug": slug, "fpage": first, "lpage": first + facts["pages"] - 1, "pages": facts["pages"],
                 "from_metadata": bool(own)}
        if own and entries and first <= entries[-1]["lpage"]:
            entry["overlaps"] = entries[-1]["slug"]
        entries.append(entry)
        page = entry["lpage"] + 1
    return entries


def write(issue_file, facts, plan_out, folios_out):
    """pages.json ({slug: {fpage, lpage, pages}} and the order) and the folios' PDF, one page per
    page number the issue prints, from the articles' PDF facts (work/pdf.json, named by folder)."""
    issue = load_issue_file(issue_file) if issue_file else {}
    facts_by_slug = {Path(path).parent.parent.name: read_json(path) for path in facts}
    entries = plan(issue, facts_by_slug)
    numbers = sorted({n for e in entries for n in range(e["fpage"], e["lpage"] + 1)})
    write_json(plan_out, {"stage": "pages", "articles": entries, "folios": numbers})
    typeset_folios(numbers, folios_out)


def typeset_folios(numbers, out):
    """Each number on a page of its own, the size of the folio's box, in the footer's type."""
    import weasyprint

    left, bottom, right, top = FOLIO_BOX_MM
    css = (f"@page {{ size: {right - left}mm {top - bottom}mm; margin: 0; }}"
           "body { margin: 0; } p { margin: 0; height: 22mm; line-height: 22mm; text-align: center;"
           " font-family: 'PT Sans'; font-size: 9pt; break-after: page; }")
    body = "".join(f"<p>{n}</p>" for n in numbers) or "<p></p>"
    html = f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"
    with atomic_path(out) as tmp:
        weasyprint.HTML(string=html, base_url=str(STYLES), url_fetcher=_fetch_nothing).write_pdf(str(tmp))


def _fetch_nothing(url, *args, **kwargs):
    """The folios' page names no resource; whatever asks for one is refused."""
    raise ValueError(f"the folios' page fetches nothing ({url})")


def article_pages(plan_path, slug):
    """(fpage, lpage) of one article from pages.json, or None when the plan does not hold it."""
    for entry in read_json(plan_path)["articles"]:
        if entry["slug"] == slug:
            return entry["fpage"], entry["lpage"]
    return None
