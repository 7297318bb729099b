"""What every writer shares: the canonical article and its references, turned into the metadata
that the templates in styles/ read, and one way to run pandoc (sandboxed, through pypandoc).
"""

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import canonical, editorial
from .atomic import read_json
from .languages import label_text
from .paths import FILTERS, STYLES
from .titlecase import display_title, title_context

# The canonical body is written for exactly this reader: escaped text, Pandoc citations, headings
# with attributes, and no extension that could read author text as markup.
MARKDOWN = ("markdown-smart-fancy_lists-example_lists-raw_html-raw_tex-raw_attribute-tex_math_dollars"
            "-subscript-superscript-pandoc_title_block-auto_identifiers-implicit_figures-yaml_metadata_block")


# pandoc's runtime starts with a 64 MB heap (-H64m, built in): touching it costs an article's run
# about 20 ms of system time, more than a page of text. A small heap grows as the text needs.
# Its old generation, though, may grow to 8 MB before it is collected (-O8m; 1 MB by default):
# each full collection of pandoc costs about 8 ms however little is alive, and with 1 MB a writer's
# run made five to seven of them, half of its time (`+RTS -s`). With 8 MB it makes two.
PANDOC_RUNTIME = ("+RTS", "-H1m", "-O8m", "-RTS")


@dataclass
class Job:
    """One writer's inputs, loaded once."""

    slug: str
    metadata: dict
    body: str
    references: list
    config: dict
    editorial: dict | None = None  # galley.editorial's record: proof or final, what is missing, the issue's numbers


def load(canonical_path, references_path, config, plan_path=None, refuse=True):
    """A writer's job: the canonical article, its formatted references and the journal's configuration;
    with the issue's page plan (galley.pages), the article's pages from it. An article marked final
    with items missing is refused (galley.editorial.check) unless refuse is False (typesetting,
    whose page count the issue's plan needs)."""
    metadata, body = canonical.read(Path(canonical_path).read_text(encoding="utf-8"))
    slug = Path(canonical_path).stem
    references = read_json(references_path)
    state = references.get("editorial") or {}
    if refuse:
        editorial.check(state)
    # the issue file's volume, issue, year and date (article.yaml's own values were kept first)
    metadata = {**metadata, **state.get("issue", {})}
    if plan_path:
        from .pages import article_pages

        planned = article_pages(plan_path, slug)
        if planned:  # the plan keeps article.yaml's fpage; its lpage, when given, stays too
            metadata = {**metadata, "fpage": planned[0], "lpage": metadata.get("lpage") or planned[1]}
    return Job(slug, metadata, body, references["entries"], config, state)


def is_proof(job):
    return (job.editorial or {}).get("status", "proof") == "proof"


def author_name(author):
    return author.get("name") or " ".join(x for x in (author.get("given"), author.get("family")) if x)


def template_metadata(job):
    """Plain values for the templates: titles, abstracts, keywords per language, journal, refs."""
    meta, config, lang = job.metadata, job.config, job.metadata.get("lang", "en")
    mode = config.get("title_case", "sentence")
    context = title_context(meta, job.body)
    parts = meta.get("front", [])
    main = next((p for p in parts if p["lang"] == lang), {"lang": lang})
    others = [p for p in parts if p is not main]
    journal = config["journal"]
    titles = journal["titles"]
    journal_lang = lang if lang in titles else next(iter(titles))
    data = {
        "lang": lang,
        "slug": job.slug,
        "title": display_title(main.get("title", job.slug), context, mode),
        "pagetitle": display_title(main.get("title", job.slug), context, mode),
        "title-original": main.get("title", ""),
        "subtitle": display_title(main.get("subtitle", ""), context, mode),
        "trans-titles": [{"lang": p["lang"], "title": display_title(p["title"], context, mode),
                          "subtitle": display_title(p.get("subtitle", ""), context, mode)}
                         for p in others if p.get("title")],
        "abstract-main": _abstract(main) if main.get("abstract") else None,
        "trans-abstracts": [_abstract(p) for p in others if p.get("abstract")],
        "front-parts": [_front_part(p, context, mode) for p in [main, *others]
                        if p.get("abstract") or p.get("keywords")],
        "keyword-groups": [{"lang": p["lang"], "label": label_text(p["lang"], "keywords"), "terms": p["keywords"]}
                           for p in parts if p.get("keywords")],
        "authors": [_author(a) for a in meta.get("authors", [])],
        "affiliations": meta.get("affiliations", []),
        "journal": {
            "id": journal["id"],
            "title": titles[journal_lang],
            "lang": journal_lang,
            "trans-titles": [{"lang": k, "title": v} for k, v in titles.items() if k != journal_lang],
            "abbrev": journal.get("abbrev", ""),
            "issns": [{**issn, "pub-type": "ppub" if issn["format"] == "print" else "epub"}
                      for issn in journal.get("issn", [])],
            "publisher": journal.get("publisher", {}),
        },
        "refs": [{**r, "text": r["text"]} for r in job.references],
        "refs-title": label_text(lang, "references"),
        "labels": {key: label_text(lang, key) for key in ("udc", "irsti", "abstract", "keywords", "references",
                                                        "reference", "backlink", "pages", "authors_pending")},
        "license": meta.get("license") or config.get("license") or {},
        "identifier": _identifier(job),
    }
    for key in ("volume", "issue", "year", "fpage", "lpage", "doi", "classifications", "published"):
        if meta.get(key) not in (None, "", {}):
            data[key] = meta[key]
    if is_proof(job):
        # every galley of a proof says so: a PROOF mark, and what the editor has still to supply
        data["proof"] = {"mark": label_text(lang, "proof"), "missing-label": label_text(lang, "proof_missing"),
                         "missing": [m["item"] for m in job.editorial.get("missing", [])] if job.editorial else []}
    data["issue-line"] = issue_line(lang, data.get("volume"), data.get("issue"), data.get("year"))
    data["running-head"] = ", ".join(x for x in (data["journal"]["title"], data["issue-line"]) if x)
    return data


def _abstract(part):
    """An abstract for the templates: its paragraphs as printed, and a structured abstract's parts
    (JATS gives each a sec; the other outputs print the paragraphs, part labels included)."""
    return {"lang": part["lang"], "label": label_text(part["lang"], "abstract"), "paragraphs": part["abstract"],
            "sections": part.get("abstract_sections", []), "title": part.get("title", "")}


def _front_part(part, body, mode):
    lang = part["lang"]
    return {"lang": lang, "title": display_title(part.get("title", ""), body, mode),
            "subtitle": display_title(part.get("subtitle", ""), body, mode),
            "abstract-label": label_text(lang, "abstract"), "paragraphs": part.get("abstract", []),
            "keywords-label": label_text(lang, "keywords"), "keywords": part.get("keywords", [])}


def _author(author):
    return {**author, "display": author_name(author)}


def article_url(config, slug, ext):
    """Where the site (site.py) serves an article's file: <journal.url>/<slug>/<slug>.<ext>, absolute
    when the journal's URL is configured, else relative to the article's own page."""
    base = config["journal"].get("url", "").rstrip("/")
    return f"{base}/{slug}/{slug}.{ext}" if base else f"{slug}.{ext}"


def _identifier(job):
    doi = job.metadata.get("doi")
    if doi:
        return f"https://doi.org/{doi}"
    meta = job.metadata
    return f"urn:galley:{job.config['journal']['id']}:{meta.get('year', 'n.d.')}:{meta.get('issue', '0')}:{job.slug}"


def issue_line(lang, volume, issue, year):
    """"Т. 3, № 2, 2021", "Vol. 3, No. 2, 2021": volume, issue and year with the language's labels."""
    parts = []
    if volume:
        parts.append(f"{label_text(lang, 'volume')} {volume}")
    if issue:
        parts.append(f"{label_text(lang, 'issue')} {issue}")
    if year:
        parts.append(str(year))
    return ", ".join(parts)


def pandoc_metadata(value):
    """Template values for pandoc as filters/metadata.lua reads them: plain strings (pandoc escapes
    them for the output format), lists, maps and booleans; nothing empty."""
    if isinstance(value, dict):
        return {k: pandoc_metadata(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [pandoc_metadata(v) for v in value]
    if isinstance(value, bool):
        return value
    return str(value) if value or value == 0 else ""


def run_pandoc(job, to, output=None, template=None, filters=(), extra=(), metadata=None, variables=None):
    """pandoc in its sandbox on the canonical body (on its standard input), with the templates'
    metadata in a file that filters/metadata.lua reads first and the template's variables in a
    defaults file: nothing of the article on pandoc's command line, where one argument may hold
    at most 128 KB (an abstract, a JSON-LD block, can be longer)."""
    import pypandoc

    values = pandoc_metadata(metadata if metadata is not None else template_metadata(job))
    with tempfile.TemporaryDirectory(prefix="galley-") as tmp:
        meta_file = Path(tmp) / "metadata.json"
        meta_file.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
        defaults = Path(tmp) / "defaults.json"  # JSON is YAML, and pandoc reads no markup in a variable
        defaults.write_text(json.dumps({"variables": {"galley-metadata": str(meta_file), **(variables or {})}},
                                       ensure_ascii=False), encoding="utf-8")
        args = [*PANDOC_RUNTIME, "--sandbox", f"--defaults={defaults}", "--wrap=none"]
        args += [f"--lua-filter={FILTERS / f}" for f in ("metadata.lua", *filters)]
        if template:
            args += [f"--template={STYLES / template}"]
        args += list(extra)
        kwargs = {"outputfile": str(output)} if output else {}
        # verify_format=False: pypandoc would otherwise run pandoc twice more to list its formats.
        return pypandoc.convert_text(job.body, to, format=MARKDOWN, extra_args=args, verify_format=False, **kwargs)


def inline_css(name):
    """The stylesheet as a template variable, so the page needs no file beside it."""
    return {"inline-css": (STYLES / name).read_text(encoding="utf-8")}
