"""Extra word lists for hunspell, built at set-up from openly licensed data in Debian's packages.

Kazakh: hunspell-kk (GPL-2+/LGPL-2.1+/MPL-1.1) lists stems with too few of the long suffix chains
Kazakh builds on them. Debian's `tesseract-ocr-kaz` (Apache-2.0, Google's tessdata_fast) ships
the word list tesseract's Kazakh model was trained with, words seen in Kazakh web text, inflected
forms and all. Web text also holds words that lost a Kazakh letter ("катысты" beside "қатысты"):
a listed word that becomes another listed word by restoring one or two lost letters (the language
file's `lost_letters`) is taken for the damaged copy and left out, so the dictionary never vouches
for a damaged word.

    python -m galley.lexicon [OUT_FOLDER]   # make setup runs this: OUT_FOLDER/<lang>_galley.dic
"""

import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from itertools import combinations, product
from pathlib import Path

from .languages import all_languages, language

# Debian's tessdata folders (tesseract 5, then 4), where the language packages put their models.
TESSDATA = [Path("/usr/share/tesseract-ocr/5/tessdata"), Path("/usr/share/tesseract-ocr/4.00/tessdata")]
MAX_RESTORED = 2  # letters restored at most, in a word-level suggestion and in the lexicon's filter
MAX_PLACES = 10  # a word with more stand-in letters than this gets one letter restored only (the
#                  pairs would grow with the square of its length)


def default_folder():
    """Where set-up puts the built dictionaries: inside the virtualenv the pipeline runs in."""
    return Path(sys.prefix) / "share" / "galley" / "hunspell"


def dictionary_name(lang):
    return f"{lang}_galley"


def restorations(word, lost, most=MAX_RESTORED):
    """Every spelling of the word with one up to `most` letters put back: lost maps a stand-in
    letter to the letters it stands for ({"к": "қ", "у": "ұү"}); case is kept."""
    places = [i for i, c in enumerate(word) if c.lower() in lost]
    found = []
    for count in range(1, (most if len(places) <= MAX_PLACES else 1) + 1):
        for chosen in combinations(places, count):
            for letters in product(*(lost[word[i].lower()] for i in chosen)):
                spelled = list(word)
                for i, letter in zip(chosen, letters):
                    spelled[i] = letter.upper() if word[i].isupper() else letter
                found.append("".join(spelled))
    return found


def stand_ins(lang):
    """{stand-in letter: the language's letters it stands for}, from the file's `lost_letters`."""
    table = {}
    for letter, others in (language(lang).get("lost_letters") or {}).items():
        for other in others:
            table[other] = table.get(other, "") + letter
    return table


def tesseract_words(lang_code):
    """The words of tesseract's model for a language (its ISO 639-2 code), as listed, or []."""
    model = next((folder / f"{lang_code}.traineddata" for folder in TESSDATA
                  if (folder / f"{lang_code}.traineddata").exists()), None)
    if model is None or not (shutil.which("combine_tessdata") and shutil.which("dawg2wordlist")):
        return []
    with tempfile.TemporaryDirectory() as tmp:
        prefix = f"{tmp}/{lang_code}."
        subprocess.run(["combine_tessdata", "-u", str(model), prefix], check=True, capture_output=True)
        listed = Path(f"{tmp}/words.txt")
        subprocess.run(["dawg2wordlist", f"{prefix}lstm-unicharset", f"{prefix}lstm-word-dawg", str(listed)],
                       check=True, capture_output=True)
        return listed.read_text(encoding="utf-8").split()


def clean_words(words, lang):
    """Lower-case words of the language's letters only, less the copies that lost a letter.

    The list has no frequencies; how many of its case forms it holds (word, Word, WORD) stands
    for how common a word is. Of two words that differ by a lost letter the one with the letter
    stays, and the other too when it is the more common ("қазақстандағы" beside a rare
    "қазақстаңдағы" is no damaged copy)."""
    alphabet = set(language(lang)["alphabet"])
    forms = Counter(w.lower() for w in set(words) if len(w) > 1 and set(w.lower()) <= alphabet)
    lost = stand_ins(lang)
    return sorted(w for w in forms if not any(forms.get(r, 0) >= forms[w] for r in restorations(w, lost)))


def write_dictionary(words, folder, name):
    """A hunspell dictionary of plain words (no affixes): name.dic and an .aff that only sets UTF-8."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (folder / f"{name}.dic").write_text(f"{len(words)}\n" + "".join(f"{w}\n" for w in words), encoding="utf-8")


def build(folder=None):
    """Each language whose file names a `lexicon` source: its extra dictionary, built in folder."""
    folder = Path(folder) if folder else default_folder()
    built = {}
    for code, data in all_languages().items():
        source = (data.get("spelling") or {}).get("lexicon") or {}
        if "tesseract" not in source:
            continue
        words = clean_words(tesseract_words(source["tesseract"]), code)
        if words:
            write_dictionary(words, folder, dictionary_name(code))
        built[code] = len(words)
    return built


if __name__ == "__main__":
    for code, count in build(sys.argv[1] if len(sys.argv) > 1 else None).items():
        print(f"{code}: {count} words" if count else f"{code}: no word list (install tesseract-ocr and its model)")
