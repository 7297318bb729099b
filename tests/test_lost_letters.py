"""Kazakh letters lost on the way (issue 24): a legacy font's mapping repaired across a block,
Russian and English text left alone, word-level restorations suggested and applied only when the
editor confirms them, and every changed word reported."""

import difflib
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SAMPLE
from galley import dictionary, lexicon
from galley.decode import decode
from galley.errors import InputError
from galley.languages import detect_language, load_yaml
from galley.lost_letters import letter_pairs
from galley.normalize import normalize, run

pytestmark = pytest.mark.skipif(not dictionary.available("kk"), reason="no Kazakh hunspell dictionary")

KAZAKH_SOURCES = [ROOT / "sources" / SAMPLE / "article.txt", FIXTURES / "articles" / "kk-party-system" / "article.txt"]
FONTS = load_yaml("legacy_fonts.yaml")["kk"]
WORD = re.compile(r"[^\W_]+")


def source_text(path):
    return decode(Path(path).read_bytes(), str(path))[0]


def damaged(text, table):
    """The text as a legacy font gives it: every Kazakh line's letters replaced by the font's
    characters (a digit stands for the small and the capital letter); the reference list as it was."""
    reverse = {letter: char for char, letter in table.items()}
    reverse.update({letter.upper(): char for char, letter in table.items() if not char.isalpha()})
    lines = text.split("\n")
    cut = next(k for k, line in enumerate(lines) if line.strip().startswith("Әдебиеттер") or k == len(lines) - 1)
    return "\n".join("".join(reverse.get(c, c) for c in line) if k < cut and detect_language(line) == "kk" else line
                     for k, line in enumerate(lines))


@pytest.mark.parametrize("font", FONTS, ids=[f["name"][:20] for f in FONTS])
@pytest.mark.parametrize("path", KAZAKH_SOURCES, ids=lambda p: p.parent.name)
def test_a_legacy_fonts_kazakh_comes_back_letter_for_letter(path, font):
    text = source_text(path)
    broken = damaged(text, font["map"])
    assert broken != text
    original, repaired = normalize(text), normalize(broken)
    assert repaired.paragraphs == original.paragraphs
    mappings = [w for w in repaired.warnings if w["rule"] == "letter-mapping"]
    assert mappings and all(w["mapping"] == font["name"] for w in mappings)
    assert all(w["words_changed"] > 0 and w["known_after"] >= w["known_before"] for w in mappings)
    assert sum(w["known_after"] > w["known_before"] for w in mappings) >= len(mappings) / 2


@pytest.mark.parametrize("path", KAZAKH_SOURCES, ids=lambda p: p.parent.name)
def test_no_word_changes_without_a_report_line(path):
    # The sample's Latin ə, which the look-alike rule reports piece by piece, made Kazakh first.
    broken = damaged(source_text(path).replace("ə", "ә"), FONTS[0]["map"])
    result = normalize(broken)
    reported = {(c.before, c.after) for c in result.changes}
    before, after = WORD.findall(broken), WORD.findall(result.text)
    changed = set()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            changed |= {(a, b) for a, b in zip(before[i1:i2], after[j1:j2]) if len(a) == len(b)}
    assert changed and changed <= reported


def test_a_letter_lost_throughout_a_kazakh_text_is_put_back_where_the_dictionary_knows_the_word():
    text = source_text(KAZAKH_SOURCES[1])
    original = set(WORD.findall(normalize(text).text))
    broken = damaged(text, {"н": "ң", "Н": "Ң"})  # every ң of the Kazakh lines written н
    result = normalize(broken)
    restored = [c for c in result.changes if c.rule == "letter-mapping"]
    assert len(restored) >= 5
    assert all(c.after in original and letter_pairs(c.before, c.after) <= {("н", "ң"), ("Н", "Ң")} for c in restored)
    assert any(w["rule"] == "letter-mapping" and "ң" in w["mapping"] for w in result.warnings)


RUSSIAN = ("Цены на щебень и цемент выросли в 2010 году на 10 процентов, а щедрые цифры отчёта "
           "о 1 квартале не подтвердились. Анализ цепочки поставок показал, что цех № 01 простаивал.\n")
ENGLISH = ("The 10 zinc samples were kept at 0 degrees for 1 hour; the citric acid test of batch C1 "
           "showed no change in 2010, and the zircon cores stayed intact.\n")


def test_russian_and_english_paragraphs_with_the_fonts_characters_stay_untouched():
    kazakh = damaged(source_text(KAZAKH_SOURCES[1]), FONTS[0]["map"])
    result = normalize(kazakh + "\n" + RUSSIAN + "\n" + ENGLISH)
    assert any(c.rule == "letter-mapping" for c in result.changes)  # the Kazakh was repaired…
    assert RUSSIAN.strip() in result.text.replace("\u00a0", " ")  # …and these not at all
    assert ENGLISH.strip() in result.text.replace("\u00a0", " ")
    alone = normalize(RUSSIAN + "\n" + ENGLISH)
    assert not [c for c in alone.changes if c.rule == "letter-mapping"]


def test_an_intact_kazakh_text_is_not_mapped():
    for path in KAZAKH_SOURCES:
        result = normalize(source_text(path))
        assert not [c for c in result.changes if c.rule in ("letter-mapping", "restoration")]


def test_the_samples_lost_letters_are_suggested_with_their_sentence():
    result = normalize(source_text(KAZAKH_SOURCES[0]))
    suggested = {w["text"]: w for w in result.warnings if w["rule"] == "restoration"}
    assert "катысты → қатысты" in suggested and "Еуразиялык → Еуразиялық" in suggested
    assert "катысты" in suggested["катысты → қатысты"]["context"]
    assert "катысты" in result.text and "Еуразиялык" in result.text  # never applied silently


def test_the_proofing_page_suggests_the_samples_restorations(built):
    page = (built / SAMPLE / f"{SAMPLE}.proof.html").read_text(encoding="utf-8")
    assert "катысты → қатысты" in page and "Еуразиялык → Еуразиялық" in page


def test_a_restoration_the_editor_confirms_is_applied_and_reported(tmp_path):
    (tmp_path / "article.yaml").write_text("restorations:\n  катысты: қатысты\n", encoding="utf-8")
    run(KAZAKH_SOURCES[0], tmp_path / "n.txt", tmp_path / "n.json", tmp_path / "article.yaml")
    text = (tmp_path / "n.txt").read_text(encoding="utf-8")
    assert "қатысты әр түрлі" in text and "катысты" not in text
    report = (tmp_path / "n.json").read_text(encoding="utf-8")
    assert '"rule": "restoration"' in report and '"before": "катысты"' in report


def test_a_restoration_that_changes_more_than_lost_letters_is_refused(tmp_path):
    (tmp_path / "article.yaml").write_text("restorations:\n  катысты: байланысты\n", encoding="utf-8")
    with pytest.raises(InputError, match="restorations"):
        run(KAZAKH_SOURCES[0], tmp_path / "n.txt", tmp_path / "n.json", tmp_path / "article.yaml")
    assert not (tmp_path / "n.txt").exists()


def test_the_word_list_keeps_no_copy_that_lost_a_letter():
    # Invented words: "бақша" as printed everywhere, "бакша" once lost its қ; "тасқын" common, a
    # rare "таңқын" beside it is a typo, not the word it was damaged from.
    listed = ["бақша", "Бақша", "БАҚША", "бакша", "тасқын", "Тасқын", "таңқын"]
    words = lexicon.clean_words(listed, "kk")
    assert "бақша" in words and "бакша" not in words
    assert "тасқын" in words


def test_restorations_put_back_one_or_two_letters():
    found = lexicon.restorations("кок", lexicon.stand_ins("kk"))
    assert "көк" in found and "қоқ" in found and "қөқ" not in found


def test_a_suggestion_says_when_the_text_writes_the_restored_word_elsewhere():
    # Invented: the word written with its қ once, and once without.
    text = "Бұл мәселеге қатысты деректер жиналды. Зерттеу катысты мекемелердің жұмысын талдайды.\n"
    result = normalize(text)
    [suggestion] = [w for w in result.warnings if w["rule"] == "restoration"]
    assert suggestion["text"] == "катысты → қатысты" and "elsewhere" in suggestion["message"]
    assert result.paragraphs == [text.strip()]
