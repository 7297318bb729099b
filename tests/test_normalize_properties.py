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
