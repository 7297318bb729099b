"""Stage 1, normalize: raw extracted text → clean paragraphs, with every change recorded.

Each rule is a function over lines or paragraphs that returns what it changed; nothing the author
wrote is dropped except page furniture (running heads, page numbers), which the report lists and
whose facts (journal, issue, year, page numbers) are kept for later stages.
"""

import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from . import dictionary, furniture, hyphenation, lost_letters
from .errors import InputError
from .languages import abbreviations, detect_language, label_pattern, load_yaml, match_label, script_of
from .names import LOWER, UPPER
from .text_changes import line_at, skeleton

TERMINAL = tuple(".!?…:;»\"”’)]")
PUNCTUATION = set(".,;:!?…")
# A sentence ending inside the line, a DOI or a web address: a piece of text or of a reference, no heading.
NEVER_IN_A_HEADING = re.compile(r"[.!?]\s|\b10\.\d{4,}/|https?://|www\.")
SOFT_HYPHEN = hyphenation.SOFT_HYPHEN
# Ligatures of the Latin alphabet (U+FB00–FB06); the pieces of tall brackets and braces that symbol
# fonts draw formulas with (private use, U+F8E5–F8FF: no character of the text); control characters
# other than the tab, line end and form feed (the page break). Other private-use characters stay: a
# symbol font's letters and signs (U+F020–F0FF) are text, only in the font's own code.
LIGATURE = re.compile("[\ufb00-\ufb06]")
FONT_GLYPHS = re.compile("[\ufb00-\ufb06\uf8e5-\uf8ff\x00-\x08\x0b\x0e-\x1f\x7f]")
HEADING_WIDTH = 0.6  # a line this much shorter than the text's lines ended early
HEADING_WORDS = 12  # a heading is at most this many words
FULL_LINE = 0.8  # a line of a paragraph's body fills this much of the text's width
HEADING_LINES = 3  # … on at most this many lines
LANGUAGE_SAMPLE = 5000  # characters of a paragraph enough to tell its language
NBSP = "\u00a0"
# Suggesting spellings costs hunspell a few ms of CPU a word (galley.dictionary): the first words
# warned about in a language get suggestions, a text full of unknown words (a language told wrong) no more.
SUGGESTED_WORDS = 50
CONTEXT_REACH = 90  # characters of a warned word's sentence shown on either side of it
# A sentence ends after a word of two letters (not an initial: "И. И."), a number or a bracket.
SENTENCE_BREAK = re.compile(r"(?:(?<=[^\W\d_]{2}[.!?…])|(?<=[\d)\]»”\"][.!?…]))\s+")
# An affiliation marked by its number or a star ("1Казахский…", "*University…"), or an e-mail line.
MARKED_LINE = re.compile(rf"^(?:(?:\d{{1,2}}|\*)(?P<space>\s?)[{UPPER}][{LOWER}]|(?i:e-?mail)\b)")
ENUMERATED = re.compile(r"^\s*(?:(\d{1,3})[.)]|\[(\d{1,3})\])\s")
ITEM_SKIP = 3  # a list may skip an entry or two that the extraction ran into the one before
# The first author of a reference entry: a surname (perhaps after "van", "de") and initials with dots
# ("Smith, J. A.", "Иванов И.И.") or capitals then a comma or colon ("Ankley GT,").
INITIAL_AT_END = re.compile(r"(?<!\w)\w\.$")  # "/ П." then "Мытник": an initial, the entry goes on
ENTRY_START = re.compile(rf"^(?:[a-z]{{1,3}}\s){{0,2}}[{UPPER}][^\W\d_]+(?:[-'’][^\W\d_]+)*"
                         rf"(?:,?\s(?:[{UPPER}]\.\s?-?){{1,3}}|\s[{UPPER}]{{1,3}}[,:])")
NAME_SEPARATOR = re.compile(r",\s*|\s+&\s+")  # between the names of an author line
AFFILIATION_MARKS = re.compile(r"[\d*†‡,]+$")
NAME_WORD = re.compile(rf"[{UPPER}][^\W\d_]*(?:[-'’][{UPPER}]?[^\W\d_]+)*")
INITIALS = re.compile(rf"(?:[{UPPER}][{LOWER}]?\.-?){{1,3}}")
# A numbered heading: "2.1 Methods", "3. Измерение…", "IV. RESULTS" (the first word a capital).
NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVXLC]{1,6}\.)\s+[«\"“(]?[^\W\d_]")
# A subsection's numbered heading run in to its paragraph, after a finished sentence: "2.3. Sites and
# Samples. Each plot…" (two levels of numbering or more, a phrase, a full stop, a capital).
NUMBERED_RUN_IN = re.compile(rf"^\d{{1,2}}(?:\.\d{{1,2}})+\.?\s+[{UPPER}][^.!?]{{1,100}}?\.\s+[{UPPER}]")
# The words before the first full stop or colon of a line: a run-in heading when all in capitals.
RUN_IN_CAPS = re.compile(r"([^.:]{3,80})[.:]\s+\S")
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")  # e-mail and web addresses: no words to spell
LOWER_WORD = re.compile(rf"(?<![\w-])[^\W\d_{UPPER}]{{3,}}(?![\w-])")
# No-break spaces: after "с." "p." "б." "№" before a number; between initials and a surname (in
# either order); before a dash.
INITIAL = rf"[{UPPER}]\."
CAPITALISED = rf"[{UPPER}][{LOWER}]+"
TYPOGRAPHY = [
    (re.compile(rf"(?<![\w.])({'|'.join(abbreviations(kind) for kind in ('pages', 'volume', 'issue'))}) ?(?=\d)",
                re.IGNORECASE), "\\1" + NBSP),
    (re.compile(rf"(?<![\w-])({CAPITALISED}) (?={INITIAL}(?: ?{INITIAL})?(?!\w))"), "\\1" + NBSP),
    # Initials before a surname, unless they already follow theirs ("Иванов И.И. Цифровая…").
    (re.compile(rf"(?<![\w.\u00a0])({INITIAL}(?: ?{INITIAL})?) (?={CAPITALISED})"), "\\1" + NBSP),
    (re.compile(r" (?=[–—] )"), NBSP),
]
SPACE_BEFORE_PUNCT = re.compile(r"(?<=\S)[ \t]+(?=[.,;:!?)\]»”](?:\s|$))")
CLOSING_PUNCT = re.compile(r"[.,;:!?)\]»”](?:\s|$)")  # what SPACE_BEFORE_PUNCT takes the space before


@dataclass
class Change:
    rule: str
    line: int
    before: str
    after: str


@dataclass
class Normalized:
    paragraphs: list
    encoding: str = "utf-8"
    changes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    furniture: dict = field(default_factory=dict)
    line_maps: list = field(default_factory=list)  # per paragraph: [offset in it, source line] of each line joined
    letter_pairs: set = field(default_factory=set)  # (as extracted, as repaired): the same letter

    @property
    def text(self):
        return "\n\n".join(self.paragraphs) + "\n"

    @property
    def paragraph_lines(self):
        """The source line each paragraph starts on."""
        return [line_map[0][1] for line_map in self.line_maps]


def normalize(text, encoding="utf-8", source="article.txt", restorations=None, known_words=frozenset()):
    """Run every rule over a decoded text; raise InputError if a word would be lost.

    restorations: the words whose lost letters the editor confirmed ({as written: restored});
    known_words: the journal's word list (casefolded), words never warned about in spelling."""
    result = Normalized(paragraphs=[], encoding=encoding)
    if encoding != "utf-8":
        result.changes.append(Change("encoding", 0, encoding, "utf-8"))
    raw_lines = _unify(text, result).split("\n")
    page_of = page_of_each_line(raw_lines)
    lines = [_fix_line(line, number, result) for number, line in enumerate(raw_lines, 1)]
    removals = furniture.find(lines, page_of)
    for number, removal in sorted(removals.items()):
        result.changes.append(Change(removal.kind, number, removal.text, removal.kept))
    result.furniture = furniture.facts(removals)
    content = text_lines(lines, removals, page_of)
    splits = {s for a, b in zip(content, content[1:]) if (s := _split_between(a, b))}
    hyphens = hyphenation.decide(splits, [line.text for line in content])
    paragraphs, result.line_maps = join_paragraphs(content, hyphens, result, furniture.is_wrapped(raw_lines))
    paragraphs = restore_letters(paragraphs, result, restorations or {}, lines)
    result.paragraphs = [typography(p, m, result) for p, m in zip(paragraphs, result.line_maps)]
    check_conservation(lines, removals, result, source)
    result.warnings += spelling_warnings(result.paragraphs, result.line_maps, known_words)
    result.warnings += lost_letters.suggestions(result.paragraphs, result.paragraph_lines,
                                                lambda word, start: line_of_word(word, start, lines),
                                                _is_references_title)
    return result


def _unify(text, result):
    """Line ends to \\n, Unicode to NFC, soft hyphens inside lines out (those at a line end mark a
    hyphenation point, which the paragraphs' joining takes out with the line end)."""
    if "\r" in text:
        result.changes.append(Change("line-ends", 0, "CRLF/CR", "LF"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:  # NFC composes within a line: each line it changes is reported (it looks the same)
        for number, (line, composed) in enumerate(zip(text.split("\n"), nfc.split("\n")), 1):
            if line != composed:
                result.changes.append(Change("unicode-nfc", number, line.strip(), composed.strip()))
    if FONT_GLYPHS.search(nfc):
        nfc = _unfold_glyphs(nfc, result)
    if SOFT_HYPHEN not in nfc:
        return nfc
    lines = nfc.split("\n")
    for number, line in enumerate(lines, 1):
        inside = line.rstrip().removesuffix(SOFT_HYPHEN)
        if SOFT_HYPHEN in inside:
            lines[number - 1] = line.replace(SOFT_HYPHEN, "") + (SOFT_HYPHEN if inside != line.rstrip() else "")
            result.changes.append(Change("soft-hyphen", number, line.strip(), lines[number - 1].strip()))
    return "\n".join(lines)


def _unfold_glyphs(text, result):
    """What a PDF's fonts leave in extracted text: ligatures (ﬁ, ﬂ, ﬃ) unfolded into their letters;
    the pieces of a formula's tall brackets and control characters taken out. Each changed line is
    reported."""
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if FONT_GLYPHS.search(line):
            lines[number - 1] = FONT_GLYPHS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0))
                                                if LIGATURE.match(m.group(0)) else "", line)
            result.changes.append(Change("font-glyphs", number, line.strip(), lines[number - 1].strip()))
    return "\n".join(lines)


def _fix_line(line, number, result):
    fixed = fix_lookalikes(line, number, result)
    fixed = fixed.rstrip().replace("\t", " ")
    indent = len(fixed) - len(fixed.lstrip(" "))
    body = re.sub(r" {2,}", " ", fixed.strip())
    body = SPACE_BEFORE_PUNCT.sub("", body)
    if body != fixed.strip():
        result.changes.append(Change("spacing", number, fixed.strip(), body))
    # Keep one space of indentation: it tells a paragraph's first line from a wrapped one.
    return (" " if indent else "") + body


# --- look-alike letters ---------------------------------------------------------------------

def fix_lookalikes(line, number, result):
    """Latin letters inside Cyrillic words become Cyrillic, and the reverse."""
    tables = load_yaml("lookalikes.yaml")

    def repair(match):
        word = match.group(0)
        fixed = repair_word(word, tables)
        if fixed is None:
            return word
        if fixed == word:
            result.warnings.append({"rule": "mixed-script", "line": number, "text": word,
                                    "message": "word mixes Latin and Cyrillic letters on purpose? left as it is"})
            return word
        result.changes.append(Change("lookalike", number, word, fixed))
        return fixed

    return WORD.sub(repair, line)


def repair_word(word, tables):
    """The word in one script, the same word if it cannot be repaired, None if it needs nothing."""
    scripts = [script_of(c) for c in word]
    cyrillic, latin = scripts.count("cyrillic"), scripts.count("latin")
    if not (cyrillic and latin):
        return None
    parts = word.split("-")
    if len(parts) > 1 and all(_single_script(p) for p in parts):
        return word  # "Wi-Fi-сеть": parts in different scripts, on purpose
    target, table = (("cyrillic", tables["latin_to_cyrillic"]) if cyrillic >= latin
                     else ("latin", tables["cyrillic_to_latin"]))
    strays = [c for c, s in zip(word, scripts) if s and s != target]
    if not all(c in table for c in strays):
        return word
    return "".join(table.get(c, c) if s and s != target else c for c, s in zip(word, scripts))


def _single_script(part):
    return len({script_of(c) for c in part if script_of(c)}) <= 1


# --- lines and pages -------------------------------------------------------------------------

@dataclass
class Line:
    """A line of the article's text, with what stood before it."""
    number: int  # 1-based, in the source
    text: str
    indented: bool
    gap: bool  # a blank line before it
    page_break: bool  # a page break (form feed or page furniture) before it
    cut: bool = False  # a page number glued to its last word was taken away: the word may go on


def page_of_each_line(raw_lines):
    """The page index of every line: pdftotext starts each page after the first with a form feed."""
    pages, page = [], 0
    for line in raw_lines:
        leading = len(line) - len(line.lstrip("\f"))
        page += leading
        pages.append(page)
        page += line.count("\f") - leading
    return pages


def text_lines(lines, removals, page_of):
    """The lines the article's text is made of, page furniture taken out."""
    found, gap, page_break, last_page = [], False, False, 0
    for number, line in enumerate(lines, 1):
        if number in removals:
            page_break = True
            line = removals[number].kept
        if not line.strip():
            gap = gap or number not in removals
            continue
        page = page_of[number - 1]
        cut = number in removals and removals[number].cut
        found.append(Line(number, line.strip(), line.startswith(" "), gap, page_break or page != last_page, cut))
        gap = page_break = False
        last_page = page
    return found


# --- paragraphs -----------------------------------------------------------------------------

@dataclass
class Block:
    """The lines of one paragraph, gathered before they are joined."""
    lines: list

    @property
    def last(self):
        return self.lines[-1].text

    @cached_property
    def starts_with_names(self):
        """Its first line lists names (asked once: a paragraph's first line may be long)."""
        return _is_name_list(self.lines[0].text)

    def is_heading_like(self, width):
        """A few short words that end without punctuation: a heading, or a line set apart like one."""
        if len(self.lines) > HEADING_LINES or _ends_sentence(self.last) or len(self.last) >= HEADING_WIDTH * width:
            return False
        return sum(len(line.text.split()) for line in self.lines) <= HEADING_WORDS


def join_paragraphs(lines, hyphens, result, wrapped=True):
    """Text lines → paragraphs. Returns (paragraphs, line map of each): a paragraph's line map lists
    [offset in the paragraph, source line] for each line joined into it, so that a later stage can
    tell the source line of any place in the paragraph.

    In a text whose lines are not wrapped (each line alone between blank lines, as the normalizer
    writes its output) a line that starts like a sentence starts a paragraph: the wrapped text's
    rules would join it across the blank line and undo the breaks this stage decided (normalizing
    its own output must change nothing); a sentence broken by a blank line still goes on.

    Each line is compared with the paragraph's last line only, and the lines are joined once at the
    end, so the work grows with the text's length, however long a paragraph runs.
    """
    width = _typical_width(lines)
    blocks, item, in_references = [], None, False
    for k, line in enumerate(lines):
        following = lines[k + 1:k + 1 + HEADING_LINES]
        if blocks and not (in_references and _starts_an_entry(blocks[-1], line)) \
                and (wrapped or not _starts_like_a_sentence(line.text)) \
                and _continues(blocks[-1], line, following, width, item):
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block([line]))
            item = _item_number(line.text) or item
            in_references = _in_references(line.text, in_references)
    joined = [_joined(block, hyphens, result) for block in blocks]
    return [text for text, _ in joined], [line_map for _, line_map in joined]


def _in_references(text, before):
    """A reference list starts at its title and ends at the next label (a translated abstract…)."""
    label = match_label(text) if _starts_with_a_label(text) else None
    return label[0] == "references" if label else before


def _starts_an_entry(block, line):
    """In an unnumbered reference list, an entry that ended and a line that starts with an author
    ("Ankley GT, …", "Smith, J. A.", "Иванов И.И.") make a new entry, however full the line before."""
    last = block.last
    ended = (last.endswith((".", ")")) or last[-1:].isdigit()) and not INITIAL_AT_END.search(last)
    return ended and bool(ENTRY_START.match(line.text))


def _typical_width(lines):
    lengths = [len(line.text) for line in lines if len(line.text) > 20]
    return statistics.median(lengths) if lengths else 80


def _continues(block, line, following, width, item):
    """Whether a line goes on with the paragraph gathered so far (following: the next few lines;
    item: the number of the last list item or reference entry that started a paragraph)."""
    last, text = block.last, line.text
    if hyphenation.split_at(last, text) or last.endswith(hyphenation.SOFT_HYPHEN):
        return True  # a word cut at the line end goes on, across a page break too
    if _is_title_like(last) and _ends_a_capitals_title(text) and not line.gap and not _starts_with_a_label(text):
        return True  # "… OF THE METHOD OF VAN" / "DER PAUW.": a capitals title's short last line
    if _is_title_like(last) != _is_title_like(text) or _starts_with_a_label(text):
        return False
    if label_pattern().match(last) and _is_label_only(last):
        return False
    if _is_title_like(last) and _is_title_like(text):
        return not (line.gap and not line.page_break) and not _ends_sentence(last)
    if _is_marked_line(text, last, width) and not line.page_break:
        return False
    if _is_numbered_heading(text, following):
        return False
    if not line.page_break and _names_end_or_begin(block, line):
        return False
    if line.gap and not line.page_break and _is_keywords(block):
        return False  # a keywords line has no sentence to go on with: a blank line ends it
    if not _ends_sentence(last):
        return _sentence_goes_on(block, line, width)
    if (line.gap and not line.page_break) or _next_item(text, item) or line.indented:
        return False
    if _is_run_in_caps_heading(text) or NUMBERED_RUN_IN.match(text) or _is_lone_heading([line, *following], width):
        return False
    return len(last) >= 0.8 * width


def _sentence_goes_on(block, line, width):
    """An unfinished sentence goes on, across a blank line or a page break, whatever the next line
    starts with; unless a heading came before, or a short line ended the paragraph (a display
    formula the extraction dropped, a caption) and a capital starts the next."""
    if not _starts_like_a_sentence(line.text):
        return True
    if block.is_heading_like(width) or len(block.lines) == 1 and _is_numbered_heading(block.last, [line]):
        return False
    if _stands_alone(block, line, width):
        return False
    return line.page_break or len(block.last) >= HEADING_WIDTH * width or not _starts_with_a_capital(line.text)


def _is_keywords(block):
    label = match_label(block.lines[0].text)
    return bool(label) and label[0] == "keywords"


def _stands_alone(block, line, width):
    """A paragraph's first line that ends short and without punctuation, then a full line: a heading
    ("Preparing the samples of the second series" over its section's text). Justified text fills every
    line of a paragraph but its last, and a title wrapped over lines goes on in a short one."""
    last = block.last.rstrip()
    return (len(block.lines) == 1 and not last.endswith(",") and len(last.split()) <= HEADING_WORDS
            and len(last) < FULL_LINE * width <= len(line.text))


def _starts_with_a_label(text):
    """ "Аннотация", "Keywords:", "Введение. Текст…": a label in capitals ("methods: in…" is text)."""
    m = label_pattern().match(text)
    return bool(m) and m.group("label")[:1].isupper()


def _is_marked_line(text, last, width):
    """ "1Казахский университет…", "2 University of…", "e-mail: …": a front-matter line of its own.

    A number and a capital after a full line that ends in a word ("between 8 and" / "14 December")
    go on with the sentence.
    """
    m = MARKED_LINE.match(text)
    if not m:
        return False
    mid_sentence = len(last) >= 0.8 * width and last[-1:].islower()
    return not (m.group("space") and mid_sentence)


def _is_name_list(text):
    """A line of two names or more: "Ian J. Reed, Jean-Luc Marais, Paulo da Costa, Rui DO
    MONTE, А.Б. Иванов1, …" (the last one may run on to the next line)."""
    parts = _name_parts(text)
    return len(parts) >= 2 and _are_names(parts)


def _names_end_or_begin(block, line):
    """A title, then its authors' line; the authors, a blank line, then the text. (A reference entry
    that starts with names goes on into its title: no blank line there.)"""
    names_before, names_now = block.starts_with_names, _goes_on_naming(line.text, block)
    if names_now and not names_before:
        return not block.last.endswith(",")  # "…, Smith J," then more names: one list
    return names_before and not names_now and line.gap


def _goes_on_naming(text, block):
    """A line of names, or the end of a name the line before began and more names ("Kremer, Julien
    Leclaire, Stéphane Canaan")."""
    if _is_name_list(text):
        return True
    first, _, rest = text.partition(",")
    return (block.starts_with_names and bool(NAME_WORD.fullmatch(first.strip()))
            and _are_names(_name_parts(rest)))


def _name_parts(text):
    return [p for p in NAME_SEPARATOR.split(text.strip().rstrip(",")) if p and not AFFILIATION_MARKS.fullmatch(p)]


def _are_names(parts):
    """Every part a name; the last may be a name's first word, the line ending inside the name."""
    return all(_is_name(p) for p in parts[:-1]) and (not parts or _is_name(parts[-1])
                                                     or bool(NAME_WORD.fullmatch(parts[-1].strip())))


def _is_name(part):
    """Two to six words of a personal name: capitalised words and initials, short lower-case
    particles between them ("da", "von"), affiliation marks at the end."""
    words = [AFFILIATION_MARKS.sub("", w) for w in part.split()]
    if not 2 <= len(words) <= 6 or not all(words):
        return False
    inner_particles = [w for w in words[1:-1] if w.islower() and len(w) <= 3]
    names = [w for w in words if NAME_WORD.fullmatch(w) or INITIALS.fullmatch(w)]
    return len(names) + len(inner_particles) == len(words) and len(inner_particles) <= 2 and words[0] in names


def _item_number(text):
    m = ENUMERATED.match(text)
    return int(m.group(1) or m.group(2)) if m else None


def _next_item(text, item):
    """A numbered line that goes on from the last list item or entry ("3." after "2."), or starts a
    list: "[23] However…" after a sentence is a citation that a line end put first."""
    number = _item_number(text)
    return number is not None and (number == 1 or item is not None and item < number <= item + ITEM_SKIP)


def _ends_sentence(text):
    return text.rstrip().endswith(TERMINAL)


def _starts_with_a_capital(text):
    return text.lstrip("«\"“‘'")[:1].isupper()


def _starts_like_a_sentence(text):
    first = text.lstrip("«\"“‘'([")[:1]
    return first.isupper() or first.isdigit() or first == "©"  # "© 2031 The authors. …" opens a notice


def _is_label_only(line):
    m = label_pattern().match(line)
    return bool(m) and not m.group("rest").strip()


def _is_title_like(line):
    """A line in capitals (a title or a heading), not an ordinary line of text."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _ends_a_capitals_title(text):
    """A line of a word or two in capitals, too short to look like a title by itself ("DER PAUW.")."""
    letters = [c for c in text if c.isalpha()]
    return 0 < len(text.split()) <= 2 and len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_numbered_heading(text, following):
    """ "2.1 Methods", "3. Измерение проводимости", "IV. RESULTS": numbered, a few words, no punctuation
    at all, and a new sentence after it."""
    m = NUMBERED_HEADING.match(text)
    return (bool(m) and len(text.split()) <= HEADING_WORDS and not any(c in PUNCTUATION for c in text[m.end():])
            and (not following or _starts_like_a_sentence(following[0].text)))


def _is_run_in_caps_heading(text):
    """ "MATERIAL E MÉTODOS. O estudo…": a heading in capitals run into its paragraph."""
    m = RUN_IN_CAPS.match(text)
    if not m:
        return False
    letters = [c for c in m.group(1) if c.isalpha()]
    return len(letters) >= 5 and all(c.isupper() for c in letters)


def _is_lone_heading(lines, width):
    """One or two lines without final punctuation, the last short, between a finished sentence and a
    capital: a heading ("Gonad histology", a two-line subsection title)."""
    for size in (1, 2):
        heading, after = lines[:size], lines[size:size + 1]
        if len(heading) < size or not after or any(line.gap for line in heading[1:] + after):
            return False
        words = sum(len(line.text.split()) for line in heading)
        if (_starts_with_a_capital(heading[0].text) and words <= HEADING_WORDS
                and not any(_ends_sentence(line.text) or NEVER_IN_A_HEADING.search(line.text) for line in heading)
                and len(heading[-1].text) < HEADING_WIDTH * width and _starts_with_a_capital(after[0].text)):
            return True
    return False


def _split_between(previous, line):
    """The word split between two lines: at a line-end hyphen, or where a glued page number was."""
    split = hyphenation.split_at(previous.text, line.text)
    return split or (hyphenation.cut_at(previous.text, line.text) if previous.cut else None)


def _joined(block, hyphens, result):
    """The block's lines as one paragraph (split words rejoined as decided, other lines with a space)
    and its line map."""
    parts = [block.lines[0].text]
    for previous, line in zip(block.lines, block.lines[1:]):
        split = _split_between(previous, line)
        if split and split.mark == "":
            decision = hyphens[split]
            if not decision.keep:
                result.changes.append(Change("hyphenation", previous.number, f"{split.head}⏎{split.tail}",
                                             split.head + split.tail))
            parts.append(line.text if not decision.keep else " " + line.text)
        elif split:
            decision = hyphens[split]
            _report_hyphen(split, decision, previous.number, result)
            if not decision.keep:
                parts[-1] = parts[-1][:-1]
            parts.append(line.text)
        elif previous.text.endswith(hyphenation.SOFT_HYPHEN):
            parts[-1] = parts[-1][:-1]  # a soft hyphen before no letter: still no hyphen to print
            parts.append(line.text)
        elif CLOSING_PUNCT.match(line.text):
            # "слово" then "." on the next line: no space before it, as the spacing rule does inside a line
            result.changes.append(Change("spacing", line.number, f"{previous.text[-20:]} {line.text[:20]}",
                                         f"{previous.text[-20:]}{line.text[:20]}"))
            parts.append(line.text)
        else:
            parts.append(" " + line.text)
    line_map, offset = [], 0
    for part, line in zip(parts, block.lines):
        line_map.append([offset + part.startswith(" "), line.number])
        offset += len(part)
    return "".join(parts), line_map


def _report_hyphen(split, decision, line, result):
    joined = split.head + (split.mark if decision.keep else "") + split.tail
    result.changes.append(Change("hyphenation", line, f"{split.head}{split.mark}⏎{split.tail}", joined))
    if decision.flagged:
        result.warnings.append({"rule": "hyphenation", "line": line, "text": joined,
                                "message": f"{decision.reason}; check it"})


# --- lost letters -----------------------------------------------------------------------------

def restore_letters(paragraphs, result, restorations, lines):
    """Blocks damaged throughout by a legacy font or a lost letter, repaired (each mapping and each
    word reported); then the words whose restoration the editor confirmed. The reference list is
    left as printed."""
    cut = next((k for k, p in enumerate(paragraphs) if _is_references_title(p)), len(paragraphs))
    blocks = [(p, lost_letters.block_language(p) if k < cut else None) for k, p in enumerate(paragraphs)]
    fixed = []
    for (paragraph, repairs), line in zip(lost_letters.repair_document(blocks), result.paragraph_lines):
        for repair in repairs:
            result.warnings.append(repair.report(line))
            for before, after in repair.words.items():
                _record_letters(Change("letter-mapping", line_of_word(before, line, lines), before, after), result)
        if restorations:
            paragraph, changed = lost_letters.apply_confirmed(paragraph, restorations)
            for before, after in dict.fromkeys(changed):
                _record_letters(Change("restoration", line_of_word(before, line, lines), before, after), result)
        fixed.append(paragraph)
    return fixed


def line_of_word(word, start, lines):
    """The source line a paragraph's word stands on: the first from the paragraph's on that holds it."""
    return next((n for n in range(start, len(lines) + 1) if word in lines[n - 1]), start)


def _record_letters(change, result):
    result.changes.append(change)
    result.letter_pairs |= lost_letters.letter_pairs(change.before, change.after)


def _is_references_title(paragraph):
    label = match_label(paragraph)
    return bool(label) and label[0] == "references"


# --- typography and spelling ----------------------------------------------------------------

def typography(paragraph, line_map, result):
    """No-break spaces where typography wants them; each place recorded on its source line (the
    paragraph's line map tells it), ⍽ marking the new space."""
    fixed = paragraph
    for pattern, replacement in TYPOGRAPHY:
        fixed = pattern.sub(replacement, fixed)
    for i, c in enumerate(fixed):
        if c == NBSP and paragraph[i:i + 1] != NBSP:
            around = slice(max(0, i - 15), i + 15)
            before = fixed[around].replace(NBSP, " ")
            result.changes.append(Change("no-break-space", line_at(line_map, i), before,
                                         fixed[around].replace(NBSP, "⍽")))
    return fixed


def spelling_warnings(paragraphs, line_maps, known_words=frozenset()):
    """Lower-case words that the dictionary of their paragraph's language does not know, nor the
    journal's word list, each with its sentence and up to three of hunspell's suggestions.

    The reference list is left out: its transliterations and titles are not the author's prose.
    """
    by_lang = {}
    for paragraph, line_map in zip(paragraphs, line_maps):
        if _is_references_title(paragraph):
            break
        lang = detect_language(paragraph[:LANGUAGE_SAMPLE])
        if not lang or not dictionary.settings(lang).get("spelling_warnings") or not dictionary.available(lang):
            continue
        for found in LOWER_WORD.finditer(ADDRESS.sub(lambda m: " " * len(m.group(0)), paragraph)):
            if found.group(0).casefold() not in known_words:
                by_lang.setdefault(lang, {}).setdefault(found.group(0), (line_at(line_map, found.start()), paragraph))
    warnings = []
    for lang, words in by_lang.items():
        order = {word: n for n, word in enumerate(words)}  # the text's order: a set's would change with the hash seed
        unknown = sorted(dictionary.unknown_words(words, lang), key=order.get)
        suggested = dictionary.suggestions(unknown[:SUGGESTED_WORDS], lang)
        for word in unknown:
            line, paragraph = words[word]
            warnings.append({"rule": "spelling", "line": line, "text": word,
                             "lang": lang, "context": sentence_around(paragraph, word),
                             "suggestions": suggested.get(word, []),
                             "message": f"not in the {lang} dictionary: left as written, check it"})
    return warnings


def sentence_around(paragraph, word, reach=CONTEXT_REACH):
    """The sentence the word first stands in, cut at a space some `reach` characters either side of
    the word (a long sentence shows the word, not only its beginning)."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", paragraph)
    if not found:
        return word
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(paragraph, 0, found.start())]
    sentence_start = breaks[-1] if breaks else 0
    after = SENTENCE_BREAK.search(paragraph, found.end())
    sentence_end = after.start() if after else len(paragraph)
    start, end = sentence_start, sentence_end
    if found.start() - start > reach:
        start = paragraph.find(" ", found.start() - reach, found.start()) + 1 or found.start()
    if end - found.end() > reach:
        cut = paragraph.rfind(" ", found.end(), found.end() + reach)
        end = cut if cut > 0 else found.end() + reach
    return ("…" if start > sentence_start else "") + paragraph[start:end].strip() + ("…" if end < sentence_end else "")


# --- conservation ---------------------------------------------------------------------------

def check_conservation(lines, removals, result, source):
    """Every letter of the input, less the furniture, reaches the paragraphs in order (a lost letter
    put back in place of its stand-in, reported, counts as the same letter)."""
    kept = (removals[n].kept if n in removals else line for n, line in enumerate(lines, 1))
    expected = skeleton("\n".join(kept))
    got = skeleton("".join(result.paragraphs))
    if expected == got:
        return
    pairs = result.letter_pairs
    at = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b and (a, b) not in pairs),
              min(len(expected), len(got)))
    if at == len(expected) == len(got):
        return
    raise InputError(source, f"normalization would lose or add text near «{expected[max(0, at - 30):at + 30]}»",
                     "This is a bug in the normalizer: report it with the source file")


# --- the stage ------------------------------------------------------------------------------

def run(source, text_out, report_out, article_yaml=None, max_megabytes=None, word_list=None):
    """Read a raw article, write its paragraphs and the report of every change.

    article_yaml: the editor's file, whose `restorations` are lost letters the editor confirmed
    (optional); max_megabytes: the configuration's article_max_megabytes (its default when not given);
    word_list: the journal's word list (sources/words.txt), words spelling never warns about (optional)."""
    from dataclasses import asdict

    from .atomic import write_json, write_text
    from .decode import decode

    restorations = confirmed_restorations(article_yaml)
    text, encoding = decode(read_limited(source, max_megabytes), source)
    result = normalize(text, encoding, source, restorations, dictionary.word_list(word_list))
    changes = sorted((asdict(c) for c in result.changes), key=lambda c: c["line"])
    write_text(text_out, result.text)
    write_json(report_out, {
        "stage": "normalize", "source": str(source), "encoding": encoding,
        "words_in": len(text.split()), "words_out": len(result.text.split()),
        "paragraphs": len(result.paragraphs), "line_maps": result.line_maps,
        "furniture": result.furniture, "changes": changes,
        "warnings": sorted(result.warnings, key=lambda w: w["line"]),
    })


def confirmed_restorations(editor_yaml):
    """The restorations the editor confirmed in article.yaml; an error for one that changes more than
    lost letters (it would change the author's word)."""
    from .settings import line_of, load_editor_metadata

    confirmed = load_editor_metadata(editor_yaml).get("restorations") or {} if editor_yaml else {}
    for word, restored in lost_letters.not_restorations(confirmed):
        raise InputError(editor_yaml, f"key 'restorations.{word}': «{word}: {restored}» changes more than lost letters",
                         "List a word as written and the same word with its lost letters put back (к → қ, …)",
                         line=line_of(editor_yaml, ["restorations", word]))
    return confirmed


def read_limited(source, max_megabytes=None):
    """The file's bytes, refused before they are read when there are more than the configured
    megabytes: every stage holds the text several times over, and the build must stay within
    a machine's memory (bench/large_input.py measures it at the limit)."""
    import os
    from pathlib import Path

    from .settings import default

    limit = float(max_megabytes if max_megabytes not in (None, "") else default("article_max_megabytes"))
    if not Path(source).resolve().is_relative_to(Path(source).parent.resolve()):
        raise InputError(source, "the file is a link that leads outside the article's folder",
                         "Put the article's own text there, not a link to elsewhere")
    with open(source, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > limit * 1_000_000:
            raise InputError(source, f"the file is {size / 1_000_000:.1f} MB, more than article_max_megabytes "
                             f"({limit:g} MB)", "Split the article, or raise article_max_megabytes in "
                             "config/config.yaml (or --config article_max_megabytes=N) if the machine has the memory")
        return file.read(int(limit * 1_000_000) + 1)
