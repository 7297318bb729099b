"""Latin letters for Cyrillic references, as international indexes ask: ICU's transforms (the
BGN/PCGN romanizations, through PyICU), named per language in its data file (`transliteration`).
No table of letters is written here."""

from functools import cache

from .languages import all_languages

# CSL fields that hold the work's own words and designations ("99-ФЗ", "ГОСТ Р …"), which are
# transliterated; dates, pages, DOI and URL are not.
TEXT_FIELDS = ("title", "container-title", "collection-title", "publisher", "publisher-place", "genre",
               "event-place", "edition", "authority", "number")
NAME_FIELDS = ("author", "editor", "translator", "contributor", "container-author")


def transform_id(code):
    """ICU's transform for a language ("Russian-Latin/BGN"), or None for one that needs none."""
    return (all_languages().get(code) or {}).get("transliteration")


@cache
def _transliterator(transform):
    import icu

    return icu.Transliterator.createInstance(transform)


def to_latin(text, code):
    """The text in Latin letters by the language's ICU transform; unchanged for a language without one."""
    transform = transform_id(code)
    return _transliterator(transform).transliterate(text) if transform and text else text


def latin_item(item, code):
    """A CSL item whose words and names are in Latin letters, in English (so its terms are "Vol.",
    "No.", "P."), for the style to format as it formats any other entry."""
    latin = dict(item)
    for key in TEXT_FIELDS:
        if isinstance(latin.get(key), str):
            latin[key] = to_latin(latin[key], code)
    for key in NAME_FIELDS:
        if latin.get(key):
            latin[key] = [{part: to_latin(value, code) if isinstance(value, str) else value
                           for part, value in name.items()} for name in latin[key]]
    latin["language"] = "en"
    return latin
