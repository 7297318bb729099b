"""The typeset lines' ends, as a careful compositor leaves them: at most two hyphenated lines in a
row, and no page that ends in a hyphenated word.

WeasyPrint breaks lines one at a time and knows neither rule (CSS `hyphenate-limit-lines` and
`hyphenate-limit-last` are not supported); the letters kept on each side of a hyphen it does know
(`hyphenate-limit-chars`, styles/print.css). So the rules are kept in two steps. While the lines are
made (render, below), a line after two hyphenated ones is made without automatic
hyphenation, and a hyphenated line with no room for another under it on its page is made again
without. Then the document's line boxes are read, and each word whose hyphen still breaks a rule (a
paragraph split by a page is counted in two runs; widows may move a page's last line on) is kept
whole (a span with `hyphens: manual`, the class KEEP_WHOLE) in WeasyPrint's own parsed tree, which
is laid out again: only for an article that needs it, and at most MAX_PASSES times in all. Line
breaking is greedy, so keeping a word whole changes its own paragraph from that line on, and the
page breaks after it, nothing before. The text is unchanged: the span holds the same letters.
Before the first layout, a compound with a part of one or two letters is kept unbroken at its hyphen
(KEEP_TOGETHER: "в-/третьих" is never made).

WeasyPrint builds its styles and boxes from the parsed tree (html.etree_element) at each render; of
that tree it caches only the root's children (head and body), which are never changed here.
"""

import re
import threading
import types
from dataclasses import dataclass

MAX_HYPHENATED_IN_A_ROW = 2
MAX_PASSES = 4  # layouts in all; an article with rules still broken after them is left as the last one
IN_A_ROW, PAGE_END = "in_a_row", "page_end"  # the rules, as the PDF's facts count the words they kept whole
KEEP_WHOLE = "keep-whole"
KEEP_TOGETHER = "keep-together"
# A compound of letters whose part before or after its hyphen has one or two letters.
SHORT_COMPOUND = re.compile(r"(?<![\w\-\u2010])(?:[^\W\d_]{1,2}[\-\u2010][^\W\d_]+|[^\W\d_]+[\-\u2010][^\W\d_]{1,2})"
                            r"(?![\w\-\u2010])")
HEAD = re.compile(r"(\w+)$")  # the word part a line ends with, before its hyphen
TAIL = re.compile(r"^(\w+)")  # the word part the next line starts with


@dataclass
class Line:
    paragraph: object  # the element of the block the line is in (a paragraph split by a page: one)
    text: str  # the line's text as typeset, with the typesetter's hyphen
    last_box: object  # the text box the line ends with
    last_on_page: bool


@dataclass(frozen=True)
class Break:
    """A word the typesetter hyphenated at a line end: its element and the word, whole."""
    element: object
    word: str
    why: str  # IN_A_ROW or PAGE_END


def typeset(html, **options):
    """The laid-out WeasyPrint document of html (a weasyprint.HTML), each word that broke a rule in a
    layout kept whole in the next; and how many layouts and words that took, and rules still broken."""
    keep_short_compounds_together(html.etree_element)
    kept = {}  # (element's id, word): the rule it broke
    document = render(html, **options)
    for passes in range(1, MAX_PASSES + 1):
        broken = rule_breaks(document)
        # a word kept whole already and broken again (its letters not found in its element's own text)
        # would only cost layouts
        new = [b for b in broken if (id(b.element), b.word) not in kept]
        if not new or passes == MAX_PASSES:
            break
        for found in new:
            keep_whole(found.element, found.word)
            kept[id(found.element), found.word] = found.why
        document = render(html, **options)
    reasons = list(kept.values())
    return document, {"layouts": passes, "kept_whole": {why: reasons.count(why) for why in (IN_A_ROW, PAGE_END)},
                      "rules_broken": len(broken)}


# --- the first step: the rules kept while the lines are made ----------------------------------
#
# A paragraph's lines are made one after the other (WeasyPrint's iter_line_boxes, a private function
# of WeasyPrint 70, pinned; tests/test_typography.py fails if it changes): after two hyphenated lines
# the next is made without automatic hyphenation, and a hyphenated line that leaves no room for
# another on its page is made again, from its start, without. This spares all but a few articles a
# second layout (bench/line_ends.py: 1 of the corpus's 32, against 30 with the check alone).

_layout = threading.local()  # per thread: builds lay out articles in threads too
_install_lock = threading.Lock()  # two threads' first PDFs must not wrap WeasyPrint twice


def render(html, **options):
    """The document laid out with the rules kept while its lines are made."""
    _install_ladder_limit()
    _layout.limit, _layout.hyphenated = True, {}
    try:
        return html.render(**options)
    finally:
        _layout.limit, _layout.hyphenated = False, {}


def _install_ladder_limit():
    """Wrap, once per process, the three places of WeasyPrint's line making the limit needs."""
    with _install_lock:
        _wrap_weasyprint()


def _wrap_weasyprint():
    from weasyprint.layout import block, inline
    from weasyprint.text import line_break

    if getattr(block.iter_line_boxes, "galley_limit", False):
        return
    make_lines, split_first_line, pyphen = block.iter_line_boxes, inline.split_first_line, line_break.pyphen

    def next_line(lines, no_hyphens):
        outer = getattr(_layout, "no_hyphens", False)
        _layout.no_hyphens = no_hyphens
        try:
            return next(lines, (None, None))
        finally:
            _layout.no_hyphens = outer

    def lines_limited(context, box, position_y, bottom_space, skip_stack, *rest):
        if not getattr(_layout, "limit", False):  # another document of the process (the contents)
            yield from make_lines(context, box, position_y, bottom_space, skip_stack, *rest)
            return
        lines, in_a_row, start = make_lines(context, box, position_y, bottom_space, skip_stack, *rest), 0, skip_stack
        first_line = True
        while True:
            line, resume_at = next_line(lines, in_a_row >= MAX_HYPHENATED_IN_A_ROW)
            if line is None:
                return
            hyphenated = _ends_hyphenated(line)
            if hyphenated and resume_at is not None and _last_that_fits(context, bottom_space, line):
                # the page's last line, most likely: made again from its start, unhyphenated (the
                # first line's own styles only for the paragraph's first line)
                again = rest if first_line else (*rest[:-2], None, None)
                lines = make_lines(context, box, line.position_y, bottom_space, start, *again)
                line, resume_at = next_line(lines, True)
                if line is None:
                    return
                hyphenated = _ends_hyphenated(line)  # a soft hyphen the author put may still end it
            in_a_row = in_a_row + 1 if hyphenated else 0
            start, first_line = resume_at, False
            yield line, resume_at

    def split_marked(text, style, *args, **kwargs):
        result = split_first_line(text, style, *args, **kwargs)
        first = result[0].text
        if getattr(_layout, "limit", False) and first.endswith(style["hyphenate_character"]) \
                and not text.startswith(first):  # a hyphen the source does not have there: the typesetter's
            _layout.hyphenated[id(first)] = first  # kept, so that no other text takes its id
        return result

    def language_fallback(lang):
        return None if getattr(_layout, "no_hyphens", False) else pyphen.language_fallback(lang)

    lines_limited.galley_limit = True
    block.iter_line_boxes = lines_limited
    inline.split_first_line = split_marked
    # split_first_line hyphenates automatically only for a language pyphen has patterns for
    line_break.pyphen = types.SimpleNamespace(Pyphen=pyphen.Pyphen, language_fallback=language_fallback)


def _last_that_fits(context, bottom_space, line):
    """Whether another line as high would overflow the page: the line ends the page (unless the
    paragraph's widows move it on)."""
    return context.overflows_page(bottom_space, line.position_y + 2 * line.height)


def _ends_hyphenated(line):
    """Whether the line's last text was hyphenated by the typesetter (split_marked saw it made)."""
    from weasyprint.formatting_structure import boxes

    box = line
    while isinstance(box, boxes.ParentBox) and box.children:
        box = box.children[-1]
    return isinstance(box, boxes.TextBox) and id(box.text) in _layout.hyphenated


def rule_breaks(document):
    """Every hyphenated word that makes a third hyphenated line in a row or ends a page."""
    lines = list(flow_lines(document))
    found, in_a_row = [], 0
    for line, following in zip(lines, [*lines[1:], None]):
        word = auto_hyphenated_word(line, following)
        in_a_row = in_a_row + 1 if word else 0
        if not word:
            continue
        if line.last_on_page:
            found.append(Break(line.last_box.element, word, PAGE_END))
        elif in_a_row > MAX_HYPHENATED_IN_A_ROW:
            found.append(Break(line.last_box.element, word, IN_A_ROW))
    return found


def flow_lines(document):
    """The lines of the pages' text in reading order (not the running heads of the margins)."""
    from weasyprint.formatting_structure import boxes

    def lines_in(box):
        if isinstance(box, boxes.LineBox):
            yield box
        elif not isinstance(box, boxes.MarginBox):
            for child in getattr(box, "children", ()):
                yield from lines_in(child)

    def text_boxes(box):
        if isinstance(box, boxes.TextBox):
            yield box
        for child in getattr(box, "children", ()):
            yield from text_boxes(child)

    for page in document.pages:
        lines = [(line, list(text_boxes(line))) for line in lines_in(page._page_box)]
        lines = [(line, texts) for line, texts in lines if texts]
        for n, (line, texts) in enumerate(lines):
            yield Line(line.element, "".join(t.text for t in texts), texts[-1], n == len(lines) - 1)


def auto_hyphenated_word(line, following):
    """The word the typesetter split between line and the next (whole, as the source writes it),
    or "" when the line does not end in a hyphen of the typesetter's: a hyphen the author wrote
    ("северо-западный" broken after it) is no hyphenation."""
    box = line.last_box
    mark = box.style["hyphenate_character"]
    if following is None or following.paragraph is not line.paragraph or not line.text.endswith(mark):
        return ""
    head, tail = HEAD.search(line.text[:-len(mark)]), TAIL.search(following.text)
    if not head or not tail:
        return ""
    head, tail = head.group(1), tail.group(1)
    written = re.compile(rf"(?<!\w){re.escape(head)}{re.escape(mark)}{re.escape(tail)}(?!\w)")
    if any(written.search(text) for text in own_texts(box.element)):
        return ""
    return head + tail


def own_texts(element):
    """The texts the element's own text boxes come from: its text, and its children's tails."""
    return [element.text or "", *(child.tail or "" for child in element)]


def keep_whole(element, word):
    """Each whole occurrence of word in the element's own text in a span that is not hyphenated."""
    wrap(element, re.compile(rf"(?<!\w){re.escape(word)}(?!\w)"), KEEP_WHOLE)


def keep_short_compounds_together(root):
    """Each compound with a part of one or two letters ("в-третьих", "e-mail") in a span that is not
    broken at its hyphen, in the whole body: such a line end would leave those letters alone."""
    for body in root.iter("body"):
        for element in list(body.iter()):  # not the spans it adds
            if isinstance(element.tag, str):
                wrap(element, SHORT_COMPOUND, KEEP_TOGETHER)


def wrap(element, pattern, css_class):
    """Each match of pattern in the element's own text (its text and its children's tails) in a span
    of css_class, holding the same letters."""
    def split(text):
        """The text before the first match, and a span for each match (the text after it its tail)."""
        parts = pattern.split(text or "")
        found = pattern.findall(text or "")
        spans = [element.makeelement("span", {"class": css_class}) for _ in found]
        for span, match, after in zip(spans, found, parts[1:]):
            span.text, span.tail = match, after
        return parts[0], spans

    children = list(element)
    element.text, spans = split(element.text)
    for n, span in enumerate(spans):
        element.insert(n, span)
    for child in children:
        child.tail, spans = split(child.tail)
        at = list(element).index(child) + 1
        for n, span in enumerate(spans):
            element.insert(at + n, span)
