"""Each normalization rule, table-driven, and the sample's known defects."""

import codecs

import pytest

from conftest import ROOT, SAMPLE
from galley.decode import decode
from galley.errors import InputError
from galley.languages import load_yaml
from galley.normalize import normalize, repair_word, skeleton

CYRILLIC_TEXT = "Политическая интеграция государств региона обсуждается в научной литературе.\n"


@pytest.mark.parametrize("data, encoding", [
    (CYRILLIC_TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + CYRILLIC_TEXT.encode("utf-8"), "utf-8-sig"),
    (CYRILLIC_TEXT.encode("utf-16"), "utf-16"),
    (CYRILLIC_TEXT.encode("cp1251"), "cp1251"),
    (CYRILLIC_TEXT.encode("koi8_r"), "koi8_r"),
])
def test_encodings_are_detected_and_converted(data, encoding):
    text, found = decode(data, "a.txt")
    assert (text, found) == (CYRILLIC_TEXT, encoding)


@pytest.mark.parametrize("data, problem", [
    (b"", "empty"),
    (b"  \n\t\n", "white space"),
    (b"text\x00\x01\x02 more", "NUL"),
    (bytes(range(256)) * 4, "binary"),
])
def test_unusable_input_is_refused_with_the_file_named(data, problem):
    with pytest.raises(InputError) as err:
        decode(data, "sources/x/article.txt")
    assert "sources/x/article.txt" in str(err.value) and problem in str(err.value)


@pytest.mark.parametrize("word, expected", [
    ("САЯCАТТАНУ", "САЯСАТТАНУ"),        # Latin C in a Kazakh word
    ("мəселесінің", "мәселесінің"),      # Latin schwa for the Kazakh ә
    ("Kazаkhstan", "Kazakhstan"),         # Cyrillic а in an English word
    ("Wi-Fi-сеть", "Wi-Fi-сеть"),        # mixed on purpose: left alone
    ("интеграция", None),                 # nothing to do
])
def test_lookalike_letters(word, expected):
    assert repair_word(word, load_yaml("lookalikes.yaml")) == expected


@pytest.mark.parametrize("lines, paragraph", [
    (["Это слово полити-", "ческого анализа."], "Это слово политического анализа."),
    (["Совместный бизнес-", "форум прошёл в мае."], "Совместный бизнес-форум прошёл в мае."),
    (["The results of inter-", "national cooperation."], "The results of international cooperation."),
    (["Прошли встречи в Алма-", "Ате и Астане."], "Прошли встречи в Алма-Ате и Астане."),
])
def test_line_end_hyphens_are_decided_by_dictionary(lines, paragraph):
    result = normalize("\n".join(lines) + "\n")
    assert result.paragraphs == [paragraph]
    assert any(c.rule == "hyphenation" for c in result.changes)


def test_undecidable_hyphen_is_kept_and_flagged():
    result = normalize("Текст про кввя-\nщщцц и прочее.\n")
    assert result.paragraphs == ["Текст про кввя-щщцц и прочее."]
    assert [w["rule"] for w in result.warnings] == ["hyphenation"]


def test_running_head_and_page_number_in_mid_sentence_are_removed_and_sentence_rejoined():
    wrap = "слово " * 15
    text = (f"{wrap}начало предложения\nпро регион, где\n\n\n\n"
            "Bulletin of Some University, Series of Sciences, No. 4 (80), 2022\n\n58\n\n"
            f"продолжается та же мысль.\n{wrap}\n")
    result = normalize(text)
    assert "начало предложения про регион, где продолжается та же мысль." in result.paragraphs[0]
    assert not any("Bulletin" in p or "58" in p for p in result.paragraphs)
    assert result.furniture["pages_seen"] == [58]
    assert result.furniture["year"] == 2022 and result.furniture["issue"] == "4"
    assert {c.rule for c in result.changes} >= {"running-head", "page-number"}


def test_repeated_running_head_is_found_without_any_journal_word():
    body = "Длинная строка обычного текста статьи, которая переносится по ширине полосы набора журнала.\n"
    page = body * 5 + "\nИванов А.Б., Петров В.Г.\n\n"
    result = normalize(page * 3 + body)
    assert not any("Иванов" in p for p in result.paragraphs)
    assert [c.rule for c in result.changes].count("running-head") == 3


@pytest.mark.parametrize("line, fixed", [
    ("тоқталып өткен . Мақалада", "тоқталып өткен. Мақалада"),
    ("уже  имеет   опыт", "уже имеет опыт"),
])
def test_spacing(line, fixed):
    assert normalize(line + "\n").paragraphs == [fixed]


def test_blank_line_inside_a_sentence_does_not_split_the_paragraph():
    result = normalize("Введение. Актуальность темы обусловлена тем, что в политической\n\nнауке есть работы.\n")
    assert result.paragraphs == ["Введение. Актуальность темы обусловлена тем, что в политической науке есть работы."]


def test_soft_hyphens_and_crlf_are_removed_and_reported():
    result = normalize("инте\u00adграция регионов\r\nпродолжается.\r\n")
    assert result.paragraphs == ["интеграция регионов продолжается."]
    assert {"soft-hyphen", "line-ends"} <= {c.rule for c in result.changes}


def test_sample_defects_are_repaired_and_every_letter_is_kept():
    raw = (ROOT / "sources" / SAMPLE / "article.txt").read_text(encoding="utf-8")
    result = normalize(raw)
    lookalikes = [c for c in result.changes if c.rule == "lookalike"]
    assert sum(c.before.count("ə") for c in lookalikes) == 8
    assert any(c.before == "САЯCАТТАНУ" for c in lookalikes)
    text = result.text
    assert "проблемами в сфере безопасности" in text
    assert "политического компромисса" in text and "бизнес-форум" in text
    assert "ВЕСТНИК КазНПУ" not in text
    furniture = {c.line for c in result.changes if c.rule in ("running-head", "page-number")}
    kept = "\n".join(line for n, line in enumerate(raw.split("\n"), 1) if n not in furniture)
    repaired = kept.replace("ə", "ә").replace("САЯCАТТАНУ", "САЯСАТТАНУ")
    assert skeleton(repaired) == skeleton(text)


@pytest.mark.parametrize("text, expected", [
    ("по мнению М. Каплана, как", "по мнению М.\u00a0Каплана, как"),
    ("мнение Ташболатовой Ш., которая", "мнение Ташболатовой\u00a0Ш., которая"),
    ("[1, с. 152-167] и [3, p. 12]", "[1, с.\u00a0152-167] и [3, p.\u00a012]"),
    ("журнал №2 за год", "журнал №\u00a02 за год"),
    ("интеграция – это процесс", "интеграция\u00a0– это процесс"),
])
def test_no_break_spaces_where_typography_wants_them(text, expected):
    result = normalize(text + "\n")
    assert result.paragraphs == [expected]
    assert {c.rule for c in result.changes} == {"no-break-space"}


def test_words_unknown_to_the_dictionary_are_warned_about_not_fixed():
    result = normalize("Хотелось бы отметить, что спех интеграции зависит от эконмических интересов.\n")
    assert "спех" in result.text and "эконмических" in result.text
    assert {w["text"] for w in result.warnings if w["rule"] == "spelling"} == {"спех", "эконмических"}


def test_a_running_head_of_author_names_beside_a_page_number_goes_and_the_word_it_split_is_rejoined():
    wrap = "Текст статьи о региональной интеграции в Центральной Азии продолжается дальше и дальше,\n"
    text = (wrap * 3 + "а здесь обсуждается политика в ре-\n\n\n"
            "Иванов А.Б., Петров В.Г. Региональная интеграция\n\n57\n\nгионе и за его пределами.\n")
    result = normalize(text)
    assert "политика в регионе и за его пределами." in result.paragraphs[0]
    found = [(c.rule, c.line) for c in result.changes if c.rule in ("running-head", "page-number", "hyphenation")]
    assert sorted(found) == [("hyphenation", 4), ("page-number", 9), ("running-head", 7)]


def test_a_paragraph_that_starts_with_a_name_is_never_taken_for_a_running_head():
    wrap = "Текст статьи о региональной интеграции в Центральной Азии продолжается дальше и дальше.\n"
    text = wrap * 3 + "\nИванов А.Б. отмечал, что интеграция идет медленно.\n\n57\n\n" + wrap
    result = normalize(text)
    assert any(p.startswith("Иванов") for p in result.paragraphs)


def test_ligatures_unfold_and_font_glyphs_go_each_line_reported():
    result = normalize("The \ufb01rst \ufb02ow of \ufb03ces\uf8eb ran east\x01.\n\nA sane line.\n")
    assert result.paragraphs == ["The first flow of ffices ran east.", "A sane line."]
    changes = [c for c in result.changes if c.rule == "font-glyphs"]
    assert [(c.line, c.after) for c in changes] == [(1, "The first flow of ffices ran east.")]
    assert "\ufb01" in changes[0].before and "\uf8eb" in changes[0].before
    # A symbol font's sign in its own private code ("=" as U+F03D) is text: it stays.
    assert normalize("Let x \uf03d y hold.\n").paragraphs == ["Let x \uf03d y hold."]
