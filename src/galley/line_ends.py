"""The typeset lines' ends, as a careful compositor leaves them: at most two hyphenated lines in a
row, and no page that ends in a hyphenated word.

WeasyPrint breaks lines one at a time and knows neither rule (CSS `hyphenate-limit-lines` and
`hyphenate-limit-last` are not supported); the letters kept on each side of a hyphen it does know
(`hyphenate-limit-chars`, styles/print.css). So the document is laid out, its line boxes are read,
and each word whose hyphen breaks a rule is kept whole (a span with `hyphens: manual`, the class
KEEP_WHOLE) in WeasyPrint's own parsed tree, which is laid out again: only for an article that
breaks a rule, and at most MAX_PASSES times in all. Line breaking is greedy, so keeping a word whole
changes its own paragraph from that line on, and the page breaks after it, nothing before.
The text is unchanged: the span holds the same letters. Before the first layout, a compound with a
part of one or two letters is kept unbroken at its hyphen (KEEP_TOGETHER: "в-/третьих" is never made).

WeasyPrint builds its styles and boxes from the parsed tree (html.etree_element) at each render; of
that tree it caches only the root's children (head and body), which are never changed here.
"""

import re
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
    document = html.render(**options)
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
        document = html.render(**options)
    reasons = list(kept.values())
    return document, {"layouts": passes, "kept_whole": {why: reasons.count(why) for why in (IN_A_ROW, PAGE_END)},
                      "rules_broken": len(broken)}


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
