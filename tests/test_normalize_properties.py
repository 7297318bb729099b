"""Properties of normalization on generated articles in all three languages, with injected page
furniture, line-end hyphenation and look-alike letters: it repairs the damage, keeps every letter,
and running it again changes nothing."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from galley import synthetic
from galley.normalize import normalize, skeleton
from galley.structure import build

ARTICLES = st.builds(synthetic.make, seed=st.integers(0, 10**6), lang=st.sampled_from(["ru", "kk", "en"]))
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(ARTICLES)
def test_every_letter_of_the_clean_text_survives_and_nothing_is_added(article):
    assert skeleton(normalize(article.raw).text) == skeleton(article.clean)


@SETTINGS
@given(ARTICLES)
def test_normalization_is_idempotent(article):
    once = normalize(article.raw).text
    assert normalize(once).text == once


@SETTINGS
@given(ARTICLES)
def test_structure_is_found_in_every_language(article):
    result = build(normalize(article.raw).paragraphs)
    assert result.lang == article.lang
    assert set(result.front) == {"ru", "kk", "en"}
    assert len(result.sections) == 4 and len(result.references) == 5


# A short line that ends in a letter, then a line that starts with a number (or is one): the
# normalizer kept the number as text, set apart, and read its own output's number as a page number.
NUMBER_LINES = st.tuples(st.sampled_from(["слово", "Итоги года", "сөздер", "Results", "таблица"]),
                         st.sampled_from(["12", "3", "2021", "- 7 -", "12 человек пришли.", "45 states"]),
                         st.sampled_from(["", "Далее текст.", "Next sentence.", "-", "."]))


@SETTINGS
@given(ARTICLES, st.lists(st.tuples(st.integers(0, 10**6), NUMBER_LINES), max_size=4))
def test_normalization_is_idempotent_with_numbers_at_line_starts(article, insertions):
    paragraphs = article.raw.split("\n\n")
    for at, lines in insertions:
        paragraphs.insert(at % (len(paragraphs) + 1), "\n".join(line for line in lines if line))
    once = normalize("\n\n".join(paragraphs)).text
    assert normalize(once).text == once
