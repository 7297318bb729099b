"""Titles printed in capitals, shown in sentence case: acronyms and names keep the form the text
gives them. The canonical file keeps the title as printed; writers and the contents show this."""

import re
from functools import lru_cache

from .languages import letters

UPPER, LOWER = letters()
CAPITALS = re.compile(rf"\b[{UPPER}]{{2,}}\b")
# A capitalised word after a lower-case word or a comma: a name, not a sentence's first word.
MID_SENTENCE_NAME = re.compile(rf"(?<=[{LOWER},] )[{UPPER}][{LOWER}]+")


def title_context(metadata, body):
    """The text that names and acronyms are learnt from: the body, every abstract, every keyword."""
    parts = metadata.get("front", [])
    return "\n".join([body] + [p for part in parts for p in part.get("abstract", [])]
                     + [", " + ", ".join(part.get("keywords", [])) for part in parts])


def display_title(title, body, mode):
    """A title in capitals in sentence case when the config asks.

    Words the body writes in capitals (acronyms) or capitalised in mid-sentence (names:
    "Центральной Азии") keep that form; the original stays in the canonical file.
    """
    title_letters = [c for c in title if c.isalpha()]
    if mode != "sentence" or not title_letters or sum(c.isupper() for c in title_letters) / len(title_letters) < 0.8:
        return title
    forms = _proper_forms(body)
    words = [_proper_form(w.lower(), forms) for w in re.split(r"(\W+)", title)]
    text = "".join(words)
    return text[:1].upper() + text[1:]


def _proper_form(word, forms):
    """The word as the text writes it; an inflected name keeps its capital ("центральной" when
    the text has "Центральная Азия")."""
    if word in forms:
        return forms[word]
    if len(word) >= 4 and word.isalpha():
        stem = word[: max(3, len(word) - 3)]
        # Russian inflects the ending (Азия → Азии); Kazakh adds suffixes (Азия → Азиядағы).
        if any(form[:1].isupper() and (known.startswith(stem) or (len(known) >= 4 and word.startswith(known)))
               for known, form in forms.items()):
            return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=4)  # every writer asks for each title of the same article
def _proper_forms(body):
    """{lower-case word: the form the body gives it} for acronyms and names in mid-sentence."""
    forms = {w.lower(): w for w in CAPITALS.findall(body)}
    for word in MID_SENTENCE_NAME.findall(body):
        forms.setdefault(word.lower(), word)
    return forms
