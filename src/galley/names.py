"""Shapes of personal names in front matter and running heads ("А.Б. Иванов1, С.К. Сериков2")."""

import re
import unicodedata

from .languages import and_words, common_words, letters, name_particles

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


# --- personal names in a list of authors ("Marta Kowalska, Ian J. Reed", "JOSE COSTA, ANA LIMA")

INITIAL = re.compile(rf"(?:[{UPPER}]\.-?)+")  # "G.", "G.A.", "J.-P."
LIST_SEPARATOR = re.compile(rf"\s*[,;]\s*(?:(?:{and_words()})\s+)?|\s+(?:{and_words()})\s+")  # ", and" too
MAX_NAME_TOKENS = 7  # "Maria Clara do Monte Alto de Sousa"


def split_marks(text):
    """(the text, its trailing affiliation marks): marks glued or not, superscript or not
    ("KENT1*", "Ana Lima 1,2*", "PARK¹"), with the next line's mark the extraction may have left at
    the end ("SADYKOV2 1"). Read back from the end, character by character: a regular expression
    would try every start in a long run of digits and spaces."""
    text = text.rstrip()
    start = len(text)
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] in ",*†‡" or text[start - 1].isspace()):
        start -= 1
    while start < len(text) and text[start].isspace():
        start += 1
    return text[:start], text[start:]


def _without_marks(text):
    return split_marks(text)[0]


def _is_initial(token):
    return bool(INITIAL.fullmatch(token)) or (len(token) == 1 and token.isupper())


def _is_name_word(token):
    """A capitalised word of a name ("MacDonald", "Toom-Sauntry", "Carrière", "REIS"), in any alphabet:
    names carry letters of languages the pipeline has no file for."""
    pieces = token.split("-")
    return len(token) > 1 and all(p[:1].isupper() and all(c.isalpha() or c in "'’" for c in p) for p in pieces)


def personal_name(text):
    """Whether a phrase is one person's name: given names, initials and particles before a family name
    ("Sean C. Lema", "G. A. Abel", "Knut von Salzen", "EDSON CEZAR WENDLAND"), marks stripped."""
    tokens = _without_marks(text.strip()).split()
    if not 2 <= len(tokens) <= MAX_NAME_TOKENS or not _is_name_word(tokens[-1]) or tokens[0] in name_particles():
        return False
    return all(_is_name_word(t) or _is_initial(t) or t in name_particles() for t in tokens)


MOSTLY_NAMES = 0.8
MIN_LONG_LIST = 5  # a long list of authors may name a group too ("… Ana Lima, Study Group 2020, …")


def name_list(text):
    """The names of a line that lists people (all of them, or most of a long list), else []."""
    return [person["name"] for person in listed_people(text)]


def listed_people(text):
    """[{name, marks}] of a line that lists people (all of them, or most of a long list), else []."""
    parts = _list_parts(text)
    named = sum(personal_name(p) for p in parts)
    if not parts or named < len(parts) and (len(parts) < 5 or named < MOSTLY_NAMES * len(parts)):
        return []
    people = []
    for n, part in enumerate(parts):
        name, marks = split_marks(part.strip())
        groups = marks.split()
        if n == len(parts) - 1 and len(groups) > 1:
            groups = groups[:-1]  # "Marat SADYKOV2 1": the "1" opens the next line, an affiliation
        numbers = re.findall(r"\d+", unicodedata.normalize("NFKC", " ".join(groups)))
        people.append({"name": " ".join(name.split()),
                       "marks": list(dict.fromkeys(numbers))})
    return people


def _list_parts(text):
    """The parts of a list of names between its commas, "and" and semicolons; marks that a comma
    split ("Florian Huber 1,3") stay with the name before them instead of making a name of their own."""
    parts = []
    for part in LIST_SEPARATOR.split(text.strip().rstrip(".")):
        if not part.strip():
            continue
        if parts and not _without_marks(part.strip()):
            parts[-1] = f"{parts[-1]},{part.strip()}"
        else:
            parts.append(part)
    return parts


def names_at_end(text):
    """Where a list of two or more names that ends a line begins ("… a Field Study Marta
    Kowalska, Ian J. Reed" → the index of "Marta"), else None.

    The names after the first are whole parts between commas (the last may follow "and"); the first
    is the end of the part before them: its family name, the initials before that, one given name
    and any initials before it ("… and Brain Sean C. Lema, …" starts at "Sean").
    """
    parts, separators = _parts_with_separators(text)
    names = 0
    while names < len(parts) - 1 and personal_name(parts[-1 - names][2]):
        separator = separators[-1 - names]
        if "," not in separator and ";" not in separator and names > 0:
            break  # "and" joins only the last two names
        names += 1
    if names == len(parts) - 1 and personal_name(parts[0][2]):
        return None  # a line of names and nothing else ("…, Ana Maria Lima, …" is one name)
    # Names in capitals look like a capitals title's phrases between commas: three names at least,
    # and none holding a language's frequent word ("WITH A VIEW TO DAMS").
    capitals = all(p[2].upper() == p[2] for p in parts[len(parts) - names:])
    if names == 0 or (capitals and (names < 2 or any(_has_common_word(p[2]) for p in parts[len(parts) - names:]))):
        return _long_list_start(parts)
    return _name_start_in(parts[-1 - names]) or _long_list_start(parts)


def _long_list_start(parts):
    """A long list that names a group among its people ("…, Study Group 2020, …"): the earliest part
    that ends with a name and is followed by at least MIN_LONG_LIST parts, most of them names."""
    for k in range(len(parts) - MIN_LONG_LIST):
        tail = [p[2] for p in parts[k + 1:]]
        if sum(map(personal_name, tail)) >= MOSTLY_NAMES * len(tail) and (start := _name_start_in(parts[k])):
            return start
    return None


def name_with_initial_at_end(text):
    """Where one person's name holding an initial closes a line ("… Lakeside University,
    Kazakhstan Marat K. Sadykov" → the index of "Marat"), else None. Without an initial a place can
    look like a name ("… Institute of Botany, Almaty Kazakhstan"): no index then."""
    last = _parts_with_separators(text)[0][-1]
    tokens = list(re.finditer(r"\S+", last[2]))
    first = _first_name_start([t.group(0) for t in tokens])
    if first is None or not any(_is_initial(t.group(0)) for t in tokens[first:]):
        return None
    return last[0] + tokens[first].start()


def _name_start_in(part):
    head_start, _, head = part
    tokens = list(re.finditer(r"\S+", head))
    first = _first_name_start([t.group(0) for t in tokens])
    return None if first is None else head_start + tokens[first].start()


def _has_common_word(text):
    words = {w.casefold() for w in text.split()} - name_particles()
    return bool(words & common_words())


def _parts_with_separators(text):
    """[(start, end, part)] between separators, and the separators between them."""
    parts, separators, position = [], [], 0
    for m in LIST_SEPARATOR.finditer(text):
        parts.append((position, m.start(), text[position:m.start()]))
        separators.append(m.group(0))
        position = m.end()
    parts.append((position, len(text), text[position:]))
    return parts, separators


def _first_name_start(tokens):
    """The index of the token where a name ending these tokens starts, if something comes before it."""
    n = len(tokens) - 1
    if n < 1 or not _is_name_word(_without_marks(tokens[n])):
        return None
    start = n
    while start > 0 and _is_initial(tokens[start - 1]):
        start -= 1
    if start > 0 and _is_name_word(tokens[start - 1]):
        start -= 1  # the given name
        while start > 0 and _is_initial(tokens[start - 1]) and "." in tokens[start - 1]:
            start -= 1
    elif start == n or not any("." in t for t in tokens[start:n]):
        return None
    return start if start > 0 else None


def split_name(text):
    """A person's name as printed, split into (given, family) for JATS <name> and Crossref
    <person_name>: initials after the family name ("Иванов А.Б.") or before it ("А.Б. Иванов", "Sean
    C. Lema"), particles kept with the family name ("Knut von Salzen"). One word is a family name."""
    tokens = _without_marks(" ".join(text.split())).split()
    if len(tokens) > 1 and not _is_initial(tokens[0]) and all(_is_initial(t) for t in tokens[1:]):
        return " ".join(tokens[1:]), tokens[0]
    family_start = len(tokens) - 1
    while family_start > 1 and tokens[family_start - 1] in name_particles():
        family_start -= 1
    return " ".join(tokens[:family_start]), " ".join(tokens[family_start:])
