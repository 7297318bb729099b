"""The typeset PDF's typography, read back from the PDF's text (pdftotext -layout): no hyphen that
leaves fewer than 3 letters on a line, at most 2 hyphenated lines in a row, no page that ends in a
hyphen; and the issue's contents PDF in the articles' fonts.

The long articles are invented here (rural libraries in Russian, community gardens in English),
written without a single hyphen, so that every hyphen at a line's end in their PDFs is the
typesetter's."""

import json
import re
import subprocess
import textwrap
import xml.etree.ElementTree as ElementTree

import pikepdf
import pytest

from conftest import ROOT, build
from galley import line_ends
from galley.cli import main
from test_issue import final_copies

RUSSIAN = [
    "Сельские библиотеки долгое время рассматривались исследователями как второстепенные учреждения, "
    "обслуживающие немногочисленных читателей преклонного возраста.",
    "Однако наблюдения последнего десятилетия показывают, что именно небольшие библиотеки становятся "
    "центрами общественной жизни отдалённых поселений.",
    "Проведённое нами обследование охватывало семнадцать муниципальных библиотек, расположенных в горных "
    "и степных районах.",
    "В каждой библиотеке изучались журналы посещаемости, планы мероприятий, переписка с районными "
    "управлениями культуры и отчёты о комплектовании фондов.",
    "Дополнительно были проведены продолжительные беседы с библиотекарями, преподавателями местных школ "
    "и представителями родительских комитетов.",
    "Полученные сведения свидетельствуют о постепенном изменении состава читателей и о существенном "
    "расширении круга просветительских занятий.",
    "Библиотекари всё чаще организуют краеведческие выставки, консультации по оформлению государственных "
    "услуг и кружки для старшеклассников.",
    "Подобная многофункциональность требует от сотрудников значительной самостоятельности, "
    "изобретательности и готовности осваивать непривычные обязанности.",
    "Вместе с тем финансирование комплектования остаётся недостаточным, а обновление фондов происходит "
    "главным образом благодаря пожертвованиям жителей.",
    "Заметную роль играют неформальные договорённости между библиотеками соседних поселений, которые "
    "обмениваются изданиями и совместно проводят читательские конференции.",
    "Исследователи справедливо указывают на опасность превращения библиотеки в универсальное учреждение, "
    "утрачивающее собственное профессиональное содержание.",
    "Наши материалы позволяют предположить, что эта опасность преувеличена, поскольку читатели продолжают "
    "воспринимать библиотеку прежде всего как хранилище книг.",
    "Особенно показательны высказывания учителей, которые подчёркивают незаменимость библиотечных собраний "
    "для подготовки школьных исследовательских проектов.",
    "Сравнительный анализ отчётности демонстрирует устойчивую взаимосвязь между продолжительностью работы "
    "библиотекаря и разнообразием проводимых мероприятий.",
    "Вероятно, накопленный опыт и многолетние знакомства позволяют сотрудникам точнее угадывать "
    "потребности посетителей различных поколений.",
    "Представляется целесообразным закрепить сложившиеся практики в нормативных документах и предусмотреть "
    "дополнительное финансирование просветительских программ.",
    "Результаты исследования могут быть использованы при разработке региональных программ поддержки "
    "культурных учреждений и подготовке библиотечных специалистов.",
    "Дальнейшие исследования целесообразно направить на изучение читательских предпочтений молодёжи и на "
    "сравнение сельских и городских библиотечных сообществ.",
]
ENGLISH = [
    "Community gardens have often been treated by urban planners as temporary arrangements that occupy "
    "land awaiting more profitable development.",
    "Observations collected over the past decade nevertheless suggest that these gardens increasingly "
    "function as durable neighbourhood institutions.",
    "Our fieldwork covered seventeen gardens located in industrial districts, residential suburbs and the "
    "administrative centres of provincial municipalities.",
    "In every garden we examined membership registers, correspondence with municipal departments, "
    "maintenance schedules and minutes of general meetings.",
    "We also conducted extended conversations with coordinators, schoolteachers, retired engineers and "
    "representatives of neighbourhood associations.",
    "The material indicates a gradual transformation of membership and a considerable expansion of "
    "educational and environmental activities.",
    "Coordinators increasingly organise seasonal exhibitions, composting demonstrations, irrigation "
    "workshops and mentoring programmes for teenagers.",
    "Such multifunctionality demands considerable independence, resourcefulness and willingness to accept "
    "unfamiliar responsibilities from volunteers.",
    "At the same time, municipal funding remains insufficient, and infrastructure is renewed mainly through "
    "donations from participating households.",
    "Informal agreements between neighbouring gardens play a noticeable role, since they exchange "
    "equipment, seedlings and organisational experience.",
    "Critics rightly warn that gardens risk becoming universal community centres that gradually lose their "
    "horticultural purpose.",
    "Our evidence suggests that this danger is exaggerated, because participants continue to regard "
    "cultivation as the principal reason for membership.",
    "Particularly revealing are the statements of schoolteachers, who emphasise the irreplaceable "
    "contribution of gardens to environmental education.",
    "A comparative analysis of annual reports demonstrates a persistent correlation between the experience "
    "of coordinators and the diversity of activities.",
    "Accumulated experience and longstanding acquaintances probably allow coordinators to anticipate the "
    "expectations of participants of different generations.",
    "It seems advisable to recognise established practices in municipal regulations and to provide "
    "additional support for educational programmes.",
    "The findings may inform regional programmes supporting voluntary associations and the professional "
    "training of landscape administrators.",
    "Further research should examine the preferences of younger participants and compare gardens in "
    "metropolitan and provincial settings.",
]
ARTICLES = {
    "ru-long-typography": (RUSSIAN, "СЕЛЬСКИЕ БИБЛИОТЕКИ КАК ЦЕНТРЫ ОБЩЕСТВЕННОЙ ЖИЗНИ", "Аннотация",
                           "Ключевые слова: сельские библиотеки, просветительская деятельность, местные сообщества.",
                           ["Введение", "Материалы и методы", "Результаты", "Обсуждение", "Заключение"]),
    "en-long-typography": (ENGLISH, "COMMUNITY GARDENS AS NEIGHBOURHOOD INSTITUTIONS", "Abstract",
                           "Keywords: community gardens, voluntary associations, environmental education.",
                           ["Introduction", "Materials and methods", "Results", "Discussion", "Conclusion"]),
}
PARAGRAPHS = 16  # about five pages in Russian, four in English


def raw_article(sentences, title, abstract, keywords, headings):
    """The article as a PDF's text extraction gives it: lines of at most 92 characters, a heading
    before every third paragraph; each paragraph six of the sentences, from a different one on."""
    lines = [f" {title} ", "", f"{abstract} ", *textwrap.wrap(" ".join(sentences[:2]), 92), "", f"{keywords} ", ""]
    for k in range(PARAGRAPHS):
        if k % 3 == 0:
            lines.append(headings[min(k // 3, len(headings) - 1)])
        paragraph = " ".join(sentences[(5 * k + j) % len(sentences)] for j in range(6))
        lines += textwrap.wrap(paragraph, 92)
    return "\n".join(f"{line} " if line else line for line in lines) + "\n"


@pytest.fixture(scope="module")
def long_articles(tmp_path_factory):
    sources = tmp_path_factory.mktemp("sources")
    (sources / "issue.yaml").write_text(f"first_page: 11\narticles: [{', '.join(ARTICLES)}]\n", encoding="utf-8")
    for slug, parts in ARTICLES.items():
        (sources / slug).mkdir()
        (sources / slug / "article.txt").write_text(raw_article(*parts), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    build(sources, out)
    return out


def layout_pages(pdf, numbered=True):
    """Each page's lines of text (pdftotext -layout), without the page number that closes a numbered one."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]
    if numbered:
        assert all(lines[-1].isdigit() for lines in pages if lines)
    return [lines[:-1] if numbered else lines for lines in pages if lines]


def line_end_splits(lines):
    """[(n, letters before the hyphen, letters after it on the next line)] for each line that ends in
    a hyphen after a letter; after is "" at the page's last line."""
    found = []
    for n, line in enumerate(lines):
        head = re.search(r"([^\W\d_]+)-$", line)
        if head:
            tail = re.match(r"[^\W\d_]+", lines[n + 1]) if n + 1 < len(lines) else None
            found.append((n, head.group(1), tail.group(0) if tail else ""))
    return found


def too_short(pdf, numbered=True):
    """Every word split at a line end with fewer than 3 letters on one side ("со-/временные"), and how
    many words are split in all."""
    splits = [split for page in layout_pages(pdf, numbered) for split in line_end_splits(page)]
    return [f"{head}-/{tail}" for _, head, tail in splits if len(head) < 3 or 0 < len(tail) < 3], len(splits)


@pytest.mark.parametrize("slug", ARTICLES)
def test_every_hyphen_leaves_three_letters_on_each_line(long_articles, slug):
    short, splits = too_short(long_articles / slug / f"{slug}.pdf")
    assert splits, "the article is long enough to be hyphenated"
    assert short == []


@pytest.mark.parametrize("slug", ARTICLES)
def test_at_most_two_hyphenated_lines_in_a_row_and_no_page_ends_in_a_hyphen(long_articles, slug):
    pages = layout_pages(long_articles / slug / f"{slug}.pdf")
    assert len(pages) >= 4
    for number, lines in enumerate(pages, 1):
        hyphenated = [n for n, _, _ in line_end_splits(lines)]
        runs = [n for n in hyphenated if n - 1 in hyphenated and n - 2 in hyphenated]
        assert runs == [], f"page {number}: three hyphenated lines in a row, ending {lines[runs[0]]!r}"
        assert not lines[-1].endswith("-"), f"page {number} ends in a hyphen: {lines[-1]!r}"


def test_the_rules_were_kept_by_laying_out_again_with_the_final_page_count(long_articles):
    # The Russian article's first layout ended a page in a hyphen (its ladders are stopped while its
    # lines are made): the PDF above is the layout that keeps the rules, and its page count is the
    # one the issue's pages are planned from.
    facts = json.loads((long_articles / "ru-long-typography" / "work" / "pdf.json").read_text(encoding="utf-8"))
    assert facts["hyphenation"]["layouts"] >= 2
    assert facts["hyphenation"]["kept_whole"]["page_end"] >= 1
    assert facts["hyphenation"]["rules_broken"] == 0
    plan = json.loads((long_articles / "issue" / "pages.json").read_text(encoding="utf-8"))
    for entry in plan["articles"]:
        with pikepdf.open(long_articles / entry["slug"] / f"{entry['slug']}.pdf") as pdf:
            assert len(pdf.pages) == entry["pages"] == entry["lpage"] - entry["fpage"] + 1


def font_families(pdf_path):
    """The families of the fonts embedded in a PDF: "PT-Serif-Italic" (subset "ABCDEF+") is PT-Serif."""
    families = set()
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for font in page.obj.Resources.get("/Font", {}).values():
                name = str(font.BaseFont).lstrip("/").split("+")[-1]
                families.add(re.sub(r"-(Bold|Italic|BoldItalic|Regular)$", "", name))
    return families


def test_the_contents_pdf_is_set_in_the_articles_fonts(long_articles, tmp_path):
    articles = set().union(*(font_families(long_articles / slug / f"{slug}.pdf") for slug in ARTICLES))
    assert articles == {"PT-Serif", "PT-Sans"}
    # The contents list final articles only: the issue's contents of the two, as if published.
    folders = final_copies(list(ARTICLES), tmp_path, long_articles)
    assert main(["issue", str(ROOT / "config" / "config.yaml"), "", str(tmp_path / "issue"), *folders]) == 0
    assert font_families(tmp_path / "issue" / "toc.pdf") == articles


# Invented sentences for the hyphenation patterns of each language the journal typesets with them,
# with compounds whose part before or after the hyphen is short.
LANGUAGE_TEXTS = {
    "ru": "Во-первых, преподаватели муниципальных общеобразовательных учреждений подчёркивают из-за "
          "недостаточного финансирования необходимость дополнительной профессиональной подготовки.",
    "en": "Nevertheless, the administrators of the participating municipalities acknowledged that "
          "e-mail correspondence with environmental organisations considerably accelerated decisions.",
    "pt": "Entretanto, os administradores das municipalidades participantes reconheceram que a "
          "correspondência eletrónica com organizações ambientais acelerou consideravelmente as decisões.",
    "es": "Sin embargo, los administradores de los municipios participantes reconocieron que la "
          "correspondencia electrónica con organizaciones ambientales aceleró considerablemente las decisiones.",
}


@pytest.mark.parametrize("lang", LANGUAGE_TEXTS)
def test_each_language_keeps_three_letters_each_side_of_a_hyphen(lang, tmp_path):
    # print.css in narrow columns, laid out by the PDF writer's own path (line_ends.typeset).
    import weasyprint

    # columns this narrow may keep a ladder
    document, _ = line_ends.typeset(weasyprint.HTML(string=narrow_columns(lang)))
    document.write_pdf(tmp_path / "columns.pdf")
    short, splits = too_short(tmp_path / "columns.pdf", numbered=False)
    assert splits >= 10, "the columns are narrow enough to be hyphenated"
    assert short == []


def narrow_columns(lang):
    css = (ROOT / "styles" / "print.css").read_text(encoding="utf-8")
    columns = "".join(f'<p style="width: {width}mm">{LANGUAGE_TEXTS[lang]}</p>' for width in range(28, 60, 3))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><style>{css}'
            "@page { size: A4; margin: 10mm; @top-center { content: none; } }</style></head>"
            f"<body>{columns}</body></html>")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_ladders_are_stopped_while_the_lines_are_made(lang):
    # One layout, no word kept whole: after two hyphenated lines the next is made without hyphens.
    # Only a paragraph that a page break splits may still show a ladder across its two parts.
    import weasyprint

    document = line_ends.render(weasyprint.HTML(string=narrow_columns(lang)))
    lines = list(line_ends.flow_lines(document))
    hyphenated = [bool(line_ends.auto_hyphenated_word(line, following))
                  for line, following in zip(lines, [*lines[1:], None])]
    assert sum(hyphenated) >= 10, "the columns are narrow enough to be hyphenated"
    ladders = [n for n in range(2, len(lines)) if all(hyphenated[n - 2:n + 1])
               and not any(line.last_on_page for line in lines[n - 2:n])]
    assert ladders == []


def test_keeping_words_whole_changes_no_letter():
    paragraph = ElementTree.fromstring(
        "<body><p>Во-первых, слово и <em>ещё слово</em> слово, e-mail <b>x</b>слово</p></body>")
    before = "".join(paragraph.itertext())
    line_ends.keep_short_compounds_together(paragraph)
    line_ends.keep_whole(paragraph.find("p"), "слово")
    assert "".join(paragraph.itertext()) == before
    spans = paragraph.findall(".//span")
    assert [s.text for s in spans if s.get("class") == line_ends.KEEP_TOGETHER] == ["Во-первых", "e-mail"]
    assert [s.text for s in spans if s.get("class") == line_ends.KEEP_WHOLE] == ["слово", "слово", "слово"]


def laid_out_text(document):
    """The document's lines' letters in order, without the typesetter's hyphens and the spaces."""
    lines = list(line_ends.flow_lines(document))
    texts = [line.text[:-1] if line_ends.auto_hyphenated_word(line, following) else line.text
             for line, following in zip(lines, [*lines[1:], None])]
    return re.sub(r"\s+", "", "".join(texts)), sum(text != line.text for text, line in zip(texts, lines))


def test_lines_made_again_lose_and_double_no_letter(long_articles):
    # The lines a ladder or a page's end makes again come from the same text: laid out with the
    # rules or without, the articles hold the same letters in the same order.
    import weasyprint

    from galley import pdf, render
    from galley.paths import STYLES
    from galley.settings import load_config

    config = load_config(ROOT / "config" / "config.yaml")
    for slug in ARTICLES:
        job = render.load(long_articles / slug / f"{slug}.md", long_articles / slug / "work" / "references.json",
                          config, refuse=False)
        html = pdf.print_html(job)
        plain = weasyprint.HTML(string=html, base_url=str(STYLES)).render()
        kept, _ = line_ends.typeset(weasyprint.HTML(string=html, base_url=str(STYLES)))
        (plain_text, plain_hyphens), (kept_text, kept_hyphens) = laid_out_text(plain), laid_out_text(kept)
        assert kept_text == plain_text
        assert kept_hyphens < plain_hyphens, "the rules made some lines again, without a hyphen"


def test_weasyprint_is_wrapped_once_whatever_threads_ask():
    # The first PDFs of a build made in threads install the limit together: WeasyPrint's own line
    # maker must sit under exactly one wrapper.
    import threading

    from weasyprint.layout import block

    threads = [threading.Thread(target=line_ends._install_ladder_limit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wrapper = block.iter_line_boxes
    inner = dict(zip(wrapper.__code__.co_freevars, (c.cell_contents for c in wrapper.__closure__)))["make_lines"]
    assert wrapper.galley_limit and not getattr(inner, "galley_limit", False)
