"""Line-end hyphens in every form (U+002D, U+2010, U+2011, soft hyphen, at a page's end before its
furniture), each decided by the text's own spellings, the hyphen's character, numbers, dictionaries,
a capital; what nothing decides is flagged. Made-up words ("кввя", "щщцц") are known to no
dictionary, so only the rule under test can decide them."""

import pytest

from galley import hyphenation
from galley.normalize import normalize

COMPOUND = " Научно-технический прогресс."  # the text writes its compounds with U+002D


@pytest.mark.parametrize("text, paragraph, flagged", [
    # U+2010 where the text's compounds use U+002D: the typesetter's hyphenation point
    ("Текст кввя\u2010\nщщцц идёт." + COMPOUND, "Текст кввящщцц идёт." + COMPOUND, False),
    # the same with U+002D: nothing decides, kept and flagged
    ("Текст кввя-\nщщцц идёт." + COMPOUND, "Текст кввя-щщцц идёт." + COMPOUND, True),
    # a soft hyphen is a hyphenation point by definition
    ("Текст кввя\u00ad\nщщцц идёт.", "Текст кввящщцц идёт.", False),
    # U+2011 (non-breaking) is a written hyphen, decided like U+002D
    ("Совместный бизнес\u2011\nфорум прошёл.", "Совместный бизнес\u2011форум прошёл.", False),
    # the text writes the word elsewhere: with its hyphen, or as one word
    ("Слово кввя-щщцц и ещё кввя-\nщщцц тут.", "Слово кввя-щщцц и ещё кввя-щщцц тут.", False),
    ("Слово кввящщцц и ещё кввя-\nщщцц тут.", "Слово кввящщцц и ещё кввящщцц тут.", False),
    # a number beside the hyphen: written so
    ("Pandemic of COVID-\n19 in 2010-\n2015 years.", "Pandemic of COVID-19 in 2010-2015 years.", False),
    # the second part of a compound broken again
    ("Это научно-техни-\nческий прогресс.", "Это научно-технический прогресс.", False),
    # the dictionary: the joined word known, or both halves known
    ("The results of inter‐\nnational cooperation.", "The results of international cooperation.", False),
    ("Совместный бизнес-\nфорум прошёл.", "Совместный бизнес-форум прошёл.", False),
    # a capitalised second half: a compound with a name
    ("Встречи в Алма-\nАте прошли.", "Встречи в Алма-Ате прошли.", False),
    # a heading in capitals
    ("ОБРАЗО-\nВАНИЕ И НАУКА", "ОБРАЗОВАНИЕ И НАУКА", False),
])
def test_line_end_hyphens(text, paragraph, flagged):
    result = normalize(text + "\n")
    assert result.paragraphs == [paragraph]
    assert any(c.rule == "hyphenation" for c in result.changes)
    assert any(w["rule"] == "hyphenation" for w in result.warnings) == flagged


@pytest.mark.parametrize("head, tail, paragraph", [
    ("кввя", "щщцц", "кввящщцц"),  # a lower-case continuation: joined, as most line-end hyphens are
    ("Кввя", "Щщцц", "Кввя-Щщцц"),  # a capital: a compound with a name, kept
])
def test_a_script_without_dictionary_joins_a_lower_case_continuation_and_flags_it(monkeypatch, head, tail, paragraph):
    monkeypatch.setattr(hyphenation, "_dictionaries_by_script", lambda: {"cyrillic": [], "latin": []})
    result = normalize(f"Слово {head}-\n{tail} идёт.\n")
    assert result.paragraphs == [f"Слово {paragraph} идёт."]
    assert [w["rule"] for w in result.warnings if w["rule"] == "hyphenation"] == ["hyphenation"] * (tail.islower())


def test_a_word_split_at_the_end_of_a_page_is_joined_after_its_furniture():
    prose = ("Строка текста статьи о совместной работе учёных разных стран и городов региона\n" * 4).strip()
    head = "Вестник выдуманных наук. 2031. № 3"
    pages = [f"{prose}\nпродолжается поли‐\n\n57\n", f"{head}\n\nтика региона, и так далее.\n{prose}\n\n58\n",
             f"{head}\n\nКонец.\n"]
    result = normalize("\f".join(pages))
    assert "продолжается политика региона, и так далее." in result.text
    rules = [c.rule for c in result.changes]
    assert rules.count("page-number") == 2 and rules.count("running-head") == 2


def test_the_hyphen_character_of_a_text_is_told_from_its_share_of_the_hyphens_inside_lines():
    inside = "Слова " + "кое-где и " * 9 + "device‐based.\n"  # one U+2010 in ten hyphens inside lines
    evidence = hyphenation.TextEvidence([inside, "кввя‐", "щщцц и кввя-", "щщцц"])
    assert evidence.marks == {hyphenation.SOFT_HYPHEN, "\u2010"}
    assert hyphenation.TextEvidence(["Слова device‐based и ещё кввя‐", "щщцц"]).marks == {hyphenation.SOFT_HYPHEN}


@pytest.mark.parametrize("elsewhere, joined", [
    ("Слово кввящщцц уже было.", "кввящщцц"),  # the text has the whole word: the number took the hyphen's place
    ("Слово кввя уже было, и щщцц тоже.", "кввя щщцц"),  # both halves are words of the text: two words
])
def test_a_page_number_glued_to_a_cut_word_goes_and_the_word_is_joined_when_the_text_has_it(elsewhere, joined):
    prose = [f"Строка {n} текста статьи о совместной работе учёных разных стран и городов" for n in range(4)]
    head = "Вестник выдуманных наук. 2031. № 3"
    pages = [[head, elsewhere, *prose, "а здесь идёт слово кввя"], [head, *prose, "58"],
             [head, *prose, "и снова слово кввя59"], [head, "щщцц и конец.", *prose, "60"]]
    result = normalize("\f".join("\n".join(page) + "\n" for page in pages))
    assert f"слово {joined} и конец." in result.text
    assert any(c.rule == "page-number" and c.before.endswith("кввя59") and c.after.endswith("кввя")
               for c in result.changes)
