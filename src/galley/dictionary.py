"""Dictionaries of Russian, Kazakh and English: the system's hunspell library, in this process.

hunspell (Debian's libhunspell with hunspell-ru, hunspell-kk, hunspell-en-us) knows every inflected
form its affix rules make. Kazakh's dictionary misses many forms of its long suffix chains, so for
the languages the data file marks, a word also counts as known when a listed stem carries most of it.

The library is called through ctypes: a language's dictionaries are loaded once per process and a
word is checked by a function call, with no process to start, no pipe to keep in step and nothing
of the text read as a command or a marker. A build loads them once, in the parent of its worker
processes (galley.warm), whose workers share them.
"""

import bisect
import codecs
import ctypes
import os
import re
import sys
import tempfile
import threading
from functools import cache
from pathlib import Path

from .languages import all_languages, language, load_yaml


def settings(lang):
    """A language's spelling settings (its file's `spelling`: hunspell dictionaries, warnings, stems)."""
    return (all_languages().get(lang) or {}).get("spelling") or {}


# Debian's libhunspell-1.7-0 (which the `hunspell` package brings), then what other systems name it.
LIBRARIES = ["libhunspell-1.7.so.0", "libhunspell-1.7.so", "libhunspell.so"]


@cache
def _library():
    """libhunspell with the signatures of the functions used, or None when it is not installed."""
    for name in LIBRARIES:
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        handle, text, count = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        word_list = ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p))
        for function_name, arguments, result in (("Hunspell_create", [text, text], handle),
                                                 ("Hunspell_get_dic_encoding", [handle], text),
                                                 ("Hunspell_spell", [handle, text], count),
                                                 ("Hunspell_suggest", [handle, word_list, text], count),
                                                 ("Hunspell_free_list", [handle, word_list, count], None)):
            function = getattr(library, function_name)
            function.argtypes, function.restype = arguments, result
        return library
    return None


@cache
def hunspell_dictionary(lang):
    """The paths (without .aff/.dic) of a language's installed dictionaries, joined by commas as
    hunspell's -d takes them, or None."""
    if _library() is None:
        return None
    found = [_find(name) for name in settings(lang).get("hunspell", [])]
    found = [path for path in found if path]
    return ",".join(found) or None


def _find(name):
    for folder in load_yaml("dictionaries.yaml")["folders"]:
        folder = Path(folder.format(prefix=sys.prefix))
        if (folder / f"{name}.dic").exists():
            return str(folder / name)
    return None


def available(lang):
    return hunspell_dictionary(lang) is not None


class Hunspell:
    """A language's dictionaries, loaded in this process: one hunspell handle per dictionary, as the
    hunspell command makes of "-d a,b". A word is known when one of them knows it; suggestions come
    from the first, as the command's do. A handle is not safe in two threads at once: jobs run as
    threads of one process, so one of them at a time asks."""

    def __init__(self, paths, affix_files=None):
        library = _library()
        self.handles = []
        for path, affixes in zip(paths, affix_files or [f"{path}.aff" for path in paths]):
            handle = library.Hunspell_create(os.fsencode(affixes), os.fsencode(f"{path}.dic"))
            self.handles.append((handle, library.Hunspell_get_dic_encoding(handle).decode("ascii")))
        self.known = {}
        self.suggested = {}  # a process's articles share their rare words with the journal's others
        self.lock = threading.Lock()

    def unknown(self, words):
        with self.lock:
            return {w for w in words if not self._knows(w)}

    def suggest(self, words):
        """Each word's suggestions, [] for a known word or one without any."""
        with self.lock:
            for word in words:
                if word not in self.suggested:
                    self.suggested[word] = [] if self._knows(word) else self._suggestions(word)
            return [self.suggested[w] for w in words]

    def _knows(self, word):
        if word not in self.known:
            self.known[word] = not _judged(word) or any(
                encoded is not None and _library().Hunspell_spell(handle, encoded)
                for handle, encoding in self.handles for encoded in [_encoded(word, encoding)])
        return self.known[word]

    def _suggestions(self, word):
        handle, encoding = self.handles[0]
        encoded = _encoded(word, encoding)
        if encoded is None:
            return []
        found = ctypes.POINTER(ctypes.c_char_p)()
        count = _library().Hunspell_suggest(handle, ctypes.byref(found), encoded)
        try:
            return [found[n].decode(encoding, errors="replace") for n in range(count)]
        finally:
            _library().Hunspell_free_list(handle, ctypes.byref(found), count)


def _encoded(word, encoding):
    """The word in the dictionary's encoding; None when it has letters the encoding lacks (no word
    of that dictionary, then)."""
    try:
        return word.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return None


def _judged(word):
    """Whether a word is in a script these dictionaries are for. A letter outside the Basic
    Multilingual Plane (mathematical italic) or of a script without case beyond the Latin blocks
    (Chinese, Arabic) is none: hunspell's own reader, which this module drove before, skipped such
    words, and they count as known."""
    return all(ord(c) <= 0xFFFF and (ord(c) < 0x250 or c.lower() != c.upper()) for c in word)


_spellers_lock = threading.Lock()


def one_per_language(start):
    """A language's one Hunspell made by start(lang): loaded on first use, by one thread only."""
    started = cache(start)

    def get(lang):
        with _spellers_lock:
            return started(lang)

    return get


speller = one_per_language(lambda lang: Hunspell(hunspell_dictionary(lang).split(",")))


def unknown_words(words, lang, stems=True):
    """The words hunspell does not know in a language (all of them when it has no dictionary).

    Only words of letters are asked: hunspell would split anything else into other tokens.
    stems=False: only what the dictionaries list counts, not a listed stem carrying half a word
    (a word with a lost letter, "ғылымындагы", still has its stem).
    """
    words = sorted({w for w in words if w.isalpha()})
    if not words or hunspell_dictionary(lang) is None:
        return set(words)
    unknown = speller(lang).unknown(words)
    if stems and settings(lang).get("stem_fallback"):
        # Only for words that show the language's own letters: "бизнесфорум" is no Kazakh word.
        own = set(language(lang)["distinctive_letters"])
        unknown = {w for w in unknown if not (own & set(w.lower()) and _stem_known(w.lower(), lang))}
    return unknown & set(words)


def known_in_any(words, langs):
    """The words that at least one of the languages' dictionaries knows."""
    words = set(words)
    known = set()
    for lang in langs:
        if available(lang):
            known |= words - unknown_words(words, lang)
    return known


# --- stems, for agglutinative languages whose hunspell dictionary is thin -------------------

@cache
def _stems(lang):
    path = hunspell_dictionary(lang).split(",")[0]
    stems = set()
    with open(f"{path}.dic", encoding="utf-8-sig", errors="replace") as lines:
        next(lines, None)  # the entry count
        for line in lines:
            stem = line.split("/", 1)[0].strip().lower()
            if len(stem) >= 3 and not stem.isdigit():
                stems.add(stem)
    return sorted(stems)


def warm_up():
    """Every language's dictionaries (and those that suggest, where spelling is warned about), and
    the stems of the languages that fall back on them, loaded once in the parent of a build's
    workers (galley.warm), whose workers share them, instead of once in each worker."""
    for code in all_languages():
        if not hunspell_dictionary(code):
            continue
        speller(code)
        if settings(code).get("spelling_warnings"):
            suggester(code)
        if settings(code).get("stem_fallback"):
            _stems(code)


def _stem_known(word, lang):
    """A listed stem is the word's beginning and carries most of it (аймақ|тағы, аспект|ілеріне)."""
    stems = _stems(lang)
    min_share = settings(lang).get("min_stem_share", 0.5)
    for length in range(len(word), max(3, int(len(word) * min_share)) - 1, -1):
        head = word[:length]
        i = bisect.bisect_left(stems, head)
        if i < len(stems) and stems[i] == head:
            return True
    return False


@cache
def _listed(lang):
    """Every word and stem the language's dictionaries list, lower-case, sorted."""
    words = set()
    for path in hunspell_dictionary(lang).split(","):
        with open(f"{path}.dic", encoding="utf-8-sig", errors="replace") as lines:
            next(lines, None)  # the entry count
            words.update(line.split("/", 1)[0].strip().lower() for line in lines)
    return sorted(words)


def listed_prefix(word, lang):
    """How many of the word's first letters some listed word or stem begins with: a word the
    dictionary lacks but whose beginning it lists ("науқандарындағы") scores high."""
    if hunspell_dictionary(lang) is None:
        return 0
    listed = _listed(lang)
    i = bisect.bisect_left(listed, word)
    return max((_common_prefix(word, listed[j]) for j in (i - 1, i) if 0 <= j < len(listed)), default=0)


def _common_prefix(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


# --- suggestions, for the words a proof warns about only ------------------------------------

SUGGESTIONS = 3


def suggestions(words, lang, limit=SUGGESTIONS):
    """{word: up to `limit` spellings hunspell suggests} for a few words of a language.

    Suggesting costs far more than checking a word, so it is asked for the words already warned
    about only, of dictionaries loaded apart (with the affix files of suggesting_affixes)."""
    words = list(dict.fromkeys(w for w in words if w.isalpha()))
    if not words or hunspell_dictionary(lang) is None:
        return {}
    answers = suggester(lang).suggest(words)
    return {word: answer[:limit] for word, answer in zip(words, answers)}


def _suggesting(lang):
    """The language's dictionaries loaded with the affix files of suggesting_affixes, written to a
    temporary folder that goes once hunspell has read them (the installed files are never changed)."""
    paths = hunspell_dictionary(lang).split(",")
    with tempfile.TemporaryDirectory(prefix="galley-hunspell-") as folder:
        affix_files = []
        for n, path in enumerate(paths):
            affix_files.append(os.path.join(folder, f"{n}.aff"))
            with open(affix_files[-1], "wb") as target:
                target.write(suggesting_affixes(path))
        return Hunspell(paths, affix_files)


suggester = one_per_language(_suggesting)


# hunspell's n-gram suggestions compare the word with every stem of the dictionary: 60 ms a word
# with Russian's, twenty times what its suggestions from the word's own letters cost (a letter
# missing, doubled, swapped or replaced, the dictionary's REP and MAP pairs), which are those a
# misspelling or a damaged letter needs. The n-gram ones mostly offer another word of the same
# root for a rare word spelled right ("интегрированность" → "интегрированный").
WITHOUT_NGRAMS = "\n# galley: suggestions from the word's own letters only\nMAXNGRAMSUGS 0\n"


def lower_case_tries(affixes):
    """The affix file with its TRY letters (those hunspell puts in, in place of or between a word's
    letters, to find a spelling) in lower case only: a capital is tried at every place of every
    word, and doubles the cost of suggesting (the case of a word's first letter hunspell tries apart).
    Only in a file whose SET line names its encoding: without one, what hunspell reads (ISO 8859-1
    by default, or UTF-8 after a byte-order mark) is not certain, and the file is left as it is."""
    encoding = re.search(rb"^(?:\xef\xbb\xbf)?SET[ \t]+(\S+)", affixes, re.MULTILINE)
    try:
        codec = codecs.lookup(encoding.group(1).decode("ascii")).name if encoding else None
    except LookupError:
        codec = None
    if codec is None:
        return affixes

    def lower(match):
        letters = match.group(2).decode(codec, errors="strict")
        return match.group(1) + "".join(c for c in letters if not c.isupper()).encode(codec)

    try:
        return re.sub(rb"^(TRY[ \t]+)([^\r\n]+)", lower, affixes, count=1, flags=re.MULTILINE)
    except UnicodeError:
        return affixes


def suggesting_affixes(path):
    """The dictionary's affix file, for suggestions: no n-gram ones, and the letters tried in a word
    in lower case only."""
    with open(f"{path}.aff", "rb") as affixes:
        return lower_case_tries(affixes.read()) + WITHOUT_NGRAMS.encode("ascii")


def word_list(path):
    """The journal's own words (sources/words.txt): one word per line, `#` starts a comment. Missing
    file: no words. Compared case-insensitively, each form as written (no inflection)."""
    from .errors import InputError

    if not path or not Path(path).is_file():
        return frozenset()
    words = set()
    with open(path, encoding="utf-8-sig") as lines:
        try:
            for line in lines:
                word = line.split("#", 1)[0].strip()
                if word:
                    words.add(word.casefold())
        except UnicodeDecodeError as error:
            raise InputError(path, f"the word list is not valid UTF-8 (byte {error.start})",
                             "Save it as UTF-8, one word per line") from None
    return frozenset(words)
