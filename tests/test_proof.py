"""The proofing page, read back from the HTML it writes: changes to letters first, with the changed
letter marked and named; white space folded with its count; spelling with its sentence and
suggestions; the journal's word list; the source line of every row. The text is invented."""

import subprocess
import sys
import unicodedata

import pytest
from lxml import html

from conftest import build
from galley import dictionary, normalize, proof, report, structure

# Line numbers matter: each row of the page must name the line below where its change stands.
ARTICLE = "\n".join([
    "ВОДНЫЕ РЕСУРСЫ СТЕПНОГО РЕГИОНА",                                              # 1
    "",                                                                              # 2
    "Аннотация",                                                                     # 3
    "Статья рассматривает водные ресурсы региона и их охрану.",                      # 4
    "",                                                                              # 5
    "Ключевые слова: вода, ресурсы, охрана.",                                        # 6
    "",                                                                              # 7
    "2. Методы и материалы",                                                         # 8
    "",                                                                              # 9
    "Водные ресурсы региона изучены мало, и прoблема их охраны  остаётся острой [1].",  # 10: Latin o, two spaces
    "Новые методы позволяют оценить состояние рек и озёр с высокой точ-",            # 11: a word split
    "ностью, как показано в работах [2-3].",                                         # 12: a range of two
    "Полевые отряды применяют гидрокартирование при каждом выезде (с. 5).",          # 13: a term, "с. 5"
    "Такое исследовние требует полевых данных.",                                     # 14: a misspelling
    "Озёра мелеют.",                                                                 # 15: ё decomposed
    "",
    "Список литературы",
    "1. Иванов И. И. Вода и жизнь. — М.: Наука, 2001. — 100 с.",
    "2. Петров П. П. Реки и озёра. — М.: Наука, 2005. — 200 с.",
    "3. Сидоров С. С. Охрана вод. — М.: Наука, 2010. — 150 с.",
    "",
])
TERM = "гидрокартирование"

needs_russian = pytest.mark.skipif(not dictionary.available("ru"), reason="hunspell-ru is not installed")


def build_proof(folder, word_list=None):
    """The invented article through normalize and structure, its report and proofing page."""
    source = folder / "article.txt"
    source.write_text(ARTICLE.replace("Озёра", unicodedata.normalize("NFD", "Озёра")), encoding="utf-8")
    w = folder / "work"
    w.mkdir(exist_ok=True)
    normalize.run(source, w / "normalized.txt", w / "normalize.json", word_list=word_list)
    structure.run(w / "normalized.txt", w / "normalize.json", None, w / "article.md", w / "structure.json")
    report.write(folder / "a.report.json", [w / "normalize.json", w / "structure.json"])
    proof.write(folder / "a.report.json", folder / "a.proof.html")
    return html.parse(str(folder / "a.proof.html")).getroot()


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("proof")
    words = folder / "words.txt"
    words.write_text(f"# the journal's terms\n{TERM}\n", encoding="utf-8")
    return build_proof(folder, words)


def rows(section):
    return [tr for tr in section.iter("tr") if tr.findall("td")]


def cells(tr):
    return [td.text_content() for td in tr.findall("td")]


def section(page, rule):
    found = page.xpath(f"//section[@id='{rule}']")
    assert found, f"no section {rule}"
    return found[0]


def test_changes_to_letters_come_before_everything_else(page):
    order = [s.get("id") for s in page.iter("section")]
    letters = [i for i, name in enumerate(order) if name in ("change-lookalike", "change-hyphenation",
                                                              "change-citation", "change-heading")]
    others = [i for i, name in enumerate(order) if name.startswith("warn-") or name == "white-spacing"]
    assert len(letters) == 4 and others and max(letters) < min(others)
    # and none of them is hidden in the folded white space
    details = page.find(".//details")
    assert not any(s.get("id") == "change-lookalike" for s in details.iter("section"))


def test_a_lookalike_is_marked_and_named_on_its_line(page):
    (row,) = [tr for tr in rows(section(page, "change-lookalike")) if "блема" in cells(tr)[1]]
    line, before, after, named = cells(row)
    assert line == "10"
    assert [m.text for m in row.findall("td")[1].iter("mark")] == ["o"]  # the Latin letter, marked
    assert [m.text for m in row.findall("td")[2].iter("mark")] == ["о"]  # the Cyrillic one
    assert named == "Latin o → Cyrillic о"


def test_hyphen_join_citation_and_heading_number_are_listed_with_their_lines(page):
    hyphen = [cells(tr) for tr in rows(section(page, "change-hyphenation"))]
    assert ["11", "точ-⏎ностью", "точностью"] == hyphen[0][:3]
    citation = [cells(tr) for tr in rows(section(page, "change-citation"))]
    assert citation and citation[0][:3] == ["12", "[2-3]", "[2; 3]"]
    heading = [cells(tr) for tr in rows(section(page, "change-heading"))]
    assert heading and heading[0][:3] == ["8", "2. Методы и материалы", "Методы и материалы"]


def test_white_space_changes_are_folded_with_their_count(page):
    details = page.find(".//details")
    assert details is not None and details.get("open") is None  # closed
    count = int(details.find("summary").find(".//span").text)
    inside = [cells(tr) for s in details.iter("section") for tr in rows(s)]
    assert count == len(inside) and count >= 2
    spacing = [cells(tr) for tr in rows(section(page, "white-spacing"))]
    assert spacing[0][0] == "10" and "охраны  остаётся" in spacing[0][1] and "охраны остаётся" in spacing[0][2]
    # a decomposed letter composed (NFC) looks the same: folded, on its line
    assert [c[0] for c in inside if "Озёра" in c[2] and "Озёра" not in c[1]] == ["15"]
    # a no-break space is reported on its own line, not on its paragraph's first
    assert [c[0] for c in inside if "с.⍽5" in c[2]] == ["13"]
    outside = [cells(tr) for s in page.iter("section") if s.getparent().tag != "details" for tr in rows(s)]
    assert all("⍽" not in c[2] for c in outside)  # no no-break space outside the fold


@needs_russian
def test_a_spelling_warning_shows_its_sentence_and_suggestions(page):
    spelling = {cells(tr)[1]: tr for tr in rows(section(page, "warn-spelling"))}
    (sentence,) = [s for s in spelling if "исследовние" in s]
    row = spelling[sentence]
    assert cells(row)[0] == "14"
    assert sentence == "Такое исследовние требует полевых данных."
    assert [m.text for m in row.iter("mark")] == ["исследовние"]
    suggestions = cells(row)[2].split(", ")
    assert 1 <= len(suggestions) <= 3 and "исследование" in suggestions


@needs_russian
def test_the_journal_word_list_silences_its_terms(page, tmp_path):
    warned = " ".join(cells(tr)[1] for tr in rows(section(page, "warn-spelling")))
    assert TERM not in warned
    without = build_proof(tmp_path)  # the same text, no word list: the term is warned about
    assert TERM in " ".join(cells(tr)[1] for tr in rows(section(without, "warn-spelling")))


def test_every_row_names_a_line_and_the_lines_point_at_the_text(page, tmp_path):
    lines = ARTICLE.split("\n")
    for tr in rows(page):
        line = cells(tr)[0]
        assert line == "all" or line.isdigit(), cells(tr)
    missing = [cells(tr) for tr in rows(section(page, "warn-front-matter"))]
    assert all(c[0] for c in missing)
    # each hyphenation and look-alike row's line holds the word it names
    assert "точ-" in lines[11 - 1] and "прoблема" in lines[10 - 1] and "исследовние" in lines[14 - 1]


def test_a_word_list_that_is_not_utf8_is_refused_with_its_name(tmp_path):
    bad = tmp_path / "words.txt"
    bad.write_bytes("термин\n".encode("cp1251"))
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "galley", "normalize", str(source), str(tmp_path / "n.txt"),
                             str(tmp_path / "n.json"), "", "", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1 and "words.txt" in result.stderr and "UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_each_citation_change_is_what_the_html_galley_prints(built, article_slugs):
    """The structure stage's account of a rewritten citation follows filters/citations.lua: the
    galley prints the "after" of each such change."""
    import json

    seen = 0
    for slug in article_slugs:
        data = json.loads((built / slug / f"{slug}.report.json").read_text(encoding="utf-8"))
        galley = html.parse(str(built / slug / f"{slug}.html")).getroot().text_content()
        for change in (c for c in data["changes"] if c["rule"] == "citation"):
            assert change["after"] in galley, (slug, change)
            seen += 1
    assert seen  # the fixtures print a range of two numbers ("[5-6]"), which the galleys print "[5; 6]"


@needs_russian
def test_adding_the_word_list_beside_the_sources_rebuilds_and_silences_the_term(tmp_path):
    """sources/words.txt is an input of the normalize rule when it exists: a build without it warns
    about the term; adding it reruns the article, whose proofing page then does not."""
    sources, output = tmp_path / "sources", tmp_path / "output"
    (sources / "invented").mkdir(parents=True)
    (sources / "invented" / "article.txt").write_text(ARTICLE, encoding="utf-8")

    def warned():
        page = html.parse(str(output / "invented" / "invented.proof.html")).getroot()
        return " ".join(cells(tr)[1] for tr in rows(section(page, "warn-spelling")))

    build(sources, output)
    assert TERM in warned()
    (sources / "words.txt").write_text(f"{TERM.upper()}  # case does not matter\n", encoding="utf-8")
    build(sources, output)
    assert TERM not in warned() and "исследовние" in warned()
