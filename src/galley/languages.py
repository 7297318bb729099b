"""Language knowledge from data files: labels, heading words, alphabets, frequent words, language
detection.

Adding a language is adding a file to data/languages/, or to a folder named in the environment
variable GALLEY_LANGUAGES (folders separated as in PATH; a file there replaces the built-in one of
the same code).
"""

import os
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import yaml

DATA = resources.files("galley") / "data"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it
LANGUAGE_FOLDERS_VARIABLE = "GALLEY_LANGUAGES"
# Words with letters a language's alphabet lacks, up to this share of a text's words, are loanwords;
# more, and the text is not in that language.
FOREIGN_WORD_SHARE = 0.05
CLEAR_EVIDENCE = 6  # own letters, and frequent words counted twice, more than a preferred language shows
WORD = re.compile(r"[^\W\d_]+")


@cache
def load_yaml(name):
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=SAFE_LOADER)


def language_folders():
    """The built-in language folder, then those of GALLEY_LANGUAGES."""
    extra = [Path(p) for p in os.environ.get(LANGUAGE_FOLDERS_VARIABLE, "").split(os.pathsep) if p]
    return [DATA / "languages", *extra]


@cache
def all_languages():
    """{code: data} for every language file, in a stable order (built-in files first)."""
    found = {}
    for folder in language_folders():
        for path in sorted(p for p in folder.iterdir() if p.name.endswith(".yaml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
            found[data["code"]] = data
    return found


def reload():
    """Read the language files again (after GALLEY_LANGUAGES changed): every cached view is dropped."""
    for function in (all_languages, letters, name_letters, abbreviations, and_words, name_particles, et_al_words,
                     locator_words, abbreviation_words, common_words, label_index, label_pattern, part_pattern,
                     classification_labels, institution_words, front_note_phrases, quote_pairs,
                     reporting_verbs, detect_language):
        function.cache_clear()


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
def name_letters():
    """(capitals, small letters) for personal names: every language's letters and every cased letter
    of the Latin and Cyrillic blocks, since names keep the letters of their own languages ("Ø",
    "Å", "ł")."""
    upper, lower = letters()
    blocks = [chr(c) for c in (*range(0x00C0, 0x0250), *range(0x0400, 0x0530))]
    extra_upper = "".join(c for c in blocks if c.isupper() and c not in upper)
    extra_lower = "".join(c for c in blocks if c.islower() and c not in lower)
    return upper + extra_upper, lower + extra_lower


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


@cache
def name_particles():
    """Every language's lower-case words inside personal names ("da Silva", "van Dover")."""
    return frozenset(w for data in all_languages().values() for w in data.get("name_particles", []))


@cache
def common_words():
    """Every language's frequent words and 'and' words, lower-case: words no name is made of."""
    return frozenset(w.casefold() for data in all_languages().values()
                     for w in [*data.get("frequent_words", []), *data.get("and_words", [])])


@cache
def et_al_words():
    """A regular-expression alternation of every language's "et al." ("и др.", "т.б.")."""
    return _alternation(w for data in all_languages().values() for w in data.get("et_al", []))


@cache
def quote_pairs(lang):
    """((opening, closing), …): the quotation marks of the language's file first, then every other
    language's whose marks none taken already uses ("“" closes a quotation in Russian, opens one
    in English: a Russian text's “ is read the Russian way)."""
    data = all_languages()
    ordered = [data[lang]] if lang in data else []
    ordered += [d for code, d in data.items() if code != lang]
    pairs, used = [], set()
    for language_data in ordered:
        for opening, closing in language_data.get("quotes", []):
            if not {opening, closing} & used:
                pairs.append((opening, closing))
                used |= {opening, closing}
    return tuple(pairs)


@cache
def reporting_verbs():
    """A regular-expression alternation of the verbs that report what a named person says ("argues",
    "отмечал"): beside a full name in a citing sentence, the name is the cited author's."""
    return _alternation(w for data in all_languages().values() for w in data.get("reporting_verbs", []))


@cache
def locator_words():
    """A regular-expression alternation of the words before a page or part in a citation ("p.", "с.")."""
    return _alternation(w for data in all_languages().values() for w in data.get("locators", []))


@cache
def abbreviation_words():
    """Every language's abbreviations and citation locators without their full stop, case folded
    ("vol", "no", "p", "с"): words a number follows that is no citation."""
    words = set()
    for data in all_languages().values():
        for phrase in [*data.get("locators", []), *(p for ps in data["abbreviations"].values() for p in ps)]:
            words.add(phrase.rstrip(".").casefold())
    return frozenset(words)


@cache
def classification_labels():
    """{code: [labels]} of the classification codes printed above a title (UDC, IRSTI), every language's."""
    merged = {}
    for data in all_languages().values():
        for code, labels in (data.get("classification_labels") or {}).items():
            merged.setdefault(code, []).extend(label for label in labels if label not in merged[code])
    return merged


@cache
def institution_words():
    """Every language's words that make a front-matter line an affiliation (regular expressions)."""
    return [w for data in all_languages().values() for w in data.get("institution_words", [])]


@cache
def front_note_phrases(kind):
    """A regular-expression alternation of every language's phrases of a kind of front note printed
    around a title (article_types, access, dates, citing, correspondence, editors), longest first; "" if none."""
    return _alternation(p for data in all_languages().values()
                        for p in (data.get("front_notes") or {}).get(kind) or [])


def citeproc_locale(code):
    """citeproc-py's locale for a language's reference terms (its data file names the nearest one)."""
    data = all_languages().get(code) or all_languages()["en"]
    return data["citeproc_locale"]


def citeproc_fallback_locale(code):
    """The locale whose terms stand in when neither citeproc-py nor the style has the language's own
    (Russian for Kazakh); the language's own locale when its data file names none."""
    data = all_languages().get(code) or all_languages()["en"]
    return data.get("citeproc_fallback_locale") or data["citeproc_locale"]


@cache  # a text has few distinct characters, and language detection asks for each of them often
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


@lru_cache(maxsize=4096)  # the stages ask about each paragraph several times
def detect_language(text, prefer=None):
    """The language a block is written in, or None when it has too few letters to tell.

    prefer: the language a label printed before the block names ("Түйін сөздер:"); it wins when
    the text fits its alphabet and no other language shows clearly more of its own (a short line
    of keywords seldom does).

    The script first; then, among that script's languages, those whose alphabet holds the text's
    letters (a few loanword letters aside), and of these the one with most of its own distinctive
    letters and frequent words. Kazakh and Kyrgyz share ө ү ң, Kyrgyz lacks ә ғ қ ұ һ і, and their
    frequent words (және, үшін against жана, үчүн) decide between them; text with neither letters
    nor words of its own is the script's default language.
    """
    lower = text.lower()
    letters = [c for c in lower if c.isalpha()]
    if len(letters) < 3:
        return None
    scripts = {"cyrillic": 0, "latin": 0}
    for c, count in Counter(letters).items():
        if s := script_of(c):
            scripts[s] += count
    script = max(scripts, key=scripts.get)
    candidates = [d for d in all_languages().values() if d["script"] == script]
    if len(candidates) < 2:
        return candidates[0]["code"] if candidates else None
    words = WORD.findall(text)
    scores = {d["code"]: _evidence(d, words) for d in candidates}
    fitting = {code: score for code, score in scores.items() if score[0]} or scores
    best = max(fitting, key=fitting.get)
    if prefer in fitting and fitting[best][1] - fitting[prefer][1] < CLEAR_EVIDENCE:
        return prefer
    if fitting[best][1:] > (0, 0, 0):
        return best
    return default_for_script(script) or best


def _evidence(data, words):
    """(alphabet fits, own letters and words, share of the language's own letters seen, frequent words).

    Names ("Diomandé" in English, "Қазақстан" in Russian) tell nothing of the language around them:
    capitalised words count only in a text set in capitals."""
    alphabet, own = alphabet_set(data["code"]), set(data.get("distinctive_letters") or "")
    capitals = sum(w[0].isupper() for w in words) > len(words) / 2
    telling = [w.lower() for w in words if capitals or not w[0].isupper()]
    letters = "".join(telling)
    # letters of the language's script its alphabet lacks: a word holding one is foreign to it
    strange = {c for c in set(letters) if c not in alphabet and script_of(c) == data["script"]}
    foreign = sum(1 for w in telling if not strange.isdisjoint(w)) if strange else 0
    fits = foreign <= len(words) * FOREIGN_WORD_SHARE
    own_letters = sum(count for c, count in Counter(letters).items() if c in own)
    frequent = set(data.get("frequent_words") or [])
    frequent_count = sum(w.lower() in frequent for w in words)
    coverage = len(own & set(letters)) / len(own) if own else 0
    return fits, own_letters + 2 * frequent_count, coverage, frequent_count


@cache
def alphabet_set(code):
    return frozenset(all_languages()[code]["alphabet"])


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
    """Every label word with what it labels and its language: [(kind, key, lang, phrase)].

    A label printed in several languages ("Аннотация" in Russian and Kyrgyz) is given to its script's
    default language when that is one of them: the text after it decides the rest."""
    index = []
    for code, data in all_languages().items():
        index += [("abstract", "abstract", code, p) for p in data["abstract_labels"]]
        index += [("keywords", "keywords", code, p) for p in data["keyword_labels"]]
        index += [("references", "references", code, p) for p in data["reference_titles"]]
        for sec_type, phrases in data["headings"].items():
            index += [("heading", sec_type, code, p) for p in phrases]
    def is_default(code):
        return bool(all_languages()[code].get("default_for_script"))

    defaults_phrases = {p.casefold() for _, _, code, p in index if is_default(code)}

    def shared_with_a_default(entry):
        return entry[3].casefold() in defaults_phrases and not is_default(entry[2])

    return sorted(index, key=shared_with_a_default)  # stable: those entries last, so never found first


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


@cache
def part_pattern():
    """A regex that finds the label of a structured abstract's part ("Methods:", "Цель.") at the start
    of a paragraph, with text after it."""
    phrases = _alternation(p for data in all_languages().values()
                           for parts in (data.get("abstract_parts") or {}).values() for p in parts)
    return re.compile(rf"^\s*(?P<label>{phrases})\s*(?P<sep>[:.])\s*(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)


def match_abstract_part(paragraph):
    """(label as printed, separator, rest) when a paragraph opens with a structured abstract's part label."""
    m = part_pattern().match(paragraph)
    return (m.group("label"), m.group("sep"), m.group("rest")) if m else None


def label_text(lang, key):
    """The printed label for a part (abstract, keywords, references…) in a language."""
    data = all_languages().get(lang) or all_languages()["en"]
    return data["labels"][key]
