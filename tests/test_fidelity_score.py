"""The fidelity benchmark's measures on small hand-written inputs: each detector finds what it must and
nothing the truth itself prints, and a JATS written from a truth scores 100."""

import copy
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from fidelity import check_floor, floor_from, score_article  # noqa: E402
from fidelity_jats import read_jats, truth_to_jats  # noqa: E402
from fidelity_score import (  # noqa: E402
    Vocabulary,
    citation_groups,
    citations_score,
    hyphenation_errors,
    keywords_f1,
    leaks,
    normalize,
    pair_references,
    score_by_language,
    section_recall,
    text_similarity,
    title_similarity,
)


def errors(output, truth, joined=()):
    return dict(hyphenation_errors(output, Vocabulary(truth, joined)))


def leak_count(output, truth, furniture=(), pages=()):
    return leaks(output, truth, list(furniture), list(pages), Vocabulary(truth))


# --- text ---------------------------------------------------------------------------------------------

def test_normalize_unifies_spaces_composition_and_hyphens():
    assert normalize("  a\u00a0b\n\tc\u202fd ") == "a b c d"
    assert normalize("и\u0306") == "й"
    assert normalize("well\u2010known") == "well-known"


def test_text_similarity_weighs_missing_and_extra_text_by_characters():
    truth = "The river carries silt into the bay every spring."
    assert text_similarity(truth, truth) == 1.0
    assert text_similarity(truth, "The river carries silt") < 0.8
    assert text_similarity(truth, truth + " Journal of Rivers 2031, 4(2) 118") < 1.0
    assert text_similarity(truth, truth.replace("spring", "sprung")) > text_similarity(truth, "The river")
    assert text_similarity("", "") == 1.0 and text_similarity("text", "") == 0.0


def test_title_ignores_case_and_trailing_punctuation_only():
    assert title_similarity("Silt in the Bay", "SILT IN THE BAY.") == 1.0
    assert title_similarity("Silt in the Bay", "Silt in the bay Anna Lind, Ola Berg") < 0.7


def test_keywords_are_split_at_commas_on_both_sides():
    assert keywords_f1(["silt", "tidal mixing", "estuary"], ["Silt, tidal mixing", "estuary."]) == 1.0
    assert keywords_f1(["silt", "estuary"], ["silt"]) == pytest.approx(2 / 3)
    assert keywords_f1(["silt"], []) == 0.0


def test_a_part_under_another_language_tag_earns_half():
    truth = {"en": "Silt moves.", "kk": "Тұнба қозғалады."}
    assert score_by_language(truth, {"en": "Silt moves.", "kk": "Тұнба қозғалады."}, text_similarity) == 1.0
    assert score_by_language(truth, {"en": "Silt moves.", "ky": "Тұнба қозғалады."}, text_similarity) == 0.75
    assert score_by_language(truth, {"en": "Silt moves."}, text_similarity) == 0.5
    assert score_by_language({}, {"en": "x"}, text_similarity) is None


def test_section_titles_recall_in_order_without_numbering_or_punctuation():
    truth = ["Introduction", "Sampling sites", "Results"]
    assert section_recall(truth, ["1. Introduction", "2.1 Sampling sites:", "3 RESULTS"]) == 1.0
    assert section_recall(truth, ["Results", "Introduction"]) == pytest.approx(1 / 3)
    assert section_recall(truth, ["Introduction", "Figure 2", "Results"]) == pytest.approx(2 / 3)


# --- hyphenation --------------------------------------------------------------------------------------

TRUTH_TEXT = "The tidal well-known channel carries sediment. Sediment settles in the bay."


@pytest.mark.parametrize("output", ["carries sedi\u2010ment", "carries sedi\u2010 ment", "carries sedi- ment",
                                    "carries sedi-ment"])
def test_a_kept_line_end_hyphen_is_counted(output):
    assert errors(output, TRUTH_TEXT) == {"kept": 1}


def test_a_real_compound_and_an_unknown_word_are_not_counted():
    assert errors("the well-known channel, well\u2010known", TRUTH_TEXT) == {}
    assert errors("a figure-caption leftover", TRUTH_TEXT) == {}


def test_a_compound_broken_at_its_own_hyphen_keeps_it():
    assert errors("the well- known channel", TRUTH_TEXT) == {"kept": 1}
    assert errors("the well-kno-wn channel", TRUTH_TEXT) == {"kept": 1}


def test_a_word_split_in_two_is_counted_unless_the_truth_prints_the_pair():
    assert errors("carries sedi ment", TRUTH_TEXT) == {"split": 1}
    assert errors("in the bay", TRUTH_TEXT) == {}
    assert errors("M M M", "Length 12 mm") == {}


def test_a_lost_real_hyphen_is_counted_unless_pdftotext_joined_it():
    assert errors("the wellknown channel", TRUTH_TEXT) == {"lost": 1}
    assert errors("the wellknown channel", TRUTH_TEXT, joined=["wellknown"]) == {}


def test_soft_hyphens_are_counted():
    assert errors("sedi\u00adment settles", TRUTH_TEXT) == {"soft": 1}


# --- furniture ----------------------------------------------------------------------------------------

def test_a_page_number_between_two_words_is_a_leak_unless_the_truth_has_it():
    truth = "Sediment settles in the bay during spring."
    assert leak_count("Sediment settles in the 57 bay during spring.", truth, pages=[57]) == \
        {"heads": 0, "page_numbers": 1}
    assert leak_count("Sediment settles in the bay during spring. Table 57 lists", truth, pages=[57]) == \
        {"heads": 0, "page_numbers": 0}
    printed = "Sediment settles in 57 bays during spring."
    assert leak_count(printed, printed, pages=[57])["page_numbers"] == 0


def test_a_page_number_in_a_word_cut_at_a_page_break_or_glued_to_a_word_is_a_leak():
    truth = "Sediment settles in the bay during spring."
    assert leak_count("Sedi- 57 ment settles in the bay", truth, pages=[57])["page_numbers"] == 1
    assert leak_count("Sediment settles in the bay57 during", truth, pages=[57])["page_numbers"] == 1
    assert leak_count("The protein Kv57 binds", "The protein binds", pages=[57])["page_numbers"] == 0


def test_a_running_head_is_a_leak_unless_it_is_also_the_truth_s_phrase():
    head = "Estuary Letters 2031, 4(2)"
    assert leak_count(f"Silt moves. {head} It settles.", "Silt moves. It settles.", [head])["heads"] == 1
    assert leak_count(f"As {head} wrote.", f"As {head} wrote.", [head])["heads"] == 0


# --- references and citations -------------------------------------------------------------------------

def test_references_pair_by_text_whatever_their_order():
    truth = ["Lind A. Silt in bays. Estuary Letters, 2030.", "Berg O. Tides of the north. Oslo, 2029."]
    output = ["Berg O. Tides of the north. Oslo, 2029. 2029.", "Lind A. Silt in bays. Estuary Letters, 2030."]
    assert pair_references(truth, output) == {0: 1, 1: 0}
    assert pair_references(truth, ["An unrelated line of body text here."]) == {}


def links_at(text, *marks):
    """(start, end, [id]) of each (printed piece, id), found in order."""
    found, position = [], 0
    for piece, ref_id in marks:
        start = text.index(piece, position)
        position = start + len(piece)
        found.append((start, position, [ref_id]))
    return found


def test_citation_groups_gather_links_of_one_bracket_with_locators_and_ranges():
    text = "Silt [1, p. 5; 3] settles [7-9] and Lind (2030) and Berg (2029) agree."
    links = links_at(text, ("1", "r1"), ("3", "r3"), ("7", "r7"), ("9", "r9"), ("Lind (2030)", "r10"),
                     ("Berg (2029)", "r11"))
    order = ["r1", "r3", "r7", "r8", "r9", "r10", "r11"]
    assert citation_groups(text, links, order) == [
        ("[1, p. 5; 3]", ["r1", "r3"]), ("[7-9]", ["r7", "r8", "r9"]),
        ("Lind (2030)", ["r10"]), ("Berg (2029)", ["r11"])]


def test_a_bracket_holding_more_than_a_locator_stays_out_of_the_label():
    text = "as shown (Lind 2030a) and [4, p. 2] again"
    links = links_at(text, ("Lind 2030", "r1"), ("4", "r4"))
    assert [label for label, _ in citation_groups(text, links)] == ["Lind 2030", "[4, p. 2]"]


def test_citations_score_counts_labels_and_where_links_lead():
    truth = [{"label": "[1]", "rids": ["B1"]}, {"label": "[2, с. 7]", "rids": ["B2"]}]
    id_map = {"ref-1": "B1", "ref-2": "B2"}
    known = set(id_map)
    perfect, _ = citations_score(truth, [("[1]", ["ref-1"]), ("[2, с 7]", ["ref-2"])], id_map, known)
    assert perfect == 1.0
    wrong_target, _ = citations_score(truth, [("[1]", ["ref-1"]), ("[2, с. 7]", ["ref-1"])], id_map, known)
    assert wrong_target == pytest.approx(5 / 6)
    _, details = citations_score(truth, [("[1]", ["ref-1"]), ("[2, с. 7]", ["ref-9"])], id_map, known)
    assert details["dangling"] == 1
    assert citations_score(truth, [], id_map, known)[0] == 0.0


# --- whole articles -----------------------------------------------------------------------------------

TRUTH = {
    "id": "x01", "source": {"kind": "jats"}, "language": "en",
    "title": "Silt and tides in a shallow bay",
    "titles": {"en": "Silt and tides in a shallow bay", "ru": "Ил и приливы в мелком заливе"},
    "abstracts": {"en": "We follow silt through one tidal year.", "ru": "Мы прослеживаем ил в течение года."},
    "keywords": {"en": ["silt", "tides"], "ru": ["ил", "приливы"]},
    "sections": [
        {"title": "", "level": 0, "paragraphs": ["A short note opens the article."]},
        {"title": "Introduction", "level": 1,
         "paragraphs": ["Silt settles in sheltered water [1]. The well-known channel moves it [2, p. 7]."]},
        {"title": "Sampling sites", "level": 2, "paragraphs": ["Cores were taken at ebb tide [1-3]."]},
    ],
    "section_titles": ["Introduction", "Sampling sites"],
    "citations": [{"label": "[1]", "rids": ["B1"]}, {"label": "[2, p. 7]", "rids": ["B2"]},
                  {"label": "[1-3]", "rids": ["B1", "B2", "B3"]}],
    "references": ["Lind A. Silt in bays. Estuary Letters, 2030, 4, 1-9.",
                   "Berg O. Tides of the north. Oslo: Fjord Press, 2029.",
                   "Holm K. Cores and ebb. Marine Notes, 2028, 2, 33-40."],
    "reference_labels": ["1", "2", "3"], "reference_ids": ["B1", "B2", "B3"],
    "furniture": ["Estuary Letters 2031, 4(2)"], "page_numbers": [57, 58],
    "pdftotext_joined": [], "layout": {"pages": 2},
}


def test_a_jats_written_from_the_truth_scores_100(tmp_path):
    path = tmp_path / "x01.xml"
    path.write_bytes(truth_to_jats(TRUTH))
    result = score_article(TRUTH, path)
    assert all(value == 1.0 for value in result["fields"].values()), result["fields"]
    assert result["overall"] == 100.0
    assert result["leak_total"] == 0 and result["hyphenation_total"] == 0


def test_a_damaged_jats_loses_points_where_it_is_damaged(tmp_path):
    damaged = copy.deepcopy(TRUTH)
    damaged["title"] = damaged["titles"]["en"] = "SILT AND TIDES IN A SHALLOW BAY Anna Lind"
    damaged["sections"][1]["paragraphs"][0] = ("Silt settles in shel\u2010 tered water [1]. The Estuary Letters "
                                               "2031, 4(2) wellknown channel 58 moves it [2, p. 7].")
    damaged["references"] = damaged["references"][:2]
    path = tmp_path / "x01.xml"
    path.write_bytes(truth_to_jats(damaged))
    result = score_article(TRUTH, path)
    assert result["fields"]["title"] < 1 and result["fields"]["references"] < 1
    assert result["fields"]["citations"] < 1  # the range [1-3] leads to a reference that is not there
    assert result["leaks"] == {"body heads": 1, "body page_numbers": 1}
    assert result["hyphenation_errors"] == {"kept": 1, "lost": 1}
    assert result["fields"]["sections"] == 1.0 and result["fields"]["keywords"] == 1.0
    assert 0 < result["overall"] < 90


def test_an_article_that_did_not_build_scores_0_with_the_reason(tmp_path):
    (tmp_path / "x01" / "logs").mkdir(parents=True)
    (tmp_path / "x01" / "logs" / "structure.log").write_text("Traceback (most recent call last):\nKeyError: 'x'\n")
    result = score_article(TRUTH, tmp_path / "x01" / "x01.xml")
    assert result["overall"] == 0.0 and not result["built"]
    assert result["error"] == "structure: KeyError: 'x'"


def test_the_jats_reader_takes_front_matter_from_article_meta_only(tmp_path):
    path = tmp_path / "a.xml"
    path.write_text(
        '<article xml:lang="en"><front><journal-meta><journal-title-group><trans-title-group xml:lang="ru">'
        "<trans-title>Журнал</trans-title></trans-title-group></journal-title-group></journal-meta>"
        "<article-meta><title-group><article-title>Silt</article-title></title-group>"
        "<abstract><sec><title>Aim</title><p>To see.</p></sec><sec><title>Result:</title><p>Seen.</p></sec>"
        "</abstract></article-meta></front><body><sec><title>One</title><p>Text [<xref ref-type=\"bibr\" "
        'rid="ref-1">1</xref>].</p></sec></body><back><ref-list><ref id="ref-1"><mixed-citation '
        'specific-use="missing">[1]</mixed-citation></ref></ref-list></back></article>', encoding="utf-8")
    article = read_jats(path)
    assert article.trans_titles == {} and article.title == "Silt"
    assert article.abstracts == {"en": "Aim: To see. Result: Seen."}
    assert article.section_titles == ["One"] and article.body_blocks == ["One", "Text [1]."]
    assert article.paragraphs[0].links == [(6, 7, ["ref-1"])]
    assert article.references[0].missing


def test_a_set_below_its_floor_is_reported():
    summary = {"typeset": {"overall": 70.0, "means": {"body": 80.0, "keywords": None}}}
    floor = floor_from(summary, 2)
    assert floor["sets"]["typeset"] == {"overall": 68.0, "fields": {"body": 78.0}}
    assert check_floor(summary, floor) == []
    worse = {"typeset": {"overall": 67.9, "means": {"body": 77.5, "keywords": None}}}
    assert check_floor(worse, floor) == ["typeset: overall 67.9 < floor 68.0", "typeset: body 77.5 < floor 78.0"]
