"""Writer: a Crossref deposit (schema 5.3.1) per article, from the same canonical metadata.

Written when the config has a DOI prefix and Crossref's requirements are met (missing_keys: the
depositor, the site's address, a DOI from no empty part, a publication date, an issue or volume);
otherwise the build's report names the keys to supply. Every language's title and abstract goes in: the
main title first, the translations as further <titles>, and one jats:abstract per language with
xml:lang. The citation list carries each reference as printed (unstructured) and its DOI.
"""

import os
import time
from pathlib import Path
from string import Formatter

from lxml import etree

from . import render
from .atomic import write_bytes, write_json
from .errors import InputError

CROSSREF = "http://www.crossref.org/schema/5.3.1"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{CROSSREF} https://www.crossref.org/schemas/crossref5.3.1.xsd"


def write(canonical_path, references_path, config, out, facts_out=None, plan=None):
    """The article's deposit at out when it is final and the journal and the article give everything
    Crossref requires. A proof is never deposited; in a build (facts_out) an article that lacks what
    Crossref requires gets a warning naming the keys to supply, and on the command line an error that
    names them. A deposit left from an earlier build that no longer qualifies goes."""
    job = render.load(canonical_path, references_path, config, plan)
    proof = render.is_proof(job)
    missing = [] if proof else missing_keys(job)
    if facts_out is None and not proof:
        write_bytes(out, deposit(job, out))
        return
    if proof or missing:
        Path(out).unlink(missing_ok=True)
    else:
        write_bytes(out, deposit(job, out))
    if facts_out:
        write_json(facts_out, {"stage": "crossref", "status": "proof" if proof else "final",
                               "deposited": not (proof or missing), "deposit": None if proof or missing else str(out),
                               "warnings": [not_deposited(job.slug, missing)] if missing else []})


def not_deposited(slug, missing):
    return {"rule": "crossref", "keys": missing,
            "message": f"no Crossref deposit for {slug}: supply {', '.join(missing)} (article.yaml, or the config "
                       "for the journal's and depositor's keys) and rebuild"}


def missing_keys(job):
    """The keys to supply for what Crossref requires and neither the config nor the article gives: the
    depositor, the site's address (the DOI's resource), the DOI or every part of the journal's DOI
    pattern, a publication date and an issue or volume."""
    config, meta = job.config, job.metadata
    missing = [f"crossref.{key}" for key in ("depositor_name", "email") if not config.get("crossref", {}).get(key)]
    if not config["journal"].get("url"):
        missing.append("journal.url")
    if not meta.get("doi"):
        if not (config.get("doi_prefix") and config.get("doi_suffix_pattern")):
            missing.append("doi")
        else:
            values = _suffix_values(job)
            missing += [name for name in _pattern_fields(config) if not values.get(name)]
    if not (meta.get("published") or meta.get("year")):
        missing.append("year")
    if not (meta.get("issue") or meta.get("volume")):
        missing.append("issue")
    return list(dict.fromkeys(missing))


def _pattern_fields(config):
    return [name for _, name, _, _ in Formatter().parse(config["doi_suffix_pattern"]) if name]


def _suffix_values(job):
    meta = job.metadata
    return {"journal": job.config["journal"]["id"], "year": meta.get("year"), "issue": meta.get("issue"),
            "volume": meta.get("volume"), "slug": job.slug}


def article_doi(job):
    """The DOI from article.yaml, else one made by the journal's configured pattern from parts that are
    all there (never from empty ones), else None."""
    if job.metadata.get("doi"):
        return job.metadata["doi"]
    pattern, prefix = job.config.get("doi_suffix_pattern"), job.config.get("doi_prefix")
    if not (prefix and pattern):
        return None
    values = _suffix_values(job)
    if any(not values.get(name) for name in _pattern_fields(job.config)):
        return None
    return f"{prefix}/{pattern.format(**{k: v if v is not None else '' for k, v in values.items()})}"


def deposit(job, out):
    return batch([job], out, f"{job.config['journal']['id']}-{job.slug}")


def issue_deposit(config, entries, articles, out):
    """One deposit for the whole issue: a journal_article per article of the contents (entries, in
    the issue's order, with their pages, computed ones included), under one journal_issue; or, when
    an article lacks what Crossref requires, None and the warnings naming what to supply."""
    by_slug = {a.slug: a for a in articles}
    jobs = [render.load(by_slug[e["slug"]].canonical, by_slug[e["slug"]].references, config) for e in entries]
    warnings = [not_deposited(job.slug, missing) for job in jobs if (missing := missing_keys(job))]
    if warnings:
        return None, warnings
    pages = {e["slug"]: (e["fpage"], e["lpage"]) for e in entries}
    return batch(jobs, out, f"{jobs[0].config['journal']['id']}-issue", pages), []


def batch(jobs, out, batch_name, pages=None):
    for job in jobs:
        if missing := missing_keys(job):
            raise InputError(out, f"{job.slug} cannot be deposited: Crossref requires {', '.join(missing)}",
                             "Supply them in its article.yaml, or in the config for journal and depositor keys")
    dois = [article_doi(job) for job in jobs]
    first = render.template_metadata(jobs[0])
    root = _element(None, "doi_batch", version="5.3.1")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    _head(root, jobs[0], batch_name)
    journal = _element(_element(root, "body"), "journal")
    _journal_metadata(journal, first)
    _journal_issue(journal, first)
    for job, doi in zip(jobs, dois):
        data = render.template_metadata(job)
        if pages:
            data["fpage"], data["lpage"] = pages[job.slug]
        _journal_article(journal, job, data, doi)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _element(parent, tag, text=None, **attributes):
    name = tag if tag.startswith("{") else f"{{{CROSSREF}}}{tag}"
    if parent is None:
        element = etree.Element(name, nsmap={None: CROSSREF, "jats": JATS, "xsi": XSI})
    else:
        element = etree.SubElement(parent, name)
    for key, value in attributes.items():
        element.set(key, str(value))
    if text is not None:
        element.text = str(text)
    return element


def _head(root, job, batch_name):
    depositor = job.config.get("crossref", {})
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    head = _element(root, "head")
    _element(head, "doi_batch_id", f"{batch_name}-{stamp}")
    _element(head, "timestamp", time.strftime("%Y%m%d%H%M%S", time.gmtime(stamp)))
    who = _element(head, "depositor")
    _element(who, "depositor_name", depositor.get("depositor_name", ""))
    _element(who, "email_address", depositor.get("email", ""))
    _element(head, "registrant", depositor.get("registrant", data_publisher(job)))


def data_publisher(job):
    return job.config["journal"].get("publisher", {}).get("name", job.config["journal"]["id"])


def _journal_metadata(journal, data):
    meta = _element(journal, "journal_metadata", language=data["journal"]["lang"])
    _element(meta, "full_title", data["journal"]["title"])
    if data["journal"]["abbrev"]:
        _element(meta, "abbrev_title", data["journal"]["abbrev"])
    for issn in data["journal"]["issns"]:
        _element(meta, "issn", issn["value"], media_type=issn["format"])


def _publication_date(parent, data):
    date = _element(parent, "publication_date", media_type="print")
    published = str(data.get("published") or data.get("year") or "").split("-")
    if len(published) > 1:
        _element(date, "month", published[1])
    if len(published) > 2:
        _element(date, "day", published[2])
    _element(date, "year", published[0])


def _journal_issue(journal, data):
    issue = _element(journal, "journal_issue")
    _publication_date(issue, data)
    if data.get("volume"):
        _element(_element(issue, "journal_volume"), "volume", data["volume"])
    if data.get("issue"):
        _element(issue, "issue", data["issue"])


def _journal_article(journal, job, data, doi):
    article = _element(journal, "journal_article", publication_type="full_text", language=data["lang"])
    for title, subtitle in [(data["title"], data.get("subtitle"))] + [(t["title"], t.get("subtitle"))
                                                                       for t in data["trans-titles"]]:
        titles = _element(article, "titles")
        _element(titles, "title", title)
        if subtitle:
            _element(titles, "subtitle", subtitle)
    _contributors(article, data)
    for part in [data["abstract-main"], *data["trans-abstracts"]]:
        if part:
            abstract = _element(article, f"{{{JATS}}}abstract")
            abstract.set(XML_LANG, part["lang"])
            for paragraph in part["paragraphs"]:
                _element(abstract, f"{{{JATS}}}p", paragraph)
    _publication_date(article, data)
    if data.get("fpage"):
        pages = _element(article, "pages")
        _element(pages, "first_page", data["fpage"])
        if data.get("lpage"):
            _element(pages, "last_page", data["lpage"])
    doi_data = _element(article, "doi_data")
    _element(doi_data, "doi", doi)
    _element(doi_data, "resource", render.article_url(job.config, job.slug, "html"))
    _citations(article, job)


def _contributors(article, data):
    if not data["authors"]:
        return
    contributors = _element(article, "contributors")
    affiliations = {a["id"]: a for a in data["affiliations"]}
    for n, author in enumerate(data["authors"]):
        if not author.get("family"):  # an editor's 'name' is a group's (names from the text are split)
            _element(contributors, "organization", author["display"], sequence="first" if n == 0 else "additional",
                     contributor_role="author")
            continue
        person = _element(contributors, "person_name", sequence="first" if n == 0 else "additional",
                          contributor_role="author")
        if author.get("given"):
            _element(person, "given_name", author["given"])
        _element(person, "surname", author["family"])
        names = [affiliations[a]["name"] for a in author.get("affiliations", []) if a in affiliations]
        if names:
            holder = _element(person, "affiliations")
            for name in names:
                _element(_element(holder, "institution"), "institution_name", name)
        if author.get("orcid"):
            _element(person, "ORCID", f"https://orcid.org/{author['orcid']}", authenticated="false")


def _citations(article, job):
    present = [r for r in job.references if not r["missing"]]
    if not present:
        return
    items = {r["id"]: r for r in job.metadata.get("references", [])}
    citations = _element(article, "citation_list")
    for ref in present:
        citation = _element(citations, "citation", key=ref["id"])
        if items.get(ref["id"], {}).get("DOI"):
            _element(citation, "doi", items[ref["id"]]["DOI"])
        _element(citation, "unstructured_citation", ref["text"])
