"""How much of the tests' Kazakh text the Kazakh dictionary knows, by method (issue 24).

Method: the Kazakh paragraphs (told by galley.languages.detect_language) of every article of
sources/ and tests/fixtures/articles/, normalized, up to the reference list, plus the Kazakh
vocabulary of galley.synthetic; each word of three letters or more is asked of:
- hunspell-kk: Debian's hunspell-kk alone;
- + stems: and a listed stem carrying half of the word (what the pipeline did before);
- + word list: hunspell-kk and kk_galley, the list built from tesseract-ocr-kaz (no stems);
- all: both.
For each: the share of words known, and the unknown words per 100 words that are no damaged word
(no restoration of one or two lost letters is known): false alarms a spelling warning would give.

    .venv/bin/python bench/kazakh_lexicon.py
"""

import re
from pathlib import Path

from galley import dictionary, lost_letters, synthetic
from galley.decode import decode
from galley.languages import detect_language, match_label
from galley.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[^\W\d_]{3,}")


def kazakh_words():
    words = []
    for path in sorted([*ROOT.glob("sources/*/article.txt"), *ROOT.glob("tests/fixtures/articles/*/article.txt")]):
        for paragraph in normalize(decode(path.read_bytes(), str(path))[0]).paragraphs:
            label = match_label(paragraph)
            if label and label[0] == "references":
                break
            if detect_language(paragraph) == "kk":
                words += WORD.findall(paragraph)
    return words + WORD.findall(" ".join(synthetic.VOCABULARY["kk"]))


def unknown_by(method, words):
    """The words a method does not know: hunspell-kk alone is asked through a one-dictionary speller."""
    if method in ("hunspell-kk", "+ stems"):
        base = dictionary.Hunspell(dictionary.hunspell_dictionary("kk").split(",")[:1])
        unknown = base.unknown(sorted({w for w in words if w.isalpha()}))
        if method == "+ stems":
            own = set("".join(lost_letters.stand_ins("kk").values()))
            unknown = {w for w in unknown if not (own & set(w.lower()) and dictionary._stem_known(w.lower(), "kk"))}
        return unknown
    return dictionary.unknown_words(words, "kk", stems=method == "all")


def main():
    words = kazakh_words()
    damaged = set(lost_letters.restorable(set(words), "kk"))
    print(f"{len(words)} Kazakh words ({len(set(words))} distinct) from the tests' Kazakh texts")
    print(f"{'method':<14} {'known':>7} {'false alarms / 100 words':>26}")
    for method in ("hunspell-kk", "+ stems", "+ word list", "all"):
        unknown = unknown_by(method, words)
        known = sum(w not in unknown for w in words) / len(words)
        false = sum(w in unknown and w not in damaged for w in words) / len(words) * 100
        print(f"{method:<14} {known:>7.1%} {false:>26.2f}")
    print("damaged words (a restoration known):", ", ".join(sorted(damaged)))


if __name__ == "__main__":
    main()
