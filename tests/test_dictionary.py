"""hunspell's answers stay in step whatever the text holds, so one article cannot change how
another is repaired (jobs share one hunspell process per language)."""

import json
import subprocess
import sys

import pytest

from galley import dictionary
from galley.dictionary import Speller, batch_marker

pytestmark = pytest.mark.skipif(not dictionary.available("en"), reason="no English hunspell dictionary")

# The marker word, then unknown words that sort after it: an answer cut short at the text's own
# copy of the marker would leave theirs in the pipe for the next batch to read.
MARKER_ARTICLE = ("A note on the word {marker} and on zzkrbl, zzqwv and zzzyxv, which are no words.\n\n"
                  "The method is simple and the results are clear.\n")
HYPHEN_ARTICLE = ("The survey asked about a well-\nknown problem of water supply in small towns, and about "
                  "the prob-\nlems of their budgets.\n")


def test_a_word_of_the_text_that_equals_the_marker_keeps_the_answers_in_step():
    speller = dictionary.speller("en")
    assert speller.unknown(["house", Speller.MARKER, "zzkrbl", "zzqwv"]) == {Speller.MARKER, "zzkrbl", "zzqwv"}
    assert speller.unknown(["table", "window", "xxyyzq"]) == {"xxyyzq"}


def test_the_marker_is_no_piece_of_any_word():
    marker = batch_marker(["a" + Speller.MARKER + "b", Speller.MARKER + "q"], Speller.MARKER)
    assert marker.startswith(Speller.MARKER) and all(marker not in w for w in ["a" + Speller.MARKER + "b"])
    assert batch_marker(["house"], Speller.MARKER) == Speller.MARKER


def normalized_in_one_process(tmp_path, texts):
    """Each text normalized in turn in one fresh process (as jobs of one build are): their results."""
    paths = []
    for n, text in enumerate(texts):
        path = tmp_path / f"{n}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    script = ("import json, sys\nfrom galley.normalize import normalize\n"
              "print(json.dumps([normalize(open(p, encoding='utf-8').read()).text for p in sys.argv[1:]]))")
    run = subprocess.run([sys.executable, "-c", script, *paths], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_one_article_cannot_change_another_articles_repairs(tmp_path):
    marker_article = MARKER_ARTICLE.format(marker=Speller.MARKER)
    alone = normalized_in_one_process(tmp_path, [HYPHEN_ARTICLE])[-1]
    after = normalized_in_one_process(tmp_path, [marker_article, HYPHEN_ARTICLE])[-1]
    assert after == alone
    assert "well-known" in alone and "problems" in alone


def test_one_suggesting_process_answers_each_batch_in_step():
    # A misspelling, a word with nothing close and a known word, then another batch: each word gets
    # its own answer, none left in the pipe for the next.
    first = dictionary.suggestions(["recieve", "zzqwvkrb", "house"], "en")
    assert "receive" in first["recieve"] and first["zzqwvkrb"] == [] and first["house"] == []
    second = dictionary.suggestions(["langauge", "tabel"], "en")
    assert "language" in second["langauge"] and "table" in second["tabel"]


def test_suggestions_come_from_the_dictionaries_without_n_grams():
    # Built once per process beside the installed files, which stay as they are: the same affix
    # rules, no n-gram suggestions, and the letters tried in a word in lower case only.
    derived = dictionary.suggesting_dictionary("en").split(",")
    installed = dictionary.hunspell_dictionary("en").split(",")
    assert len(derived) == len(installed)
    for ours, theirs in zip(derived, installed):
        ours_lines = open(f"{ours}.aff", "rb").read().decode("utf-8").splitlines()
        theirs_lines = open(f"{theirs}.aff", "rb").read().decode("utf-8").splitlines()
        assert ours_lines[-1] == "MAXNGRAMSUGS 0"
        changed = [(a, b) for a, b in zip(ours_lines, theirs_lines) if a != b]
        assert all(a.startswith("TRY ") and a[4:] == "".join(c for c in b[4:] if not c.isupper()) for a, b in changed)
        assert any(c.isupper() for a, b in changed for c in b), "the installed TRY tries capitals"


def test_an_affix_file_without_its_encoding_keeps_its_letters():
    # Without a SET line what hunspell reads is not certain: nothing is changed.
    affixes = "\ufeffTRY абвАБВ\r\nPFX A Y 1\r\n".encode("utf-8")
    assert dictionary.lower_case_tries(affixes) == affixes
    assert dictionary.lower_case_tries(b"SET UTF-8\n" + affixes[3:]) == "SET UTF-8\nTRY абв\r\nPFX A Y 1\r\n".encode()
