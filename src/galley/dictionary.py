"""Word lists from the system's hunspell dictionaries, for deciding line-end hyphenation.

Hunspell stores stems with affix flags; inflected forms are accepted when a listed stem
shares all but a short ending with the word (enough to tell "полити-ческого" from
"бизнес-форум" without a full affix engine).
"""

import bisect
from functools import cache
from pathlib import Path

from .languages import load_yaml

MAX_ENDING = 4  # letters an inflection may change at the end of a stem
MIN_STEM = 4
MIN_STEM_SHARE = 0.7  # the shared stem must carry most of the word ("алма|ате" is not "алмаз")


@cache
def word_list(lang):
    """Sorted lower-case stems of a language's dictionary, or None when none is installed."""
    for candidate in load_yaml("dictionaries.yaml").get(lang, []):
        path = Path(candidate)
        if path.exists():
            return _read_dic(path)
    return None


def _read_dic(path):
    words = set()
    with path.open(encoding="utf-8-sig", errors="replace") as lines:
        next(lines, None)  # the first line is the entry count
        for line in lines:
            stem = line.split("/", 1)[0].strip()
            if stem and not stem.isdigit():
                words.add(stem.lower())
    return sorted(words)


def available(lang):
    return word_list(lang) is not None


def is_known(word, langs):
    """True when the word, or an inflection of a listed stem, is in one of the dictionaries."""
    word = word.lower()
    return any(_known_in(word, word_list(lang)) for lang in langs if word_list(lang))


def _known_in(word, stems):
    i = bisect.bisect_left(stems, word)
    if i < len(stems) and stems[i] == word:
        return True
    # A stem that is a prefix of the word, with a short ending changed (полити|ческого ← политический).
    for cut in range(1, MAX_ENDING + 1):
        head = word[: len(word) - cut]
        if len(head) < max(MIN_STEM, MIN_STEM_SHARE * len(word)):
            break
        j = bisect.bisect_left(stems, head)
        for stem in stems[j : j + 50]:
            if not stem.startswith(head):
                break
            if len(stem) - len(head) <= MAX_ENDING:
                return True
    return False
