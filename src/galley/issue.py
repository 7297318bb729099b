"""The issue: its articles in the issue file's order, consecutive pages, a table of contents
(HTML and PDF), an archive of every galley, and an issue-wide Crossref deposit.

Pages: an article whose article.yaml gives fpage keeps it; any other starts where the one before
it ended, its length taken from its PDF's page count. A proof keeps its place in that plan, so
that the pages of the final articles after it do not move when it is published; the contents
(toc.html, toc.pdf) list the final articles only, so a proof's pages are a gap in them until it is
final. toc.json and the archive hold every article, each with its status, for the editor.
"""

import json
import zipfile
from pathlib import Path

from . import canonical, pages, render
from .atomic import atomic_path, read_json, write_bytes, write_json
from .errors import InputError
from .languages import label_text
from .paths import GALLEYS, STYLES
from .settings import load_issue_file
from .titlecase import display_title, title_context


def write(config, issue_file, out_dir, articles):
    """The issue's contents, archive and deposit from its articles' outputs (ArticleFiles)."""
    issue = load_issue_file(issue_file)
    out = Path(out_dir)
    entries, warnings = table_of_contents(config, issue, articles, issue_file)
    deposit = None
    final = [e for e in entries if e["status"] == "final"]
    if config.get("doi_prefix") and final:
        from .crossref import issue_deposit

        # Proofs are never deposited. The final articles are, when each gives what Crossref requires;
        # else toc.json says what to supply.
        deposit, missing = issue_deposit(config, final, articles, out)
        warnings += missing
    toc = {"journal": config["journal"], "issue": issue, "articles": entries, "warnings": warnings}
    write_json(out / "toc.json", toc)
    html = render_toc(toc, link_prefix="../")
    with atomic_path(out / "toc.html") as tmp:
        tmp.write_text(html, encoding="utf-8")
    typeset_toc(html, out / "toc.pdf")
    archive(entries, articles, out / "galleys.zip")
    if deposit:
        write_bytes(out / "crossref.xml", deposit)
    else:
        (out / "crossref.xml").unlink(missing_ok=True)  # stale: from before the metadata went missing


def table_of_contents(config, issue, articles, issue_file):
    by_slug = {a.slug: a for a in articles}
    listed = issue.get("articles", [])
    unknown = [slug for slug in listed if slug not in by_slug]
    if unknown:
        raise InputError(issue_file, f"the issue lists {', '.join(unknown)}, which are not articles under sources/",
                         "Correct the slugs in the issue file's 'articles' list")
    order = pages.issue_order(issue, list(by_slug))
    warnings = [{"rule": "issue-order", "message": f"{slug} is not in the issue file's list; placed at the end"}
                for slug in order[len(listed):]] if listed else []
    entries = []
    for planned in pages.plan(issue, {slug: read_json(by_slug[slug].pdf_facts) for slug in order}):
        slug = planned["slug"]
        entry = _entry(by_slug[slug], config.get("title_case", "sentence"))
        entry["fpage"], entry["lpage"] = planned["fpage"], planned["lpage"]
        if not planned["from_metadata"]:
            entry["pages_computed"] = True
        if planned.get("overlaps"):
            before = entries[-1]
            warnings.append({"rule": "issue-pages", "message": (
                f"{slug} starts on page {entry['fpage']} (its article.yaml), inside {before['slug']}'s "
                f"pages {before['fpage']}-{before['lpage']}; correct fpage in one of them")})
        entries.append(entry)
    return entries, warnings


def _entry(article, title_case):
    slug = article.slug
    metadata, body = canonical.read(Path(article.canonical).read_text(encoding="utf-8"))
    report = read_json(article.report)
    context = title_context(metadata, body)
    titles = [{"lang": p["lang"], "title": display_title(p["title"], context, title_case),
               "subtitle": display_title(p.get("subtitle", ""), context, title_case)}
              for p in metadata.get("front", []) if p.get("title")]
    authors = [render.author_name(a) for a in metadata.get("authors", [])]
    state = read_json(article.references).get("editorial") or {}
    return {"slug": slug, "lang": metadata.get("lang", ""), "titles": titles or [{"lang": "", "title": slug}],
            "authors": authors, "doi": metadata.get("doi", ""), "warnings": report["summary"]["warnings"],
            "status": state.get("status", "proof"), "missing": [m["item"] for m in state.get("missing", [])]}


def render_toc(toc, link_prefix, proofs=False):
    """The table of contents as a page (styles/toc.html), links relative to where it will stand.
    The issue is its final articles; with proofs (the site's index), its proofs follow, apart under
    their own heading: a reader never takes one for a published article, the editor finds it."""
    journal = toc["journal"]
    issue = toc["issue"]
    lang = issue.get("lang") or next(iter(journal["titles"]))
    line = render.issue_line(lang, issue.get("volume"), issue.get("issue"), issue.get("year"))

    def listed(status):
        return [{**a, "title": a["titles"][0]["title"], "title-lang": a["titles"][0]["lang"],
                 "subtitle": a["titles"][0].get("subtitle", ""),
                 "trans-titles": a["titles"][1:], "pages": _pages(a),
                 "href": f"{link_prefix}{a['slug']}/{a['slug']}", "authors": ", ".join(a["authors"])}
                for a in toc["articles"] if a["status"] == status]

    metadata = {
        "lang": lang, "journal-title": journal["titles"].get(lang, next(iter(journal["titles"].values()))),
        "issue-line": line, "pagetitle": f"{journal['titles'].get(lang, '')} {line}".strip(),
        "articles": listed("final"),
        "proofs": listed("proof") if proofs else [], "proofs-title": label_text(lang, "proofs"),
    }
    job = render.Job("toc", {}, "", [], {})
    return render.run_pandoc(job, "html5", template="toc.html", metadata=metadata,
                             extra=["--standalone"],
                             variables=render.inline_css("toc.css"))


def _pages(entry):
    first, last = entry["fpage"], entry["lpage"]
    return str(first) if first == last else f"{first}–{last}"


def typeset_toc(html, out):
    import weasyprint

    from . import tagged_pdf
    from .pdf import local_fetcher

    document = weasyprint.HTML(string=html, base_url=str(STYLES), url_fetcher=local_fetcher).render()
    with atomic_path(out) as tmp:
        tagged_pdf.write(document, tmp, {}, pdf_variant="pdf/ua-1")


def archive(entries, articles, out):
    """Every galley of the issue in one zip, article by article, in the issue's order."""
    by_slug = {a.slug: a for a in articles}
    with atomic_path(out) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for n, entry in enumerate(entries, 1):
                slug = entry["slug"]
                for ext in GALLEYS:
                    path = Path(by_slug[slug].galleys[ext])
                    info = zipfile.ZipInfo(f"{n:02d}-{slug}/{path.name}", date_time=(1980, 1, 1, 0, 0, 0))
                    # PDF and EPUB are compressed already: deflating them again costs time for nothing.
                    info.compress_type = zipfile.ZIP_STORED if ext in ("pdf", "epub") else zipfile.ZIP_DEFLATED
                    zf.writestr(info, path.read_bytes())
            manifest = zipfile.ZipInfo("toc.json", date_time=(1980, 1, 1, 0, 0, 0))
            zf.writestr(manifest, json.dumps(entries, ensure_ascii=False, indent=2))
