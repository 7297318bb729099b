"""Page furniture told by the page's shape: pages from form feeds, heads that come back from page to
page, numbers that go up by one. Every page here is made up for the test, in the layouts journals
use: head above or below the text with no blank line, alternating heads, a head on two lines, the
page number at either end or glued to a line."""

import random

import pytest

from galley.normalize import normalize

WORDS = ("committee imaginary society met twice cold season compare registers several small towns "
         "along river which never shown clerks wrote prices grain salt columns later readers copied "
         "hand into notebooks kept library").split()


def page_text(k, lines=4):
    """Lines of made-up prose for page k, different on every page, none ending a sentence; the
    first page's first line starts with a capital."""
    rng = random.Random(k)
    found = []
    for _ in range(lines):
        line = ""
        while len(line) < 72:
            line = f"{line} {rng.choice(WORDS)}".strip()
        found.append(line)
    if k == 0:
        found[0] = found[0].capitalize()
    return found


def paged(pages):
    """pdftotext's output: each page's lines, a form feed before every page but the first."""
    return "\f".join("\n".join(page) + "\n" for page in pages) + "\f"


def kept_prose(result):
    return " ".join(result.paragraphs)


def removed(result, rule):
    return [c.before for c in result.changes if c.rule == rule]


LAYOUTS = {
    # head on top with no blank line under it; number at the bottom, right under the text
    "head-top-number-bottom": lambda k, body: ["Journal of Imagined Studies 2031, 4(2)", *body, str(41 + k)],
    # alternating heads: the journal on one page, the author and a short title on the next
    "alternating": lambda k, body: [("Imagined Review 2031, 7(1)" if k % 2 else "Doe · Rivers nobody mapped"),
                                    "", *body, "", str(7 + k)],
    # head below the text, page number on top of the next page
    "head-bottom-number-top": lambda k, body: [str(212 + k), "", *body, "Вестник выдуманных наук. 2031. № 3 (12)"],
    # a head printed on two lines, then the number
    "two-line-head": lambda k, body: ["ACTA", "", "IMAGINARIA", "", *body, "", str(300 + k)],
    # "Page 3 of 5" and a head with the number glued to its end
    "page-of": lambda k, body: [f"Imagined Letters | Volume 2 | Article 9 | {k + 1}", *body, f"Page {k + 1} of 5"],
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_heads_and_numbers_go_and_the_prose_runs_on_across_pages(layout):
    pages = [LAYOUTS[layout](k, page_text(k)) for k in range(5)]
    result = normalize(paged(pages))
    prose = kept_prose(result)
    assert prose == " ".join(" ".join(page_text(k)) for k in range(5))
    furniture = {line for page in pages for line in page if line.strip()} - {
        line for k in range(5) for line in page_text(k)}
    assert {c.before for c in result.changes if c.rule in ("running-head", "page-number")} == furniture
    assert len(result.paragraphs) == 1  # no sentence ended at a page break


def test_page_numbers_seen_are_reported_in_order():
    pages = [LAYOUTS["head-top-number-bottom"](k, page_text(k)) for k in range(4)]
    result = normalize(paged(pages))
    assert result.furniture["pages_seen"] == [41, 42, 43, 44]
    assert result.furniture["year"] == 2031


@pytest.mark.parametrize("edge_line", [
    "Table 1",  # a caption at the top of two pages whose numbers do not follow the pages
    "1987",  # a number that is not the page's
    "See the notes in the appendix",  # a line of text on one page only
])
def test_a_line_of_the_article_at_a_page_edge_stays(edge_line):
    pages = []
    for k in range(5):
        body = page_text(k)
        on = (1,) if edge_line.startswith("See") else (1, 3)
        top = [edge_line.replace("1", str(1 + 2 * k)) if edge_line == "Table 1" else edge_line] if k in on else []
        pages.append(["Journal of Imagined Studies 2031, 4(2)", *top, *body, str(41 + k)])
    result = normalize(paged(pages))
    removed_lines = removed(result, "running-head") + removed(result, "page-number")
    assert not any(line.startswith(edge_line.split()[0]) for line in removed_lines)


def test_a_title_that_reads_like_the_running_head_stays_on_the_first_page():
    title = "Rivers nobody mapped"
    pages = [[title, "J. Doe", "", *page_text(0), "", "1"]]
    pages += [[title, "", *page_text(k), "", str(k + 1)] for k in range(1, 4)]
    result = normalize(paged(pages))
    assert result.paragraphs[0] == title
    assert removed(result, "running-head") == [title] * 3


def test_a_head_the_drawing_order_put_inside_the_page_goes():
    pages = []
    for k in range(4):
        body = page_text(k)
        pages.append([*body[:2], "", "Imagined Quarterly", "", *body[2:], str(5 + k)])
    result = normalize(paged(pages))
    assert "Imagined Quarterly" not in result.text
    assert removed(result, "running-head") == ["Imagined Quarterly"] * 4


def test_a_page_number_glued_to_the_last_word_of_a_page_goes_and_the_text_stays():
    pages = []
    for k in range(4):
        body = page_text(k)
        last = f"{body[-1]}{k + 3}" if k == 2 else body[-1]
        number = [] if k == 2 else [str(k + 3)]
        pages.append(["Imagined Quarterly 2031", *body[:-1], last, *number])
    result = normalize(paged(pages))
    glued = [c for c in result.changes if c.rule == "page-number" and c.after]
    last = page_text(2)[-1]
    assert [(c.before, c.after) for c in glued] == [(last + "5", last)]
    assert f"{last} {page_text(3)[0]}" in result.text


def test_without_form_feeds_isolated_lines_are_read_as_before():
    text = ("\n".join(page_text(0)) + "\n\n\nVestnik of Imagined Studies, No. 4, 2031\n\n58\n\n"
            + "\n".join(page_text(1)) + ".\n")
    result = normalize(text)
    assert removed(result, "page-number") == ["58"]
    assert removed(result, "running-head") == ["Vestnik of Imagined Studies, No. 4, 2031"]


def test_every_removal_is_reported_with_its_line():
    pages = [LAYOUTS["alternating"](k, page_text(k)) for k in range(4)]
    raw = paged(pages)
    result = normalize(raw)
    lines = raw.split("\n")
    for change in result.changes:
        if change.rule in ("running-head", "page-number"):
            assert lines[change.line - 1].strip("\f ") == change.before


def test_a_head_printed_once_goes_by_its_words_when_set_apart_and_a_reference_line_stays():
    reference = "Bulletin of the Imaginary Society, 2031, No. 4, 45–67"
    pages = [["Imagined Review 2031, 7(1)", "", *page_text(0), "", "7"],
             ["Vestnik of Imagined Studies, No. 4, 2031", "", *page_text(1), reference, "", "8"],
             ["Imagined Review 2031, 7(1)", "", *page_text(2), "", "9"]]
    result = normalize(paged(pages))
    assert removed(result, "running-head") == ["Imagined Review 2031, 7(1)", "Vestnik of Imagined Studies, No. 4, 2031",
                                               "Imagined Review 2031, 7(1)"]
    assert reference in result.text.replace("\u00a0", " ")
