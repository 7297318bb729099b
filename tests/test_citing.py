"""The sentence that cites a missing entry, as the editor is shown it: its quotation marks paired,
the author's words never changed, and the author it names. Every text here is invented."""

import re

import pytest

from galley.citing import ELISION, WIDEST, citing_sentence, named_authors, quotations
from galley.languages import quote_pairs
from galley.structure import SENTENCE_END, build


def cited(text, lang):
    """The citing sentence of the citation [5] in a paragraph, and the authors it names."""
    sentence = citing_sentence(text, text.index("[5]"), [m.end() for m in SENTENCE_END.finditer(text)], lang)
    return sentence, named_authors(sentence, lang)


def balanced(sentence, lang):
    """Whether every quotation mark of a sentence has its partner."""
    return all(opened is not None and closed is not None
               for opened, closed, _ in quotations(sentence, quote_pairs(lang)))


def authors_words(sentence, paragraph):
    """The excerpt less the elision marks it may carry: what must be the paragraph's own text."""
    return re.sub(rf"^\W?{re.escape(ELISION)} | {re.escape(ELISION)}\W?$", "", sentence)


CASES = [
    # a quotation opened a sentence before the one the citation ends: taken from where it opens
    ("ru", "Вода дорожает. По словам Р. Т. Омарова, «реки общие. Их делят все страны бассейна» [5].",
     "По словам Р. Т. Омарова, «реки общие. Их делят все страны бассейна»", "Р. Т. Омарова"),
    # the citation inside the quotation: the quotation runs on to its closing mark
    ("ru", "Омаров Р. Т. писал: «Вода дорожает. Её делят страны [5], и никто не уступает». Далее.",
     "Омаров Р. Т. писал: «Вода дорожает. Её делят страны [5], и никто не уступает»", "Омаров Р. Т."),
    # the opening mark is in no text the paragraph holds: the cut is marked
    ("ru", "Горы высоки. Реки текут на запад» [5].", "«[…] Реки текут на запад»", ""),
    # an author-year citation names the author; the sentence's first word is no name
    ("en", "Rivers run west. Following Marlow (2014) the basin states share their data [5].",
     "Following Marlow (2014) the basin states share their data", "Marlow"),
    ("en", "As Quill and Darrow (2019) put it, “basins need shared rules. Money follows [5]” and more.",
     "As Quill and Darrow (2019) put it, “basins need shared rules. Money follows [5]”", "Quill and Darrow"),
    ("en", "Tamsin et al. showed that silt settles [5]. Then it moves.",
     "Tamsin et al. showed that silt settles", "Tamsin et al."),
    # straight quotation marks pair with each other
    ("en", 'Orrin J. K. wrote: "the flood came early. It stayed [5]" that year.',
     'Orrin J. K. wrote: "the flood came early. It stayed [5]"', "Orrin J. K."),
    # a full name is taken beside a reporting verb of the language files, before or after it
    ("en", "Dams age. As Karl Marten argues, rivers are shared by all [5].",
     "As Karl Marten argues, rivers are shared by all", "Karl Marten"),
    ("ru", "Как справедливо отмечает Ирина Лесова, «вода дорожает» [5].",
     "Как справедливо отмечает Ирина Лесова, «вода дорожает»", "Ирина Лесова"),
    # a name inside the quotation is quoted, not cited; a place is no author
    ("ru", "В Южной Долине сказали: «как учил В. Ф. Зимин, вода общая» [5].",
     "В Южной Долине сказали: «как учил В. Ф. Зимин, вода общая»", ""),
]


@pytest.mark.parametrize("lang, paragraph, sentence, authors", CASES)
def test_the_citing_sentence_pairs_its_quotation_marks_and_names_its_author(lang, paragraph, sentence, authors):
    got, named = cited(paragraph, lang)
    assert got == sentence
    assert named == authors
    assert balanced(got, lang)
    assert authors_words(got, paragraph) in paragraph  # the author's words, never changed


def test_a_quotation_too_long_to_show_whole_is_elided_not_cut():
    opening = "Он писал: «" + " ".join(["вода течёт на запад и уходит в песок."] * (WIDEST // 30)) + " "
    paragraph = opening + "Реки мелеют [5], и поля сохнут». Конец."
    got, _ = cited(paragraph, "ru")
    assert len(got) < WIDEST and balanced(got, "ru")
    assert got.startswith("«" + ELISION) and "Реки мелеют [5], и поля сохнут»" in got


def test_a_missing_entry_carries_its_citing_sentence_and_author():
    article = build([
        "Водные ресурсы региона",
        "Введение",
        "Поля сохнут [1]. По мнению Д. Е. Сорокиной, «вода — общее благо. Её надо беречь» [2]. Реки мелеют.",
        "Список литературы",
        "1. Лесов П. Поля и реки. Алматы: Издательство, 2001. 100 с.",
    ])
    [missing] = [r for r in article.references if r.get("custom", {}).get("status") == "missing"]
    assert missing["custom"]["hints"] == ["По мнению Д. Е. Сорокиной, «вода — общее благо. Её надо беречь»"]
    assert missing["custom"]["cited_by"] == "Д. Е. Сорокиной"
    [warning] = [w for w in article.warnings if w["rule"] == "missing-reference"]
    assert warning["cited_by"] == "Д. Е. Сорокиной" and "as by Д. Е. Сорокиной" in warning["message"]
    assert warning["hint"] == missing["custom"]["hints"][0]
