"""The sentence that cites an entry the source lacks, as the editor is shown it (the report's
missing-reference warning, the proof galleys' missing entry, the proofing page): the text before the
citation from its sentence's start, with its quotation marks paired, and the author(s) it names
("Following Smith (2010) [5]" → Smith; "По мнению А. Б. Петрова, … [5]" → А. Б. Петрова).

The excerpt is the author's words as printed, never changed. Quotation marks are the language
files' (`quotes`). A quotation the cut would enter in its middle is taken whole: the excerpt then
starts at the start of the sentence that opens it; a quotation that the citation stands inside runs
on to its closing mark (the citation, as printed, inside it). Where the other mark is not in the
paragraph, or more than WIDEST characters would be shown, the cut stays and is marked with an
elision instead: the opening mark and "[…] " before a quotation opened earlier, " […]" and the
closing mark after one that closes later — the only characters not the author's, in brackets.
"""

import re

from .citation_marks import NAMES, NARRATIVE
from .languages import and_words, common_words, et_al_words, name_particles, quote_pairs, reporting_verbs
from .names import LOWER, UPPER

HINT_CHARS = 240  # of a long sentence, its last characters
WIDEST = 600  # a quotation that would show more than this is elided, not taken whole
ELISION = "[…]"

INITIALS_FIRST = re.compile(rf"(?<![\w.-])(?:[{UPPER}]\.[\s-]?){{1,3}}[{UPPER}][{LOWER}'’-]+")  # "А. Б. Петрова"
FAMILY_FIRST = re.compile(rf"(?<![\w.-])[{UPPER}][{LOWER}'’-]+\s(?:[{UPPER}]\.\s?){{1,3}}")  # "Петров А. Б."
NAME_SEPARATOR = re.compile(rf"(\s*,\s*|\s*,?\s+(?:{and_words()})\s+)")
ET_AL = re.compile(rf",?\s+(?:{et_al_words()})$")
FULL_NAME = rf"[{UPPER}][{LOWER}'’-]+(?:\s[{UPPER}][{LOWER}'’-]+){{1,2}}"  # "Anna Petrova"
REPORTED = re.compile(rf"(?<![\w-])(?:(?P<before>{FULL_NAME})\s+(?:{reporting_verbs()})"
                      rf"|(?:{reporting_verbs()})\s+(?P<after>{FULL_NAME}))(?![\w-])")
SPACE = re.compile(r"\s+")
AFTER_CITATION = re.compile(r"(?<=\][.!?])\s+(?=\S)")
NAMES_ET_AL = re.compile(rf"(?<![\w-])(?P<names>{NAMES})")  # kept when they end in "et al."


def citing_sentence(text, position, sentence_starts, lang):
    """The excerpt of a paragraph that leads up to the citation at `position`, its quotation marks
    paired; sentence_starts: where the paragraph's sentences start."""
    end = len(text[:position].rstrip())
    # "Brown et al. showed": no sentence ends after "et al."; "… dry [1]. Then": one ends after a citation
    sentence_starts = sorted({*(s for s in sentence_starts if not ET_AL.search(text[:s].rstrip())),
                              *(m.end() for m in AFTER_CITATION.finditer(text))})
    start = max([0, *(s for s in sentence_starts if s <= end)])
    if end - start > HINT_CHARS:
        start = _word_start(text, end - HINT_CHARS)
    spans = quotations(text, quote_pairs(lang))
    start, end = _widened(start, end, spans, sentence_starts)
    excerpt = text[start:end].strip()
    return _elided(excerpt, quote_pairs(lang))


def quotations(text, pairs):
    """[(opening index or None, closing index or None, (opening, closing))]: each quotation of a
    text, paired innermost first; a mark whose partner the text lacks has None for it."""
    found = []
    for pair in pairs:
        opening, closing = pair
        open_at = []
        for i, char in enumerate(text):
            if char == opening and (opening != closing or not open_at):
                open_at.append(i)
            elif char == closing:
                found.append((open_at.pop() if open_at else None, i, pair))
        found += [(i, None, pair) for i in open_at]
    return found


def _widened(start, end, spans, sentence_starts):
    """(start, end) taking whole each quotation the cut would halve, when its marks are in the
    paragraph and the excerpt stays within WIDEST characters."""
    changed = True
    while changed:
        changed = False
        for opened, closed, _ in spans:
            if opened is not None and opened < start and (closed is None or closed >= start):
                wider = max([0, *(s for s in sentence_starts if s <= opened)])
                if end - wider <= WIDEST:
                    start, changed = wider, True
            if opened is not None and opened < end and closed is not None and closed >= end:
                if closed + 1 - start <= WIDEST:
                    end, changed = closed + 1, True
    return start, end


def _elided(excerpt, pairs):
    """The excerpt with an elision and the missing mark where a quotation runs past either end."""
    before, after = "", ""
    for opened, closed, (opening, closing) in quotations(excerpt, pairs):
        if opened is None:
            before = opening + before
        elif closed is None:
            after += closing
    if before:
        excerpt = f"{before}{ELISION} {excerpt}"
    if after:
        excerpt = f"{excerpt} {ELISION}{after}"
    return excerpt


def _word_start(text, at):
    """`at`, or the start of the next word when `at` falls inside one."""
    if at > 0 and not text[at - 1].isspace():
        space = SPACE.search(text, at)
        return space.end() if space else at
    return at


def named_authors(sentence, lang):
    """The people a citing sentence names, outside its quotations, as printed: names with initials
    ("А. Б. Петрова", "Petrov A. B."), and the family names of an author-year citation ("Smith
    (2010)", "Smith and Jones (2010)") or of "Smith et al."; joined by
    commas, "" when it names no one. A full name without initials or year is taken only beside a
    reporting verb of the language files ("Anna Petrova argues", "as argues Anna Petrova"): alone,
    it looks like a place ("Central Asia")."""
    plain = _outside_quotations(sentence, lang)
    found = [(m.start(), m.group(0)) for m in INITIALS_FIRST.finditer(plain)]
    taken = [range(at, at + len(name)) for at, name in found]
    found += [(m.start(), m.group(0)) for m in FAMILY_FIRST.finditer(plain)
              if not any(m.start() in r or m.end() - 1 in r for r in taken)]
    found += [(m.start(), _families(m.group("names"))) for m in NARRATIVE.finditer(plain)]
    found += [(m.start(), _families(m.group("names"))) for m in NAMES_ET_AL.finditer(plain)
              if ET_AL.search(m.group("names"))]
    found += [(m.start(), _without_common_words(m.group("before") or m.group("after")))
              for m in REPORTED.finditer(plain)]
    names = []
    for _, name in sorted(found):
        name = " ".join(name.split())
        if name not in names and not any(name in other for other in names):
            names.append(name)
    return ", ".join(names)


def _without_common_words(name):
    """A full name less the sentence's words before it ("As Anna Petrova" → "Anna Petrova")."""
    words = name.split()
    while len(words) > 2 and words[0].casefold() in common_words():
        words = words[1:]
    return " ".join(words)


def _outside_quotations(sentence, lang):
    """The sentence with each quotation's words blanked (the same length): who is quoted is not
    who is cited."""
    chars = list(sentence)
    for opened, closed, _ in quotations(sentence, quote_pairs(lang)):
        if opened is not None and closed is not None:
            chars[opened + 1:closed] = " " * (closed - opened - 1)
    return "".join(chars)


def _families(names):
    """The family names of an author-year citation's names, as printed: the last word of each (and
    its particles), so that a sentence's first word ("Following Smith") is left out."""
    et_al = ET_AL.search(names)
    core = names[:et_al.start()] if et_al else names
    parts = NAME_SEPARATOR.split(core)
    kept = []
    for n, part in enumerate(parts):
        if n % 2:  # a separator, kept as printed
            kept.append(part)
            continue
        words = part.split()
        first = len(words) - 1
        while first > 0 and words[first - 1] in name_particles():
            first -= 1
        kept.append(" ".join(words[first:]))
    return "".join(kept) + (et_al.group(0) if et_al else "")
