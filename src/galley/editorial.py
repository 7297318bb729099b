"""The editor's state of an article: a proof while anything needs the editor, final when nothing
does and the editor asks for it (`status: final` in article.yaml, or for every article in
sources/issue.yaml). What is missing is listed item by item, each with the key that supplies it.

The issue file's numbers and dates flow into every article here too: the citations stage writes
this record into work/references.json, which every writer reads (render.load), so no writer reads
the issue file itself.
"""

from pathlib import Path

from .errors import InputError
from .reference_entries import is_missing
from .settings import load_issue_file

ISSUE_KEYS = ("volume", "issue", "year", "published")
# What a journal's config may require before an article is final (config key `require`).
REQUIREMENTS = {
    "doi": ("a DOI", "doi in article.yaml (or doi_prefix and doi_suffix_pattern in the config)"),
    "issn": ("the journal's ISSN", "journal.issn in the config"),
    "published": ("a publication date", "published in article.yaml or in sources/issue.yaml"),
    "pages": ("pages", "fpage in article.yaml, or the article's slug in the 'articles' of sources/issue.yaml"),
}


def record(metadata, slug, config, issue_file, where):
    """{status, missing, issue, warnings} for one article; an InputError (naming `where`, the file to
    correct) when the editor asked for final and something is still missing."""
    issue = load_issue_file(issue_file) if issue_file else {}
    values = issue_values(metadata, issue)
    missing = missing_items(metadata, slug, config, issue, values)
    requested = metadata.get("status") or issue.get("status") or "proof"
    state = {"status": "final" if requested == "final" else "proof", "missing": missing,
             "issue": values, "warnings": mismatch_warnings(metadata, issue) + _unlisted(slug, issue, issue_file)}
    if requested == "final" and missing:
        # Told by the writers (check), not here: the article is still typeset, so that its page
        # count numbers the articles after it; only its galleys are refused.
        listed = "; ".join(f"{m['item']} (supply: {m['key']})" for m in missing)
        state["refused"] = {"path": str(where), "problem": f"the article is marked final but still needs the editor: "
                            f"{listed}", "fix": "Supply each item, or set status: proof to build it as a proof"}
    return state


def check(state):
    """An InputError when the editor asked for final and something is still missing."""
    refused = (state or {}).get("refused")
    if refused:
        raise InputError(refused["path"], refused["problem"], refused["fix"])


def issue_values(metadata, issue):
    """Volume, issue, year and publication date: article.yaml's first, then the issue file's, then
    what the article's running heads printed."""
    read_from_text = (metadata.get("source") or {}).get("from_text", {})
    values = {}
    for key in ISSUE_KEYS:
        own = metadata.get(key)
        if own not in (None, "") and key not in read_from_text:
            values[key] = own
        elif issue.get(key) not in (None, ""):
            values[key] = issue[key]
        elif own not in (None, ""):
            values[key] = own
    return values


def missing_items(metadata, slug, config, issue, values):
    numbers = [r["citation-label"] for r in metadata.get("references", []) if is_missing(r)]
    missing = [{"item": "references " + ", ".join(f"[{n}]" for n in numbers),
                "key": f"references (ids {', '.join(numbers)}) or references_file in article.yaml"}] if numbers else []
    source = metadata.get("source") or {}
    if not metadata.get("authors"):
        missing.append({"item": "authors", "key": "authors in article.yaml"})
    elif source.get("authors_from_text"):
        missing.append({"item": "authors, read from the text and not confirmed", "key": "authors in article.yaml"})
    supplied = {
        "doi": bool(metadata.get("doi") or (config.get("doi_prefix") and config.get("doi_suffix_pattern"))),
        "issn": bool(config["journal"].get("issn")),
        "published": bool(values.get("published")),
        "pages": bool(metadata.get("fpage") or slug in issue.get("articles", [])),
    }
    for need in config.get("require", []):
        if not supplied[need]:
            item, key = REQUIREMENTS[need]
            missing.append({"item": item, "key": key})
    return missing


def mismatch_warnings(metadata, issue):
    """The article's running heads against the issue file: a different year or number is told."""
    read_from_text = (metadata.get("source") or {}).get("from_text", {})
    return [{"rule": "issue-mismatch", "message": f"the running heads print {key} {seen}, the issue file gives "
             f"{issue[key]}: the issue file's is used; check which is right"}
            for key, seen in read_from_text.items()
            if issue.get(key) not in (None, "") and str(seen) != str(issue[key])]


def _unlisted(slug, issue, issue_file):
    if issue.get("articles") and slug not in issue["articles"]:
        return [{"rule": "issue-order", "message": f"{slug} is not in the 'articles' of {Path(issue_file).name}: "
                 "it is placed at the end of the issue; add it to the list"}]
    return []
