"""hunspell's answers depend on the word asked and nothing else, so one article cannot change how
another is repaired (the jobs of a process share each language's dictionaries)."""

import json
import subprocess
import sys

import pytest

from galley import dictionary

pytestmark = pytest.mark.skipif(not dictionary.available("en"), reason="no English hunspell dictionary")

# The word that once marked the end of each batch in a pipe to the hunspell command, then unknown
# words that sort after it: an answer cut short at the text's copy of it had left theirs in the pipe.
ODD_ARTICLE = ("A note on the word qqxzqjzv and on zzkrbl, zzqwv and zzzyxv, which are no words.\n\n"
               "The method is simple and the results are clear.\n")
HYPHEN_ARTICLE = ("The survey asked about a well-\nknown problem of water supply in small towns, and about "
                  "the prob-\nlems of their budgets.\n")


def test_each_word_gets_its_own_answer_whatever_came_before():
    speller = dictionary.speller("en")
    assert speller.unknown(["house", "qqxzqjzv", "zzkrbl", "zzqwv"]) == {"qqxzqjzv", "zzkrbl", "zzqwv"}
    assert speller.unknown(["table", "window", "xxyyzq"]) == {"xxyyzq"}


def test_a_word_is_known_when_any_of_the_languages_dictionaries_knows_it():
    # English is en_US and en_GB, as "hunspell -d en_US,en_GB" reads them.
    assert dictionary.hunspell_dictionary("en").count(",") == 1
    assert dictionary.unknown_words(["colour", "color", "modelling", "colur"], "en") == {"colur"}


def test_words_of_scripts_no_dictionary_is_for_are_not_judged():
    # Chinese ideographs and mathematical italic letters, which hunspell's own reader skips; a word
    # of Latin-1's letters without case (the ordinal indicator) is asked like any other.
    assert dictionary.unknown_words(["我们为何这么忙碌", "𝑑𝑓", "º", "house"], "en") == {"º"}


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
    alone = normalized_in_one_process(tmp_path, [HYPHEN_ARTICLE])[-1]
    after = normalized_in_one_process(tmp_path, [ODD_ARTICLE, HYPHEN_ARTICLE])[-1]
    assert after == alone
    assert "well-known" in alone and "problems" in alone


def test_suggestions_answer_each_word_of_each_batch():
    # A misspelling, a word with nothing close and a known word, then another batch.
    first = dictionary.suggestions(["recieve", "zzqwvkrb", "house"], "en")
    assert "receive" in first["recieve"] and first["zzqwvkrb"] == [] and first["house"] == []
    second = dictionary.suggestions(["langauge", "tabel"], "en")
    assert "language" in second["langauge"] and "table" in second["tabel"]


def test_suggestions_come_from_the_dictionaries_without_n_grams():
    # The installed affix files, read as they are: the same rules, no n-gram suggestions, and the
    # letters tried in a word in lower case only.
    for path in dictionary.hunspell_dictionary("en").split(","):
        ours_lines = dictionary.suggesting_affixes(path).decode("utf-8").splitlines()
        theirs_lines = open(f"{path}.aff", "rb").read().decode("utf-8").splitlines()
        assert ours_lines[-1] == "MAXNGRAMSUGS 0"
        changed = [(a, b) for a, b in zip(ours_lines, theirs_lines) if a != b]
        assert all(a.startswith("TRY ") and a[4:] == "".join(c for c in b[4:] if not c.isupper()) for a, b in changed)
        assert any(c.isupper() for a, b in changed for c in b), "the installed TRY tries capitals"


def test_the_suggesting_dictionaries_leave_no_file_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    script = ("import tempfile; from galley import dictionary\n"
              "print(dictionary.suggestions(['recieve'], 'en')['recieve'][:1], tempfile.gettempdir())")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["['receive']", str(tmp_path)] and not list(tmp_path.iterdir())


def test_an_affix_file_without_its_encoding_keeps_its_letters():
    # Without a SET line what hunspell reads is not certain: nothing is changed.
    affixes = "\ufeffTRY абвАБВ\r\nPFX A Y 1\r\n".encode("utf-8")
    assert dictionary.lower_case_tries(affixes) == affixes
    assert dictionary.lower_case_tries(b"SET UTF-8\n" + affixes[3:]) == "SET UTF-8\nTRY абв\r\nPFX A Y 1\r\n".encode()
