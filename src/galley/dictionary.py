"""Dictionaries of Russian, Kazakh and English: the system's hunspell, asked in batches.

hunspell (Debian's `hunspell` with hunspell-ru, hunspell-kk, hunspell-en-us) knows every inflected
form its affix rules make. Kazakh's dictionary misses many forms of its long suffix chains, so for
the languages the data file marks, a word also counts as known when a listed stem carries most of it.
"""

import bisect
import codecs
import re
import shutil
import subprocess
import sys
import threading
from functools import cache
from pathlib import Path

from .languages import all_languages, language, load_yaml


def settings(lang):
    """A language's spelling settings (its file's `spelling`: hunspell dictionaries, warnings, stems)."""
    return (all_languages().get(lang) or {}).get("spelling") or {}


@cache
def hunspell_dictionary(lang):
    """hunspell's -d argument for a language: its installed dictionaries' paths, or None."""
    if not (shutil.which("hunspell") and shutil.which("stdbuf")):
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


class Speller:
    """One hunspell process per language for as long as we run: starting hunspell and loading a
    dictionary costs more than checking a whole article. It runs in list mode (`-l`, which prints
    the unknown words and, unlike the pipe mode, computes no suggestions), line-buffered, and a
    word no dictionary has marks the end of each batch's answer.

    The marker is chosen per batch so that it is no word of the batch, nor a piece of one (hunspell
    may split a word at a character its dictionary does not list): a marker that the text also held
    would end the answer early and leave the pipe out of step for every later batch. Jobs run as
    threads of one process, so one batch at a time talks to the pipe."""

    MARKER = "qqxzqjzv"
    CHUNK = 2000  # words written before their answers are read, well inside a pipe's buffer

    def __init__(self, dictionary):
        self.process = subprocess.Popen(["stdbuf", "-oL", "hunspell", "-l", "-d", dictionary, "-i", "utf-8"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        encoding="utf-8", bufsize=1)
        self.known = {}
        self.lock = threading.Lock()

    def unknown(self, words):
        with self.lock:
            todo = [w for w in dict.fromkeys(words) if w not in self.known]
            for start in range(0, len(todo), self.CHUNK):
                self._ask(todo[start:start + self.CHUNK])
            return {w for w in words if not self.known[w]}

    def _ask(self, chunk):
        marker = batch_marker(chunk, self.MARKER)
        self.process.stdin.write("".join(f"{w}\n" for w in chunk) + marker + "\n")
        self.process.stdin.flush()
        unknown = set()
        while (line := self.process.stdout.readline().rstrip("\n")) != marker:
            if not line and self.process.poll() is not None:
                raise RuntimeError("hunspell stopped answering")
            unknown.add(line)
        self.known.update((w, w not in unknown) for w in chunk)


def batch_marker(words, base):
    """A word of Latin letters that is in none of the words (so hunspell can only echo it as the
    marker): base, lengthened until no word contains it."""
    marker = base
    while any(marker in w for w in words):
        marker += base[len(marker) % len(base)]
    return marker


_spellers_lock = threading.Lock()


def one_per_language(start):
    """A language's one process made by start(lang): started on first use, by one thread only."""
    started = cache(start)

    def get(lang):
        with _spellers_lock:
            return started(lang)

    return get


speller = one_per_language(lambda lang: Speller(hunspell_dictionary(lang)))


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
    """The stems of the languages that fall back on them, read once in the parent of a build's
    workers (galley.warm) instead of in each worker (0.1 s for Kazakh)."""
    for code in all_languages():
        if settings(code).get("stem_fallback") and hunspell_dictionary(code):
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

    hunspell's pipe mode (`-a`) computes suggestions, which costs far more than checking a word, so
    it is asked for the words already warned about only, by one process per language kept for as
    long as we run (loading the dictionary costs more than the suggestions)."""
    words = list(dict.fromkeys(w for w in words if w.isalpha()))
    if not words or suggesting_dictionary(lang) is None:
        return {}
    answers = suggester(lang).suggest(words)
    return {word: answer[:limit] for word, answer in zip(words, answers)}


class Suggester:
    """hunspell in pipe mode (`-a`), line-buffered: each line starts with "^", so that hunspell reads
    it as text, never as one of its commands, and is answered by a line per word and a blank line:
    "& word n offset: a, b" gives [a, b]; a known word ("*", "+", "-") or one without suggestions
    ("#") gives []. Jobs run as threads of one process, so one batch at a time talks to the pipe."""

    def __init__(self, dictionary):
        self.process = subprocess.Popen(["stdbuf", "-oL", "hunspell", "-a", "-d", dictionary, "-i", "utf-8"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        encoding="utf-8", bufsize=1)
        self.process.stdout.readline()  # its version banner
        self.lock = threading.Lock()

    def suggest(self, words):
        with self.lock:
            self.process.stdin.write("".join(f"^{w}\n" for w in words))
            self.process.stdin.flush()
            return [self._answer() for _ in words]

    def _answer(self):
        marked = []
        while line := self.process.stdout.readline():
            line = line.rstrip("\n")
            if not line:
                break
            if line.startswith("&"):
                marked.append(line)
        else:
            raise RuntimeError("hunspell stopped answering")
        return [s.strip() for s in marked[0].split(":", 1)[1].split(",") if s.strip()] if marked else []


suggester = one_per_language(lambda lang: Suggester(suggesting_dictionary(lang)))


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


@cache
def suggesting_dictionary(lang):
    """hunspell's -d argument for suggestions: the language's dictionaries, each with an affix file
    that asks for no n-gram suggestions, made once per process in a temporary folder beside links
    to the word lists (the installed files are never changed)."""
    import os
    import tempfile
    from multiprocessing.util import Finalize

    dictionary = hunspell_dictionary(lang)
    if dictionary is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="galley-hunspell-"))
    # removed when the process ends, a build's worker process too (which runs no atexit handler)
    Finalize(None, shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}, exitpriority=0)
    derived = []
    for n, base in enumerate(dictionary.split(",")):
        target = folder / f"{n}-{Path(base).name}"
        affixes = lower_case_tries(Path(f"{base}.aff").read_bytes())
        target.with_suffix(".aff").write_bytes(affixes + WITHOUT_NGRAMS.encode("ascii"))
        os.symlink(f"{base}.dic", target.with_suffix(".dic"))
        derived.append(str(target))
    return ",".join(derived)


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
