"""Words split at a line end: whose hyphen is it, the author's or the typesetter's?

A line that ends in a hyphen (U+002D, U+2010, U+2011 or a soft hyphen U+00AD) after a letter, and
a next line (after any page furniture) that begins with a letter, make a split word. Each split is
decided once for the whole text, by the first of these that speaks:
1. a soft hyphen is a hyphenation point by definition: joined;
2. the text itself: the hyphenated form written inside a line elsewhere keeps the hyphen, the joined
   form written elsewhere drops it;
3. the hyphen's character: a text that hyphenates with one character (U+2010) and writes its
   compounds with another (U+002D) tells its hyphenation points by that character: joined;
4. a number on either side ("COVID-19", "3-year", "2010-2015"): the hyphen is written, kept;
5. the dictionaries of the word's script: the joined word known drops the hyphen, both halves known
   keep it ("бизнес-форум");
6. a capitalised second half is a compound with a name ("Алма-Ата", "Jean-Paul"): kept;
7. a script with no dictionary installed, and a lower-case second half: joined, flagged as a guess;
8. anything else is kept and flagged for the editor.
"""

import re
from collections import Counter
from dataclasses import dataclass

from . import dictionary
from .languages import all_languages, script_of

HYPHENS = "-\u2010\u2011\u00ad"
SOFT_HYPHEN = "\u00ad"
WRITTEN_HYPHENS = "-\u2011"  # the characters compounds are typed with; never only a hyphenation mark
# The word part before a line-end hyphen: letters or digits, after a space, a bracket or another hyphen.
HEAD = re.compile(rf"(\w+)([{HYPHENS}])$")
TAIL = re.compile(r"\w+")
INLINE_HYPHEN = re.compile(rf"(?<=\w)[{HYPHENS}](?=\w)")
WORD = re.compile(rf"\w+(?:[{HYPHENS}]\w+)*")
TAIL_CHARS = 120  # a line-end word is never longer: the regex looks at the line's end only
MARK_SHARE = 0.1  # a character used for at most this share of the in-line hyphens is a hyphenation mark


@dataclass(frozen=True)
class Split:
    head: str
    mark: str  # the hyphen character, or "" where a glued page number cut the word
    tail: str

    @property
    def hyphenated(self):
        return f"{self.head}-{self.tail}"


@dataclass(frozen=True)
class Decision:
    keep: bool
    reason: str
    flagged: bool = False


def split_at(line, next_line):
    """The Split when a line ends in a hyphenated word part that next_line completes, else None."""
    if not line or line[-1] not in HYPHENS:
        return None
    head = HEAD.search(line[-TAIL_CHARS:])
    tail = TAIL.match(next_line.lstrip())
    if not head or not tail:
        return None
    return Split(head.group(1), head.group(2), tail.group(0))


def cut_at(line, next_line):
    """The Split, with no hyphen, of a line's last word and the next line's first (a page number the
    extraction glued to a word took its hyphen's place: "candi7" then "date")."""
    head = re.search(r"(\w+)$", line[-TAIL_CHARS:]) if line[-1:].isalpha() else None
    tail = TAIL.match(next_line.lstrip())
    if not head or not tail or not tail.group(0)[:1].islower():
        return None
    return Split(head.group(1), "", tail.group(0))


def decide(splits, lines):
    """{Split: Decision} for every split word of a text, its lines the evidence of how it writes."""
    evidence = TextEvidence(lines)
    decisions = {}
    for split in splits:
        decisions[split] = _by_shape(split, evidence)
    undecided = [s for s in splits if decisions[s] is None]
    decisions.update(_by_dictionary(undecided))
    for split in undecided:
        if decisions.get(split) is None:
            decisions[split] = _fallback(split)
    return decisions


def _by_shape(split, evidence):
    if split.mark == "":
        return _cut_word(split, evidence)
    if split.mark == SOFT_HYPHEN:
        return Decision(False, "soft hyphen")
    hyphenated, joined = evidence.written(split.hyphenated), evidence.written(split.head + split.tail)
    if hyphenated and not joined:
        return Decision(True, "written with its hyphen elsewhere in the text")
    if joined and not hyphenated:
        return Decision(False, "written as one word elsewhere in the text")
    if split.mark in evidence.marks:
        return Decision(False, f"the text hyphenates with {split.mark!r}, not its compounds")
    if any(c.isdigit() for c in split.head + split.tail):
        return Decision(True, "a number beside the hyphen")
    return None


def _cut_word(split, evidence):
    """A word cut by a glued page number is joined when the text or a dictionary has the whole word
    and not one of its halves; else the two stay words (keep: a space between them)."""
    joined, halves = split.head + split.tail, (split.head, split.tail)
    # Each half is written once where the cut is: a word of the text is one written again elsewhere.
    if evidence.written(joined) and not all(evidence.written(h, times=2) for h in halves):
        return Decision(False, "written as one word elsewhere in the text")
    langs = _dictionaries_by_script().get(_script_of_word(joined)) or []
    known = dictionary.known_in_any([joined, *halves], langs) if langs else set()
    if joined in known and not all(h in known for h in halves):
        return Decision(False, "the joined word is in the dictionary")
    return Decision(True, "two words")


def _by_dictionary(splits):
    decisions = {}
    for script, langs in _dictionaries_by_script().items():
        group = [s for s in splits if _script_of_word(s.head + s.tail) == script]
        if not group or not langs:
            continue
        known = dictionary.known_in_any([w for s in group for w in (s.head + s.tail, s.head, s.tail)], langs)
        for split in group:
            if split.head + split.tail in known:
                decisions[split] = Decision(False, "the joined word is in the dictionary")
            elif split.head in known and split.tail in known:
                decisions[split] = Decision(True, "both halves are in the dictionary")
    return decisions


def _fallback(split):
    if split.tail[:1].isupper() and not split.tail.isupper():
        return Decision(True, "a compound with a name")
    if not _dictionaries_by_script().get(_script_of_word(split.head + split.tail)) and split.tail[:1].islower():
        return Decision(False, "no dictionary for this script: joined, as most line-end hyphens are", True)
    return Decision(True, "no dictionary could decide: hyphen kept", True)


def _dictionaries_by_script():
    """{script: [languages with an installed dictionary]}, from the language data files."""
    found = {}
    for code, data in all_languages().items():
        found.setdefault(data["script"], [])
        if dictionary.available(code):
            found[data["script"]].append(code)
    return found


def _script_of_word(word):
    scripts = {script_of(c) for c in word if script_of(c)}
    return scripts.pop() if len(scripts) == 1 else None


class TextEvidence:
    """How the text writes its words inside lines, where no line end forced a hyphen."""

    def __init__(self, lines):
        self.words = Counter()
        inline, line_end = Counter(), Counter()
        for line in lines:
            body = line.rstrip()
            if head := HEAD.search(body[-TAIL_CHARS:]):
                line_end[head.group(2)] += 1
                body = body[:len(body) - len(head.group(0))]  # a word's first half is no evidence
            self.words.update(_unify_hyphens(w).casefold() for w in WORD.findall(body))
            inline.update(INLINE_HYPHEN.findall(body))
        total = sum(inline.values())
        self.marks = {SOFT_HYPHEN} | {c for c in line_end
                                      if c not in WRITTEN_HYPHENS and inline[c] <= MARK_SHARE * total}

    def written(self, word, times=1):
        return self.words[_unify_hyphens(word).casefold()] >= times


def _unify_hyphens(word):
    return re.sub(f"[{HYPHENS}]", "-", word)
