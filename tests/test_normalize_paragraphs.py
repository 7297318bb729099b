"""Paragraphs from wrapped lines: a sentence goes on across a page break whatever the next page starts
with; headings with no blank line around them stay apart; a line that only looks like a heading, a
list item or an affiliation goes on with its sentence. All prose is made up for the test."""

import textwrap

import pytest

from galley.normalize import normalize

RU = ("Члены выдуманного общества дважды собирались в холодное время года, чтобы сравнить записи "
      "нескольких малых городов вдоль реки, которой нет ни на одной карте, и обсудить цены на зерно")
EN = ("The members of the imaginary society met twice in the cold season to compare the registers of "
      "several small towns along a river that no map has ever shown, and to discuss the price of grain")


def wrapped(text):
    return textwrap.wrap(text, 80)


def pages(*texts, first_number=57):
    """Pages of wrapped lines with a running head on top and the number at the bottom."""
    found = []
    for k, lines in enumerate(texts):
        found.append("\n".join(["Вестник выдуманных наук, 2031, № 3", "", *lines, "", str(first_number + k)]) + "\n")
    return "\f".join(found)


@pytest.mark.parametrize("start", ["Москве и Казани.", "12 городах региона.", "«Сибири» и дальше.",
                                   "(см. ниже) тоже.", "[3] и в других работах."])
def test_a_sentence_goes_on_across_a_page_break_whatever_the_next_page_starts_with(start):
    before = wrapped(RU + " " + RU + ", и это решение приняли в")
    result = normalize(pages(before, wrapped(f"{start} {RU}.")))
    assert len(result.paragraphs) == 1
    assert result.paragraphs[0].startswith(RU[:40]) and f"приняли в {start}" in result.paragraphs[0]


def test_a_paragraph_that_ended_on_a_short_line_before_the_break_ends_there():
    result = normalize(pages(wrapped(RU + ". Конец."), wrapped("Новый абзац: " + RU + ".")))
    assert len(result.paragraphs) == 2


def test_a_full_last_line_that_ends_a_sentence_before_the_break_goes_on():
    lines = wrapped(RU + ".")
    lines[-1] = lines[-1] + " " + "и так далее до конца строки." * 2
    result = normalize(pages(lines, wrapped("Следующее предложение " + RU + ".")))
    assert len(result.paragraphs) == 1


@pytest.mark.parametrize("heading", [
    ["2.1 Методы исследования"],  # numbered
    ["3. Измерение выдуманных величин при помощи воображаемого прибора"],  # numbered, long
    ["IV. RESULTS"],
    ["Заключение"],  # the language's heading words
    ["Samples of imagined grain"],  # a short line between a finished sentence and a capital
    ["Comparison of the registers of the imaginary towns along the", "river"],  # on two lines
])
def test_a_heading_with_no_blank_line_around_it_stays_apart(heading):
    before = wrapped(EN + ".")
    before[-1] = before[-1] + " The end of the paragraph comes here, at a full line."
    text = "\n".join([*before, *heading, *wrapped(EN + ".")]) + "\n"
    result = normalize(text)
    assert " ".join(heading) in result.paragraphs
    assert len(result.paragraphs) == 3


def test_a_run_in_heading_in_capitals_starts_a_paragraph():
    before = wrapped(EN + ".")
    before[-1] = before[-1] + " The end of the paragraph comes here, at a full line."
    result = normalize("\n".join([*before, "RESULTS AND DISCUSSION. The registers show that", "prices rose."]) + "\n")
    assert result.paragraphs[-1] == "RESULTS AND DISCUSSION. The registers show that prices rose."


@pytest.mark.parametrize("line", [
    "methods: in the first town the clerks",  # a heading word in lower case is text
    "14 December 2031, when the clerks met",  # a number and a capital after a full line is no affiliation
    "[23] However, the clerks of the second town",  # a citation the line end put first
    "12 лет спустя писцы второго города",
])
def test_a_line_that_only_looks_like_a_new_part_goes_on_with_its_sentence(line):
    before = wrapped(EN)
    before[-1] = (before[-1] + " and they met between the eighth day of the month and the")[:80]
    result = normalize("\n".join([*before, line, "went home."]) + "\n")
    assert len(result.paragraphs) == 1


def test_a_reference_list_keeps_one_entry_per_paragraph_and_a_stray_citation_joins_its_sentence():
    text = ("Список литературы\n1. Иванов И.И. Выдуманная книга. М.: Наука, 2031. 100 с.\n"
            "2. Петров П.П. Воображаемая статья // Вестник. 2031. № 1. С. 5-9.\n"
            "3. Сидоров С.С. Ещё одна выдуманная статья о реках и городах, которых нет\n"
            "на карте // Журнал. 2031. № 2. С. 10-20.\n")
    assert len(normalize(text).paragraphs) == 4


@pytest.mark.parametrize("authors", [
    "Jan Q. Imaginary, Olga da Fictícia, Pat VAN DER MADEUP, Li Notreal",
    "А.Б. Выдуманный1, В.Г. Несуществующая2,3",
    "Ann-Marie Placeholder, Rui Y.-W. Example, Kim Sample",
])
def test_a_title_is_not_merged_with_the_author_line_under_it(authors):
    title = ["An imagined title about the registers of towns along a river nobody mapped at"]
    result = normalize("\n".join([*title, "any time", authors, "", *wrapped(EN + ".")]) + "\n")
    assert [p.replace("\u00a0", " ") for p in result.paragraphs[:3]] == [f"{title[0]} any time", authors, EN + "."]


@pytest.mark.parametrize("line", [
    "Smith, Jones, Brown and Taylor (2003) found that the clerks of the second town",
    "Imaginary Society, Northern Branch, which met in the cold season",
])
def test_a_line_that_starts_with_names_inside_a_sentence_goes_on(line):
    before = wrapped(EN)
    before[-1] = (before[-1] + " and they met as described by")[:80]
    result = normalize("\n".join([*before, line, "went home."]) + "\n")
    assert len(result.paragraphs) == 1


@pytest.mark.parametrize("entries", [
    ["Imaginary AB, Madeup CD: A study of rivers nobody mapped, with long notes on the clerks of towns.",
     "Notreal EF, Sample GH: The registers of grain and salt prices. J Imag Stud 2031, 12:40-51."],
    ["Placeholder, J. A., & Example, K. (2031). Towns along an imagined river and their registers, revisited.",
     "van Madeup, L. (2030). Clerks and columns: notebooks kept in an imaginary library. Imag Rev, 7, 1-9."],
    ["Выдуманный А.Б. Реки, которых нет на карте, и города на их берегах: записи писцов / А.Б. Выдуманный.",
     "Несуществующий В.Г. Цены на зерно и соль в воображаемых городах // Вестник. 2031. № 3. С. 5-9."],
])
def test_each_entry_of_an_unnumbered_reference_list_is_a_paragraph_however_full_its_last_line(entries):
    result = normalize("\n".join(["References", *entries]) + "\n")
    assert [p.replace("\u00a0", " ") for p in result.paragraphs] == ["References", *entries]


def test_in_the_text_a_line_that_starts_with_a_name_and_initials_goes_on_with_its_paragraph():
    before = wrapped(EN + ".")
    before[-1] = before[-1] + " The end of the sentence comes here, at a full line."
    result = normalize("\n".join([*before, "Imaginary A.B. showed that the clerks kept the registers."]) + "\n")
    assert len(result.paragraphs) == 1


def test_a_heading_longer_than_a_short_line_stands_alone_over_its_sections_text():
    # Justified text fills every line but a paragraph's last: a line that opens a paragraph, ends
    # short and without punctuation, then a full line, is a heading even at two thirds of the width.
    heading = "Counting the registers of the second group of towns"
    title = ["The members of the imaginary society and the registers", "of small towns"]
    result = normalize(pages([*title, "", *wrapped(EN + "."), heading, *wrapped(EN + ".")]))
    assert heading in result.paragraphs
    assert " ".join(title) in result.paragraphs  # a title wrapped on a short line stays one


def test_a_keywords_line_ends_at_a_blank_line_though_it_ends_without_punctuation():
    keywords = "Keywords: imaginary society, registers, small towns, grain prices, rivers without maps"
    result = normalize(pages([keywords, "", *wrapped("Members " + EN + ".")]))
    assert keywords in result.paragraphs
    assert any(p.startswith("Members The members") for p in result.paragraphs)


def test_a_numbered_run_in_heading_after_a_finished_sentence_opens_a_paragraph():
    lines = [*wrapped(EN + "."), "Short end of it.", "2.3. Registers and Prices. The society kept its books",
             *wrapped("in order " + EN + ".")]
    result = normalize(pages(lines))
    assert any(p.startswith("2.3. Registers and Prices. The society") for p in result.paragraphs)
    # A decimal number that opens a line inside a sentence goes on with it.
    result = normalize(pages([*wrapped(EN + " at"), "2.5 Litres. And more", *wrapped(EN + ".")]))
    assert len([p for p in result.paragraphs if "2.5 Litres" in p and p.startswith("The members")]) == 1


def test_a_capitals_titles_short_last_line_stays_with_it_but_a_label_does_not():
    title = ["A NEW WAY TO COUNT THE REGISTERS OF SMALL TOWNS, AN", "ALTERNATIVE TO THE METHOD OF VAN", "DER LAAN."]
    result = normalize(pages([*title, "Ada Reed, Ian Lund", *wrapped(EN + ".")]))
    assert " ".join(title) in result.paragraphs
    result = normalize(pages([title[0], title[1] + " OLD", "ABSTRACT", *wrapped(EN + ".")]))
    assert "ABSTRACT" in result.paragraphs


def test_a_heading_over_a_copyright_notice_stays_apart():
    result = normalize(pages([*wrapped(EN + "."), "Licence", "© 2031 The society. This text may be shared freely.",
                              *wrapped(EN + ".")]))
    assert "Licence" in result.paragraphs
