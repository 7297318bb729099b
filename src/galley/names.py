"""Shapes of personal names in front matter and running heads ("А.Б. Иванов1, С.К. Сериков2")."""

import re

from .languages import and_words, letters

UPPER, LOWER = letters()  # every language's capitals and small letters (data/languages/*.yaml)
MARKS = r"(?P<marks>[\d,*†‡]*)"
# "А.Б. Иванов1", "Иванов А.Б.*", "A. Smith", and a full name only when a mark follows it ("Айгерим Ахметова1").
NAME_FORMS = [
    rf"(?P<name>(?:[{UPPER}]\.\s?){{1,3}}\s?[{UPPER}][{LOWER}'’-]+){MARKS}",
    rf"(?P<name>[{UPPER}][{LOWER}'’-]+\s(?:[{UPPER}]\.\s?){{1,3}}){MARKS}",
    rf"(?P<name>[{UPPER}][{LOWER}'’-]+(?:\s[{UPPER}][{LOWER}'’-]+){{1,2}})(?P<marks>[\d*†‡]+(?:,\d+)*)",
]
AUTHOR_SEPARATOR = re.compile(rf",\s+(?=[^\d\s,])|\s+(?:{and_words()})\s+")


def author_line(text):
    """[{name, marks}] when a front-matter line is a list of names, else []."""
    parts = [p.strip() for p in AUTHOR_SEPARATOR.split(text.strip().rstrip(".")) if p.strip()]
    if not parts or len(parts) > 12:
        return []
    authors = []
    for part in parts:
        for form in NAME_FORMS:
            if m := re.fullmatch(form, part):
                # Metadata, not typeset text: the normalizer's no-break spaces become plain ones.
                name = " ".join(m.group("name").split())
                authors.append({"name": name, "marks": re.findall(r"\d+", m.group("marks"))})
                break
        else:
            return []
    return authors


def starts_with_names(text):
    """A line of names, or names and then a short title with no full stop: a running head's shape."""
    if author_line(text):
        return True
    first = text.split(",")[0].strip()
    short_unfinished = len(text.split()) <= 14 and not text.rstrip().endswith((".", "!", "?", ":", ";"))
    return short_unfinished and any(re.fullmatch(form, first) for form in NAME_FORMS)
