"""Front matter wherever the journal prints it: the title block, structured abstracts, translations
after the reference list, and JATS subtitle / sec children. Every article here is composed for the
tests. A property test feeds the structure stage arbitrary paragraphs: it never fails, and keeps every
word the author wrote."""

import json
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import ROOT
from galley import canonical, editor, jats, render
from galley.front_matter import segment
from galley.languages import classification_labels, label_index
from galley.settings import load_config
from galley.structure import build

SEGMENTS = [
    ("WATER USE IN THE ARAL BASIN Olivia Kent, Marat Sadykov DOI: 10.1234/ab.2020.1",
     ["WATER USE IN THE ARAL BASIN", "Olivia Kent, Marat Sadykov", "DOI: 10.1234/ab.2020.1"]),
    ("Irrigation and the delta: a review G. A. Lind, P. Ode, S. Marr",
     ["Irrigation and the delta: a review", "G. A. Lind, P. Ode, S. Marr"]),
    ("La cuenca del mar de Aral Resumen", ["La cuenca del mar de Aral", "Resumen"]),
    ("El agua se agota en la cuenca. Palabras clave: agua, cuenca.",
     ["El agua se agota en la cuenca.", "Palabras clave: agua, cuenca."]),
    ("Keywords: salt, lakes © The authors. Free licence.", ["Keywords: salt, lakes", "© The authors. Free licence."]),
    ("Palavras-chave: sal, lagos Como citar: Kent, O. 2020. Sal.", ["Palavras-chave: sal, lagos",
                                                                   "Como citar: Kent, O. 2020. Sal."]),
    # A capitals title with commas keeps its phrases: fewer than three names in capitals are no list.
    ("NEW WAYS OF MEASURING RIVERS, LAKES AND CANALS, WITH A VIEW TO DAMS", None),
]


def test_a_joined_front_paragraph_is_cut_where_a_doi_a_label_or_names_begin():
    for text, expected in SEGMENTS:
        assert segment(text) == (expected or [text]), text


KYRGYZ_AFTER_REFERENCES = [
    "УДК 556.1",
    "ТООЛУУ ДАРЫЯЛАРДЫН СУУСУ", "А.Б. Асанов", "Аннотация. В статье рассмотрены реки горных районов.",
    "Ключевые слова: реки, горы.",
    "Введение. Реки питаются ледниками [1].", "Заключение. Реки мелеют.",
    "Список литературы", "1. Асанов А.Б. Реки. Бишкек: Илим, 2015. 120 с.",
    "ТООЛУУ АЙМАКТАРДЫН ДАРЫЯЛАРЫ",
    "Кыскача мазмуну. Бул макалада тоолуу аймактардын дарыялары жана алардын өзгөрүшү каралат.",
    "Ачкыч сөздөр: дарыя, тоо.",
    "RIVERS OF THE MOUNTAINS", "Abstract. The article considers the rivers of mountain regions.",
    "Keywords: rivers, mountains.",
]


def test_translations_after_the_reference_list_are_front_matter_and_end_the_list():
    article = build(KYRGYZ_AFTER_REFERENCES)
    assert list(article.front) == ["ru", "ky", "en"]
    assert article.front["ky"] == {"title": "ТООЛУУ АЙМАКТАРДЫН ДАРЫЯЛАРЫ", "abstract": [
        "Бул макалада тоолуу аймактардын дарыялары жана алардын өзгөрүшү каралат."], "keywords": ["дарыя", "тоо"]}
    assert article.front["en"]["keywords"] == ["rivers", "mountains"]
    assert [r["note"] for r in article.references] == ["Асанов А.Б. Реки. Бишкек: Илим, 2015. 120 с."]
    assert article.classifications == {"udc": "556.1"} and article.authors[0]["name"] == "А.Б. Асанов"


STRUCTURED = [
    "COASTAL WETLANDS", "Birds and water in a changing delta",
    "Olivia Kent, Marat Sadykov", "DOI: 10.1234/ab.2020.1",
    "Abstract", "Background: Wetlands shrink.", "Methods: We counted birds. Results: Fewer birds nest.",
    "Conclusions: Water matters.", "Keywords: wetlands, birds.",
    "Introduction", "Wetlands host birds (Kent, 2019).", "References",
    "Kent, O. (2019). Delta birds. Wetlands, 3, 1-9.",
]


def test_title_subtitle_names_doi_and_a_structured_abstract():
    article = build(STRUCTURED)
    part = article.front["en"]
    assert (part["title"], part["subtitle"]) == ("COASTAL WETLANDS", "Birds and water in a changing delta")
    assert [a["name"] for a in article.authors] == ["Olivia Kent", "Marat Sadykov"]
    assert article.doi == "10.1234/ab.2020.1"
    assert [s["title"] for s in part["abstract_sections"]] == ["Background", "Methods", "Results", "Conclusions"]
    assert part["abstract"][1:3] == ["Methods: We counted birds.", "Results: Fewer birds nest."]
    assert part["keywords"] == ["wetlands", "birds"]
    assert [s.title for s in article.sections] == ["Introduction"]


def test_jats_has_the_subtitle_and_one_abstract_with_a_sec_per_part(tmp_path):
    article = build(STRUCTURED)
    metadata = editor.canonical_metadata(article, {}, {})
    path = tmp_path / "wetlands.md"
    path.write_text(canonical.write(metadata, article.sections, path), encoding="utf-8")
    refs = tmp_path / "references.json"
    refs.write_text(json.dumps({"entries": [{"id": "ref-1", "label": "1", "text": "Kent O. Delta birds.",
                                             "missing": False, "hints": []}]}), encoding="utf-8")
    config = load_config(ROOT / "config" / "config.yaml")
    root = etree.fromstring(jats.render_jats(render.load(path, refs, config)), jats.parser())
    assert root.findtext(".//title-group/subtitle").lower() == "birds and water in a changing delta"
    abstracts = root.findall(".//article-meta/abstract")
    assert len(abstracts) == 1 and [s.findtext("title") for s in abstracts[0].iter("sec")] == [
        "Background", "Methods", "Results", "Conclusions"]
    assert root.find(".//kwd-group") is not None
    xref = root.find(".//body//xref")
    assert (xref.get("rid"), xref.text) == ("ref-1", "Kent, 2019")
    mixed = root.find(".//ref/citation-alternatives/mixed-citation")
    assert mixed.text == "Kent, O. (2019). Delta birds. Wetlands, 3, 1-9." and mixed.get("specific-use") == "original"


# --- no traceback on any input, nothing dropped ------------------------------------------------

LINES = st.sampled_from([
    "Abstract", "Аннотация", "Keywords: a, b.", "Ключевые слова:", "References", "Список литературы",
    "Introduction", "Введение.", "DOI: 10.1/x", "УДК", "A. B. Smith, C. Jones", "1. Smith J. Book. 2001.",
    "(Smith, 2010)", "[1]", "Resumen", "Background:", "TITLE IN CAPITALS", "e-mail: a@b.kz", "",
])
WORDS = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=60)
PARAGRAPHS = st.lists(st.one_of(LINES, WORDS, st.builds(" ".join, st.lists(st.one_of(LINES, WORDS), max_size=4))),
                      max_size=14)
# Labels are the journal's, not the author's: they are read, and not kept as text.
LABEL_WORDS = {w.casefold() for _, _, _, phrase in label_index() for w in re.findall(r"\w+", phrase)} | {
    label.casefold() for labels in classification_labels().values() for label in labels}


def _kept_text(article):
    parts = [json.dumps(article.front, ensure_ascii=False), " ".join(article.front_notes),
             json.dumps([article.authors, article.affiliations, article.classifications, article.doi],
                        ensure_ascii=False)]
    parts += [s.title + " " + " ".join(s.paragraphs) for s in article.sections]
    parts += [json.dumps(r, ensure_ascii=False) for r in article.references]
    return re.sub(r"\s+", " ", " ".join(parts)).casefold()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PARAGRAPHS)
# Three reference lists: the third once overwrote the second's text, which was lost.
@example(["References", "Introduction", "References", "DOI: 10.1/x", "References", "Introduction"])
# A reference heading with text run in after it: the text was dropped with the heading.
@example(["REFERENCES.0"])
def test_any_paragraphs_build_and_keep_every_word(paragraphs):
    paragraphs = [p for p in paragraphs if p.strip()]
    article = build(paragraphs)
    metadata = editor.canonical_metadata(article, {}, {})
    canonical.write(metadata, article.sections, "x.md")
    editor.front_warnings(metadata, {}, article)
    kept = _kept_text(article)
    for paragraph in paragraphs:
        for word in re.findall(r"[^\W\d_]+|\d+", paragraph):
            assert word.casefold() in kept or word.casefold() in LABEL_WORDS, (word, paragraph)


# A real article's first page: the journal's lines around the title are front notes, never the title.
MASTHEADS = [
    # (paragraphs before the names, the title read)
    (["Northern Water Letters", "Vol. 7, No. 4, pp. 11–19", "RESEARCH ARTICLE",
      "Salt and silt in a closed lake"], "Salt and silt in a closed lake"),
    (["SHORT COMMUNICATION", "Fish of the Upper Reach (Cyprinidae:", "Leuciscinae)"],
      "Fish of the Upper Reach (Cyprinidae: Leuciscinae)"),
    (["LAKE STUDIES QUARTERLY 12.3 (2021) 40–58", "How Lakes Keep Their Salt"], "How Lakes Keep Their Salt"),
    (["Riverside Scholarly Press", "Journal of Lake Studies", "Volume 2019, Article ID 123456, 7 pages",
      "Review Article", "Sediment Cores of 40 Lakes", "Reveal the Salt History of Closed Basins"],
      "Sediment Cores of 40 Lakes Reveal the Salt History of Closed Basins"),
    (["Original article", "published: 3 March 2020", "Reading the salt of the “Closed", "Lake Hypothesis”"],
     "Reading the salt of the “Closed Lake Hypothesis”"),
    (["LAKE LETTERS", "Open Access", "A lake and its salt [v3; status: read, https://example.org/x]"],
     "A lake and its salt"),
    (["Lake Lett. 2021;14:233", "Artigo original", "O sal dos lagos fechados"], "O sal dos lagos fechados"),
]


def test_the_journals_lines_around_a_title_are_front_notes():
    for before, title in MASTHEADS:
        article = build([*before, "Olivia Kent, Marat Sadykov", "Abstract",
                         "We measured the salt of forty lakes. It rose.", "Keywords: salt, lakes.",
                         "Introduction", "Lakes keep salt."])
        front = next(iter(article.front.values()))
        assert front["title"] == title, before
        assert "subtitle" not in front, before
        kept = " ".join([*article.front_notes, title]).split()
        assert sorted(kept) == sorted(" ".join(before).split()), before  # nothing dropped


# An abstract printed without a label: the prose right before the keywords, or the one paragraph of
# prose before the first heading when nothing else is an abstract.
UNLABELLED = [
    (["Salt in closed lakes", "Olivia Kent, Marat Sadykov", "olivia.kent@example.org;",
      "We measured the salt of forty lakes. It rose every year.", "Keywords: salt, lakes",
      "Introduction", "Lakes keep salt."], ["Olivia Kent", "Marat Sadykov"]),
    (["Salt in closed lakes", "Olivia Kent, Marat Sadykov",
      "Copyright © 2020 Olivia Kent. This is an open access article under a free licence.",
      "We measured the salt of forty lakes. It rose every year.",
      "1. Introduction", "Lakes keep salt."], ["Olivia Kent", "Marat Sadykov"]),
]


def test_an_abstract_printed_without_a_label():
    for paragraphs, authors in UNLABELLED:
        article = build(paragraphs)
        assert article.front["en"]["abstract"] == ["We measured the salt of forty lakes. It rose every year."]
        assert [a["name"] for a in article.authors] == authors
        assert [s.title for s in article.sections] == ["Introduction"]
        assert [s.paragraphs for s in article.sections] == [["Lakes keep salt."]]


def test_a_keywords_line_running_into_the_next_languages_title():
    article = build(["Salt in closed lakes", "Olivia Kent, Marat Sadykov", "Abstract",
                     "We measured the salt of forty lakes. It rose every year.",
                     "Keywords: salt, closed lakes O sal dos lagos fechados", "Resumo",
                     "Medimos o sal de quarenta lagos. Ele subiu todos os anos.", "Palavras-chave: sal, lagos",
                     "Introduction", "Lakes keep salt."])
    assert article.front["en"]["keywords"] == ["salt", "closed lakes"]
    assert article.front["pt"]["title"] == "O sal dos lagos fechados"
    assert article.front["pt"]["keywords"] == ["sal", "lagos"]
    # No label after it: the keywords line is left whole.
    article = build(["Salt in closed lakes", "Olivia Kent", "Abstract", "We measured the salt. It rose.",
                     "Keywords: salt, closed lakes O sal dos lagos fechados", "Introduction", "Lakes keep salt."])
    assert article.front["en"]["keywords"] == ["salt", "closed lakes O sal dos lagos fechados"]


KEYWORD_LINES = [
    ("salt · closed lakes · basins", ["salt", "closed lakes", "basins"]),
    ("salt • lakes", ["salt", "lakes"]),
    ("salt . closed lakes . basins.", ["salt", "closed lakes", "basins"]),
    ("salt; closed lakes, basins", ["salt", "closed lakes, basins"]),
    ("G. A. Lind method, U.S. lakes.", ["G. A. Lind method", "U.S. lakes"]),
]


def test_keywords_split_by_the_separator_the_journal_prints():
    from galley.front_matter import split_keywords

    for text, expected in KEYWORD_LINES:
        assert split_keywords(text) == expected, text


def test_a_title_ending_in_two_capitalised_phrases_joined_by_and_keeps_them_when_names_follow():
    title = "Salt Lakes of the Northern Steppe Feed Reed Beds and Shape Local Farming"
    article = build([title, "Ada Reed, Ian Lund, Marta Kowalska, Olga Serikova", "Abstract",
                     "The lakes rose over the years and the reeds followed them.", "Introduction", "Body text."])
    assert article.front["en"]["title"] == title
    assert [a["name"] for a in article.authors][:2] == ["Ada Reed", "Ian Lund"]


def test_a_long_author_list_keeps_marks_split_by_commas_and_a_serial_and_with_their_names():
    # Over twelve names, each with its affiliation marks; some marks hold a comma ("1,3"), and the
    # last name follows ", and": neither makes a name of its own.
    names = [f"{given} {family}" for given, family in zip(
        ["Olivia", "Marat", "Ana", "Rui", "Jo", "Ines", "Tom", "Eva", "Ivan", "Lea", "Max", "Nora", "Omar", "Pia"],
        ["Kent", "Sadykov", "Lima", "Costa", "Park", "Vale", "Reed", "Marais", "Petrov", "Berg", "Hall", "Dahl",
         "Nasser", "Lund"])]
    marks = ["1", "2", "1,3", "2", "4", "1", "2,4", "3", "1", "2", "4", "1", "3", "2,3"]
    line = ", ".join(f"{name} {mark}" for name, mark in zip(names[:-1], marks)) + f", and {names[-1]} {marks[-1]}"
    article = build(["Salt in closed lakes", line, "Abstract", "We measured the salt of forty lakes. It rose.",
                     "Keywords: salt, lakes.", "Introduction", "Lakes keep salt."])
    assert [a["name"] for a in article.authors] == names
    assert [a["marks"] for a in article.authors] == [m.split(",") for m in marks]


def test_each_author_on_a_line_of_their_own_above_their_affiliation():
    # The second affiliation filled its printed line, so the normalizer joined the next name to it.
    article = build(["Salt in closed lakes", "Olivia Kent", "Department of Hydrology, Lakeside University, Kazakhstan",
                     "Institute of Water Problems, Almaty, Kazakhstan Marat K. Sadykov", "Faculty of Geography, "
                     "River University, Porto, Portugal", "Ana Lima", "Institute of Botany, Almaty Kazakhstan",
                     "Abstract", "We measured the salt of forty lakes. It rose.", "Keywords: salt, lakes.",
                     "Introduction", "Lakes keep salt."])
    assert [a["name"] for a in article.authors] == ["Olivia Kent", "Marat K. Sadykov", "Ana Lima"]
    # a place that looks like a name, with no initial, stays the affiliation's
    assert [a["name"] for a in article.affiliations] == [
        "Department of Hydrology, Lakeside University, Kazakhstan", "Institute of Water Problems, Almaty, Kazakhstan",
        "Faculty of Geography, River University, Porto, Portugal", "Institute of Botany, Almaty Kazakhstan"]
    assert not article.front_notes


def test_a_line_of_names_alone_is_not_cut_where_a_long_name_could_begin():
    # Thirteen names, one of them of three words: no title closes this line, so no name is split.
    names = ["Olivia Kent", "Marat K. Sadykov", "Ana Lima", "Rui Costa", "Jo Park", "Anne Marie Berg",
             "Ines Vale", "Tom Reed", "Eva Marais", "Ivan Petrov", "Max Hall", "Nora Dahl", "Maria de Sousa Lund"]
    article = build(["Salt in closed lakes", ", ".join(names), "Abstract",
                     "We measured the salt of forty lakes. It rose.", "Keywords: salt, lakes.",
                     "Introduction", "Lakes keep salt."])
    assert [a["name"] for a in article.authors] == names


NAME_LINES = [  # marks glued or spaced, superscript or not, and the next line's mark left at the end
    ("Olivia Queiroz KENT1*, Marat SADYKOV2 1", [("Olivia Queiroz KENT", ["1"]), ("Marat SADYKOV", ["2"])]),
    ("Ana Lima 1,2* and Rui Costa 1,3* 1", [("Ana Lima", ["1", "2"]), ("Rui Costa", ["1", "3"])]),
    ("Jo PARK¹, Ines VALE²*", [("Jo PARK", ["1"]), ("Ines VALE", ["2"])]),
]


def test_authors_with_their_affiliation_marks_however_the_extraction_left_them():
    for line, authors in NAME_LINES:
        article = build(["Salt in closed lakes", line, "Department of Hydrology, Lakeside University, Kazakhstan",
                         "Abstract", "We measured the salt of forty lakes. It rose.", "Keywords: salt, lakes.",
                         "Introduction", "Lakes keep salt."])
        assert [(a["name"], a["marks"]) for a in article.authors] == authors, line
        assert next(iter(article.front.values()))["title"] == "Salt in closed lakes", line


def test_a_side_columns_editors_and_reviewers_are_no_authors():
    article = build(["Salt in closed lakes", "Olivia Kent 1* and Marat Sadykov 2",
                     "Department of Hydrology, Lakeside University, Kazakhstan Edited by:",
                     "Ana Lima, River", "University, Portugal", "Reviewed by:", "Rui Costa, Delta Institute, Spain",
                     "Abstract", "We measured the salt of forty lakes. It rose.", "Keywords: salt, lakes.",
                     "Introduction", "Lakes keep salt."])
    assert [a["name"] for a in article.authors] == ["Olivia Kent", "Marat Sadykov"]
    assert [a["name"] for a in article.affiliations] == ["Department of Hydrology, Lakeside University, Kazakhstan"]
    assert article.front_notes == ["Edited by:", "Ana Lima, River", "University, Portugal", "Reviewed by:",
                                   "Rui Costa, Delta Institute, Spain"]
