"""What the editor supplies in article.yaml (and a references file beside it), merged with what the
structure stage read from the text: the editor's word wins, the text's raw entries stay, and what
neither gives is a warning for the editor.
"""

import json
from pathlib import Path

from .errors import InputError
from .names import split_name
from .reference_entries import is_missing
from .settings import check_url, line_of, load_editor_metadata, parse_yaml, schema_problem


def load(editor_yaml):
    """The editor's article.yaml, validated, with the entries of its references_file first; {} when
    there is none."""
    supplied = load_editor_metadata(editor_yaml)
    check_references(supplied.get("references", []), editor_yaml, ["references"])
    if supplied.get("references_file"):
        supplied["references"] = load_references_file(Path(editor_yaml).parent / supplied["references_file"],
                                                      editor_yaml) + supplied.get("references", [])
    return supplied


def check_references(items, path, keys=()):
    """Each entry in the shapes the formatter reads (data/csl-item.schema.yaml), checked before it
    runs: an entry with no type, a name that is a string, a year that is a bare number would end in
    citeproc-py's traceback. keys: where the list stands in a YAML file, to give the line."""
    for n, item in enumerate(items):
        problem = None if is_missing(item) else schema_problem(item, "csl-item.schema.yaml")
        if problem:
            key, message = problem
            entry = f"entry {n + 1}" + (f" (id {item['id']!r})" if isinstance(item, dict) and "id" in item else "")
            raise InputError(path, f"{entry}, key '{key}': {message}",
                             f"Correct '{key}' of that entry as CSL items are written "
                             "(csl-item.schema.yaml says which shapes are read)",
                             line=line_of(path, [*keys, n, *key.split(".")[:1]]) if keys else None)


def load_references_file(path, editor_yaml):
    """CSL items from a CSL-JSON, CSL-YAML or BibTeX file beside article.yaml, numbered for citations."""
    if not path.exists():
        raise InputError(editor_yaml, f"references_file names {path.name}, which is not there",
                         f"Put {path.name} beside article.yaml or remove the key")
    if not path.resolve().is_relative_to(Path(editor_yaml).resolve().parent):
        raise InputError(editor_yaml, f"references_file {path.name} leads outside the article's folder",
                         "Put a real file, not a link to elsewhere, beside article.yaml")
    if not path.is_file():
        raise InputError(editor_yaml, f"references_file {path.name} is not a regular file (a folder?)",
                         f"Make {path.name} the CSL-JSON, CSL-YAML or BibTeX file of the references")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[:err.start].count(b"\n") + 1
        raise InputError(path, f"the references file is not valid UTF-8 (byte {err.start})",
                         "Save it as UTF-8", line=line) from None
    try:
        if path.suffix == ".json":
            items = json.loads(text)
        elif path.suffix == ".bib":
            items = json.loads(_bibtex_to_csl(text))
        else:
            items = parse_yaml(text, path)
            items = items.get("references", []) if isinstance(items, dict) else items
    except (ValueError, RuntimeError) as err:
        raise InputError(path, f"cannot read the references: {err}",
                         "Check the file's syntax (CSL-JSON, CSL-YAML or BibTeX)") from None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError(path, "the references are not a list of entries", "Write a list of CSL items")
    check_references(items, path)
    for n, item in enumerate(items, 1):
        check_url(item.get("URL"), path, f"URL of entry {n} (id {item.get('id', n)})")
    return [{**item, "id": _cited_number(item.get("id"), n)} for n, item in enumerate(items, 1)]


def _bibtex_to_csl(text):
    import pypandoc

    return pypandoc.convert_text(text, "csljson", format="bibtex", extra_args=["--sandbox"], verify_format=False)


def _cited_number(item_id, position):
    """The number the text cites an entry by: its id when that is a number (or ref-N), else its place."""
    value = str(item_id or "").removeprefix("ref-")
    return value if value.isdigit() else str(position)


def canonical_metadata(article, facts, editor):
    """The canonical article's metadata: what the text gave, overridden by what the editor supplied."""
    lang = editor.get("lang") or article.lang
    front = {k: dict(v) for k, v in article.front.items()}
    for key, field_name in (("titles", "title"), ("abstracts", "abstract"), ("keywords", "keywords")):
        for code, value in (editor.get(key) or {}).items():
            front.setdefault(code, {})[field_name] = [value] if field_name == "abstract" else value
    order = [lang] + [code for code in front if code != lang]
    parts = [{"lang": code, **front[code]} for code in order if code in front]
    metadata = {"lang": lang, "title": (front.get(lang) or {}).get("title", ""), "front": parts}
    for key in ("status", "article_type", "doi", "volume", "issue", "year", "fpage", "lpage", "published",
                "received", "accepted", "license", "authors", "affiliations"):
        if key in editor:
            metadata[key] = editor[key]
    if "authors" not in editor and (article.authors or article.affiliations):
        # affiliations whose authors the text did not show as names are kept all the same: no word is lost
        metadata["authors"], metadata["affiliations"] = authors_from_text(article)
    # What the running heads printed fills what the editor left out; kept apart too, so that the
    # issue file's numbers can win over it and a mismatch be told (galley.editorial).
    from_text = {key: facts[key] for key in ("year", "issue", "volume")
                 if facts.get(key) not in (None, "") and key not in editor}
    metadata.update(from_text)
    supplied = {k: str(v) for k, v in (editor.get("classifications") or {}).items()}
    metadata["classifications"] = {**article.classifications, **supplied}
    metadata["source"] = {"running_heads": facts.get("running_heads", []),
                          "pages_seen": facts.get("pages_seen", []), "front_notes": article.front_notes,
                          "from_text": from_text,
                          "authors_from_text": "authors" not in editor and bool(article.authors)}
    metadata["references"] = _merge_references(article.references, editor.get("references") or [])
    # front and references stay even when empty: every reader of the canonical file may rely on them.
    kept = {k: v for k, v in metadata.items() if v not in (None, "", [], {})}
    return kept | {"front": metadata["front"], "references": metadata["references"]}


def authors_from_text(article):
    """Authors and affiliations as the source prints them, linked by their marks (1, 2, *); each name
    also split into given name and family name (initials before or after it, particles kept with it)."""
    affiliations = [{"id": f"aff-{a['mark'] or n}", "name": a["name"]} for n, a in enumerate(article.affiliations, 1)]
    ids = {a["mark"]: f"aff-{a['mark'] or n}" for n, a in enumerate(article.affiliations, 1)}
    authors = []
    for author in article.authors:
        links = [ids[m] for m in author["marks"] if m in ids]
        if not links and len(affiliations) == 1:
            links = [affiliations[0]["id"]]
        # Split for JATS <name> and Crossref <person_name>; the name as printed stays beside.
        given, family = split_name(author["name"])
        authors.append({"name": author["name"], "family": family, **({"given": given} if given else {}),
                        **({"affiliations": links} if links else {})})
    return authors, affiliations


def _merge_references(found, supplied):
    """The editor's entries replace the text's by number; the raw text of each stays."""
    merged = {r["id"]: r for r in found}
    for item in supplied:
        number = str(item["id"]).removeprefix("ref-")
        ref_id = f"ref-{number}"
        merged[ref_id] = {**item, "id": ref_id, "citation-label": number}
    return sorted(merged.values(), key=lambda r: int(r["citation-label"]) if r["citation-label"].isdigit() else 0)


def resolved_warnings(warnings, metadata):
    """The text's warnings less those the editor's metadata answered."""
    supplied = {r["citation-label"] for r in metadata["references"]
                if not is_missing(r)}
    return [w for w in warnings if not (w["rule"] == "missing-reference" and str(w["number"]) in supplied)]


def front_warnings(metadata, editor=None, article=None):
    """What the front matter lacks in each language, and authors missing altogether."""
    warnings = []
    if article is not None and article.authors and "authors" not in (editor or {}):
        warnings.append({"rule": "front-matter", "message": "authors and affiliations were read from the text: "
                         "check them and give them (with ORCID) in article.yaml"})
    for note in article.front_notes if article is not None else []:
        warnings.append({"rule": "front-matter", "text": note,
                         "message": "text beside the title that is no title, author or affiliation: kept aside "
                                    "in the canonical file (source.front_notes); place it in article.yaml"})
    if not metadata["front"]:
        warnings.append({"rule": "front-matter", "message": "no title, abstract or keywords found in any language: "
                         "supply them in article.yaml (titles, abstracts, keywords)"})
    for part in metadata["front"]:
        for key in ("title", "abstract", "keywords"):
            if key not in part:
                warnings.append({"rule": "front-matter", "lang": part["lang"],
                                 "message": f"no {key} in '{part['lang']}': supply it in article.yaml"})
    if not (metadata.get("year") or metadata.get("published")):
        warnings.append({"rule": "front-matter", "message": "no publication year in the source: supply 'year' (or "
                         "'published') in article.yaml; JATS archives and Crossref require a publication date"})
    if not metadata.get("authors"):
        warnings.append({"rule": "front-matter", "message": "no authors in the source: supply them in article.yaml"})
    elif not metadata.get("affiliations"):
        warnings.append({"rule": "front-matter", "message": "no affiliations: supply them in article.yaml"})
    return warnings
