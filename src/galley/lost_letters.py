"""Letters a font, a keyboard or an extraction tool lost, for languages whose file lists them
(`lost_letters`: Kazakh's ә ғ қ ң ө ұ ү һ і, lost to а г к н о у х и).

Two ways, two answers:
- A whole block damaged the same way (a legacy font that drew қ on ц's code point, і on "1"; or
  one letter lost everywhere): a mapping from `legacy_fonts.yaml`, or one letter's stand-in, is
  applied to the block when the dictionary then clearly knows more of its words, and the block's
  words that could be the language's are the ones damaged. Words known as written stay.
- A word here and there ("катысты" in a text full of қ): listed for the editor with the
  restoration the dictionary knows, and changed only when the editor confirms it in article.yaml
  (`restorations`).

Nothing here changes a block that another language's dictionary reads (Russian, English).
"""

import re
from dataclasses import dataclass
from itertools import combinations

from . import dictionary
from .languages import all_languages, detect_language, load_yaml
from .lexicon import restorations, stand_ins

MIN_RISE = 0.1  # the share of a block's words a mapping must make known…
MIN_CHANGED = 2  # …the words it must repair at least…
MIN_CONSISTENT = 0.5  # …and the share of the unknown words holding a mapped character it must repair
MAX_PLACES = 6  # a word with more mapped characters than this is tried with all of them mapped only
MAX_ROUNDS = 3  # mappings applied one after another to a block (a font's, then a letter lost too)
FOREIGN_KNOWN = 0.5  # a block whose own language's dictionary knows this share of it is left alone
SAMPLE = 5000  # characters of a block enough to tell its language
MAX_SUGGESTED = 2000  # unknown words of a document looked at for restorations, in the text's order
ABBREVIATION = 4  # a word in capitals this short is an abbreviation ("ӘОЖ"): no restoration is suggested
WORD = re.compile(r"[^\W\d_]+")
TOKEN = re.compile(r"[^\W_]+")  # letters and digits
SENTENCE = re.compile(r"[^.!?…]*(?:[.!?…]+|$)")
OPENING = "«\"“‘'(["


@dataclass(frozen=True)
class Mapping:
    name: str
    table: dict  # the character as extracted → the letter it stands for
    whole_block: bool  # a single letter's stand-in: only where the letter is missing from the block

    def pattern(self):
        """A word, the mapping's characters (digits too) counting as letters; never part of a number."""
        extra = "".join(re.escape(c) for c in self.table if not c.isalpha())
        return re.compile(rf"(?<!\d)(?:[^\W\d_]{'|[' + extra + ']' if extra else ''})+(?!\d)")


def mappings(lang):
    """The legacy fonts' mappings for a language, then each lost letter's stand-in on its own."""
    found = [Mapping(entry["name"], dict(entry["map"]), False)
             for entry in (load_yaml("legacy_fonts.yaml") or {}).get(lang) or []]
    for stand_in, letters in stand_ins(lang).items():
        for letter in letters:
            found.append(Mapping(f"{letter} lost to {stand_in} throughout",
                                 {stand_in: letter, stand_in.upper(): letter.upper()}, True))
    return found


def languages_with_lost_letters():
    return [code for code, data in all_languages().items() if data.get("lost_letters") and dictionary.available(code)]


def block_language(text):
    """The language with lost letters a block is in or may be in, or None.

    It is when its letters and words say so; it may be when they say another language of the same
    script whose dictionary reads less than half of it (a legacy font's Kazakh in capitals, with
    no Kazakh letter left, looks Russian to the letters; Russian hunspell knows none of its words).
    """
    langs = languages_with_lost_letters()
    detected = detect_language(text[:SAMPLE])
    if detected in langs or detected is None or not dictionary.available(detected):
        return detected if detected in langs else None
    words = {w for w in TOKEN.findall(text[:SAMPLE]) if not w.isdigit()}  # "Т1Л1НДЕГ1" is one word
    if not words or 1 - len(_unknown(words, detected)) / len(words) >= FOREIGN_KNOWN:
        return None
    script = all_languages()[detected]["script"]
    return next((code for code in langs if all_languages()[code]["script"] == script), None)


# --- a whole block ------------------------------------------------------------------------------

@dataclass
class Repair:
    mapping: Mapping
    words: dict  # word as written → repaired
    changed: int  # words of the block changed (each occurrence)
    total: int  # words of the block
    known_before: int  # words the dictionary knows as written
    made_known: int  # changed words it knows after

    def report(self, line):
        after = self.known_before + self.made_known
        return {"rule": "letter-mapping", "line": line, "mapping": self.mapping.name, "words_changed": self.changed,
                "known_before": round(self.known_before / self.total, 3), "known_after": round(after / self.total, 3),
                "text": self.mapping.name,
                "message": (f"{self.changed} words of the block changed by this mapping: the dictionary knows "
                            f"{self.known_before} of its {self.total} words as written, {after} after; check them")}


def repair_document(blocks):
    """[(block, language or None)] → [(block repaired, [Repair])].

    Each block is judged on its own first; a mapping proven on some block is then tried on the
    blocks that proved nothing (a heading, a code line, a short paragraph), where one word it makes
    known is enough (a lost letter must still be missing from the block)."""
    repaired = [repair_block(text, lang) if lang else (text, []) for text, lang in blocks]
    proven = list({r.mapping.name: r.mapping for _, done in repaired for r in done}.values())
    if proven:
        repaired = [repair_block(text, lang, proven) if lang and not done else (fixed, done)
                    for (text, lang), (fixed, done) in zip(blocks, repaired)]
    return repaired


def repair_block(text, lang, proven=None):
    """The block with its damaged words repaired, and each Repair applied (none: the block as it was).

    proven: the font mappings the rest of the document proved, to try alone, with a lower bar."""
    done = []
    for _ in range(MAX_ROUNDS):
        tried = [r for m in proven or mappings(lang)
                 if m not in [d.mapping for d in done] and (r := _evaluate(text, lang, m, bool(proven)))]
        if not tried:
            break
        best = max(tried, key=lambda r: (r.changed, -len(r.mapping.table)))
        text = best.mapping.pattern().sub(lambda m, words=best.words: _repaired(m, words), text)
        done.append(best)
    return text, done


def _evaluate(text, lang, mapping, proven=False):
    """The Repair a mapping makes of a block, when it clearly and consistently raises the share of
    words the dictionary knows (proven elsewhere in the document: when it makes one word known, or
    only maps characters that are no letters of the language); else None."""
    words = [w for w in mapping.pattern().findall(text) if any(c.isalpha() for c in w)]
    if not words:
        return None
    # A word known only through a stem carrying half of it counts as unknown: "Алғашцы", "жүйенін".
    unknown = _unknown(words, lang, stems=False)
    holding = {w for w in unknown if any(c in mapping.table for c in w)}
    if not holding:
        return None
    variants = {w: _variants(w, mapping.table) for w in holding}
    known = _known({v for vs in variants.values() for v in vs}, lang)
    repaired = {}
    for word, spellings in variants.items():
        # A font's characters are its letters wherever they stand, so the most of them mapped; a lost
        # letter's stand-in is also a letter of its own, so the fewest ("экономикалык": one к of two).
        good = sorted((v for v in spellings if v in known),
                      key=lambda v: _mapped_count(word, v) * (1 if mapping.whole_block else -1))
        if good and (len(good) == 1 or _mapped_count(word, good[0]) != _mapped_count(word, good[1])):
            repaired[word] = good[0]
    made_known = sum(w in repaired for w in words)
    if proven:
        if not (made_known or not mapping.whole_block and all(_foreign_places(w, lang) for w in holding)):
            return None
    elif (made_known < MIN_CHANGED or made_known / len(words) < MIN_RISE
          or len(repaired) / len(holding) < MIN_CONSISTENT):
        return None
    if mapping.whole_block and not _letter_missing(text, mapping, repaired, words):
        return None
    if not mapping.whole_block:
        # A font's characters stand for its letters throughout the block: an unknown word holding
        # them is mapped whole even when the dictionary lacks it too (a rare form, a name).
        repaired.update((w, _best_guess(w, variants[w], lang)) for w in holding if w not in repaired)
        repaired = {w: v for w, v in repaired.items() if v != w}
    known_before = len(words) - sum(w in unknown for w in words)
    return Repair(mapping, repaired, sum(w in repaired for w in words), len(words), known_before, made_known)


def _unknown(words, lang, stems=True):
    """Words the dictionary does not know as written; one holding a digit, or a letter outside the
    language's alphabet (which hunspell would split the word at), is none it knows."""
    alphabet = set(all_languages()[lang]["alphabet"])
    return dictionary.unknown_words(words, lang, stems) | {w for w in words if not set(w.lower()) <= alphabet}


def _foreign_places(word, lang):
    alphabet = set(all_languages()[lang]["alphabet"])
    return [i for i, c in enumerate(word) if c.lower() not in alphabet]


def _known(words, lang, stems=False):
    """The words of the language's letters that its dictionary knows."""
    alphabet = set(all_languages()[lang]["alphabet"])
    letters = {w for w in words if w.isalpha() and set(w.lower()) <= alphabet}
    return letters - dictionary.unknown_words(letters, lang, stems)


def _best_guess(word, spellings, lang):
    """A word none of whose spellings the dictionary lists (a rare form, a name): the spelling that
    begins like a listed word for longest (most characters mapped first), at least the word with
    the characters that are no letters of the language mapped."""
    places = _foreign_places(word, lang)
    least = [v for v in spellings if [i for i, (a, b) in enumerate(zip(word, v)) if a != b] == places] or [word]
    return max([*spellings, *least], key=lambda v: dictionary.listed_prefix(v.lower(), lang) if v.isalpha() else -1)


def _variants(word, table):
    """The word with some or all of its mapped characters replaced, most replaced first."""
    places = [i for i, c in enumerate(word) if c in table]
    sizes = [len(places)] if len(places) > MAX_PLACES else range(len(places), 0, -1)
    capitals = _in_capitals(word, places)
    found = []
    for size in sizes:
        for chosen in combinations(places, size):
            spelled = list(word)
            for i in chosen:
                letter = table[word[i]]
                spelled[i] = letter.upper() if capitals and not word[i].isalpha() else letter
            found.append("".join(spelled))
    return found


def _in_capitals(word, places):
    letters = [c for i, c in enumerate(word) if i not in places and c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _mapped_count(word, spelled):
    return sum(a != b for a, b in zip(word, spelled))


def _letter_missing(text, mapping, repaired, words):
    """One letter lost everywhere: the letter is (nearly) absent from the block as written, fewer
    times than the mapping would put it back."""
    letters = {v.lower() for v in mapping.table.values()}
    written = sum(c.lower() in letters for c in text)
    restored = sum(_mapped_count(w, repaired[w]) for w in words if w in repaired)
    return written < restored


def _repaired(match, words):
    word = match.group(0)
    fixed = words.get(word, word)
    if fixed != word and not word[0].isalpha() and _at_sentence_start(match.string, match.start()):
        fixed = fixed[0].upper() + fixed[1:]  # "0мір" opening a sentence: "Өмір"
    return fixed


def _at_sentence_start(text, start):
    before = text[:start].rstrip().rstrip(OPENING).rstrip()
    return not before or before.endswith((".", "!", "?", "…"))


# --- word by word ---------------------------------------------------------------------------------

def suggestions(paragraphs, starts, line_of_word, stop=lambda paragraph: False):
    """Warnings for the words unknown to their block's dictionary that it knows with one or two
    lost letters put back: the word, its restoration(s), the sentence it stands in.

    line_of_word(word, paragraph's first line): the source line the word stands on; stop: a
    paragraph from which on nothing is the author's prose (the reference list)."""
    by_lang = {}
    for paragraph, line in zip(paragraphs, starts):
        if stop(paragraph):
            break
        lang = detect_language(paragraph[:SAMPLE])
        if lang in languages_with_lost_letters():
            for word in WORD.findall(paragraph):
                if len(word) >= 3 and not (word.isupper() and len(word) <= ABBREVIATION):
                    by_lang.setdefault(lang, {}).setdefault(word, (line, paragraph))
    warnings = []
    for lang, words in by_lang.items():
        for word, spellings in restorable(words, lang).items():
            start, paragraph = words[word]
            line = line_of_word(word, start)
            shown = " / ".join(spellings)
            # The restored word written elsewhere in the text makes the restoration likelier.
            seen = [v for v in spellings if v in words]
            also = f" (the text writes «{seen[0]}» elsewhere)" if seen else ""
            warnings.append({"rule": "restoration", "line": line, "lang": lang, "text": f"{word} → {shown}",
                             "word": word, "restorations": spellings, "context": sentence_of(paragraph, word),
                             "message": (f"«{sentence_of(paragraph, word)}» — the {lang} dictionary knows the word "
                                         f"with lost letters restored{also}; to apply it, confirm it in article.yaml: "
                                         f"restorations: {{{word}: {spellings[0]}}}")})
    return sorted(warnings, key=lambda w: w["line"])


def restorable(words, lang):
    """{word: [restorations the dictionary knows]} for the words it does not know as written."""
    lost = stand_ins(lang)
    unknown = dictionary.unknown_words(words, lang, stems=False)
    unknown = [w for w in words if w in unknown][:MAX_SUGGESTED]
    variants = {w: restorations(w, lost) for w in unknown}
    known = _known({v for vs in variants.values() for v in vs}, lang)
    found = {}
    for word in sorted(unknown):
        good = [v for v in variants[word] if v in known]
        if good:
            fewest = min(_mapped_count(word, v) for v in good)
            found[word] = [v for v in good if _mapped_count(word, v) == fewest]
    return found


def sentence_of(paragraph, word):
    """The sentence of the paragraph the word first stands in (shortened to 200 characters)."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    for sentence in SENTENCE.findall(paragraph):
        if pattern.search(sentence):
            sentence = sentence.strip()
            return sentence if len(sentence) <= 200 else sentence[:199] + "…"
    return word


# --- what the editor confirmed -----------------------------------------------------------------------

def not_restorations(confirmed):
    """The editor's restorations ({word: restored}) that do more than put lost letters back."""
    return [(word, restored) for word, restored in confirmed.items() if not _only_restores(str(word), str(restored))]


def _only_restores(word, restored):
    """Same length, and each letter that differs is a lost letter put back in place of its stand-in."""
    if len(word) != len(restored) or word == restored:
        return False
    tables = [stand_ins(code) for code in languages_with_lost_letters()]
    return all(a == b or any(b.lower() in table.get(a.lower(), "") for table in tables)
               for a, b in zip(word, restored))


def apply_confirmed(paragraph, confirmed):
    """The paragraph with the editor's restorations made (whole words, as written, and the word in
    capitals or capitalised), and [(before, after)] for each word changed."""
    spellings = {}
    for word, restored in confirmed.items():
        for shape in (str, str.capitalize, str.upper):
            spellings.setdefault(shape(str(word)), shape(str(restored)))
    changes = []

    def replace(match):
        word = match.group(0)
        if word in spellings:
            changes.append((word, spellings[word]))
            return spellings[word]
        return word

    return WORD.sub(replace, paragraph), changes


def letter_pairs(before, after):
    """The (as written, as repaired) characters of a word changed letter for letter."""
    return {(a, b) for a, b in zip(before, after) if a != b}
