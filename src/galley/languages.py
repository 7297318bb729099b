"""Language knowledge from data files: labels, heading words, script tests, language detection.

Adding a language is adding a file to data/languages/.
"""

import re
import unicodedata
from functools import cache
from importlib import resources

import yaml

DATA = resources.files("galley") / "data"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it
MIN_DISTINCTIVE_SHARE = 0.01  # Kazakh prose has several of its own letters in every hundred


@cache
def load_yaml(name):
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=SAFE_LOADER)


@cache
def all_languages():
    """{code: data} for every language file, in a stable order."""
    files = sorted(p for p in (DATA / "languages").iterdir() if p.name.endswith(".yaml"))
    return {data["code"]: data for data in (yaml.load(p.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
                                            for p in files)}


def language(code):
    return all_languages()[code]


@cache
def letters():
    """(capitals, small letters): every letter of every language's alphabet, as the contents of a
    regular expression's character class ("[{capitals}]"). Shapes of names, initials and
    sentence starts are built from these, so a new language's letters count everywhere."""
    small = sorted({c for data in all_languages().values() for c in data["alphabet"]})
    return "".join(c.upper() for c in small if c.upper() != c), "".join(small)


@cache
def abbreviations(kind):
    """A regular-expression alternation of every language's abbreviations of a kind (volume, issue,
    part, pages) as printed before a number, longest first."""
    phrases = {p for data in all_languages().values() for p in data["abbreviations"].get(kind, [])}
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@cache
def and_words():
    """A regular-expression alternation of the words that join the last two names of a list."""
    words = {w for data in all_languages().values() for w in data["and_words"]}
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def citeproc_locale(code):
    """citeproc-py's locale for a language's reference terms (its data file names the nearest one)."""
    data = all_languages().get(code) or all_languages()["en"]
    return data["citeproc_locale"]


def script_of(char):
    """'cyrillic', 'latin' or None for a letter of neither script."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin"
    return None


def detect_language(text):
    """The language a block is written in, told by its script and distinctive letters.

    Returns None when the block has too few letters to tell.
    """
    letters = [c for c in text.lower() if c.isalpha()]
    if len(letters) < 3:
        return None
    scripts = {"cyrillic": 0, "latin": 0}
    for c in letters:
        s = script_of(c)
        if s:
            scripts[s] += 1
    script = max(scripts, key=scripts.get)
    candidates = [d for d in all_languages().values() if d["script"] == script]
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]["code"]
    # A language whose alphabet adds letters to the script's common ones (Kazakh: ә ғ қ ң ө ұ ү һ і)
    # shows them in any sentence; text without them is the script's default language.
    counts = {d["code"]: sum(c in d["distinctive_letters"] for c in letters)
              for d in candidates if d["distinctive_letters"]}
    best = max(counts, key=counts.get, default=None)
    if best and counts[best] >= max(1, len(letters) * MIN_DISTINCTIVE_SHARE):
        return best
    return default_for_script(script)


def default_for_script(script):
    """The language assumed for a script when no distinctive letter decides (the first listed)."""
    for code, data in all_languages().items():
        if data["script"] == script and data.get("default_for_script"):
            return code
    return None


def _alternation(phrases):
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@cache
def label_index():
    """Every label word with what it labels and its language: [(kind, key, lang, phrase)]."""
    index = []
    for code, data in all_languages().items():
        index += [("abstract", "abstract", code, p) for p in data["abstract_labels"]]
        index += [("keywords", "keywords", code, p) for p in data["keyword_labels"]]
        index += [("references", "references", code, p) for p in data["reference_titles"]]
        for sec_type, phrases in data["headings"].items():
            index += [("heading", sec_type, code, p) for p in phrases]
    return index


@cache
def label_pattern():
    """A regex that finds a label at the start of a paragraph, run-in or on its own.

    Numbering ("1.", "I.") may stand before it; ".", ":", "—" or the end may follow.
    """
    phrases = _alternation(p for *_, p in label_index())
    return re.compile(
        rf"^\s*(?:(?:\d{{1,2}}|[IVX]{{1,4}})[.)]\s*)?(?P<label>{phrases})"
        rf"\s*(?:(?P<sep>[.:]|\s[—–-])\s*|$)(?P<rest>.*)$",
        re.IGNORECASE | re.DOTALL,
    )


def match_label(paragraph):
    """(kind, key, lang, label_text, rest) when a paragraph begins with a label, else None."""
    m = label_pattern().match(paragraph)
    if not m:
        return None
    found = re.sub(r"\s+", " ", m.group("label")).casefold()
    for kind, key, lang, phrase in label_index():
        if phrase.casefold() == found:
            rest = m.group("rest").strip()
            # A heading word used as an ordinary first word ("Введение в …") is not a heading.
            if rest and not m.group("sep"):
                return None
            return kind, key, lang, m.group("label"), rest
    return None


def label_text(lang, key):
    """The printed label for a part (abstract, keywords, references…) in a language."""
    data = all_languages().get(lang) or all_languages()["en"]
    return data["labels"][key]
