"""Front matter: each language's title, abstract and keywords, wherever the journal prints them —
before the body, after the main abstract, or after the reference list.

The normalizer's paragraphs follow the printed lines' joins, so on a title page one paragraph may
hold several printed lines ("Title Name Surname, Name Surname DOI: 10.…", "… Title Resumen"): a
front paragraph is first cut where a DOI, an abstract or keywords label, or a list of names begins.
Each piece is then read by its shape: a classification code, a DOI, an e-mail, ORCID or date line,
a list of names, an affiliation, a label, a title, or prose. Labels and words come from the language
files; what cannot be placed is kept aside and reported, never dropped.
"""

import re
from dataclasses import dataclass, field

from .languages import (
    abbreviations,
    classification_labels,
    detect_language,
    front_note_phrases,
    institution_words,
    label_index,
    letters,
    match_abstract_part,
    match_label,
    script_of,
)
from .names import author_line, listed_people, name_list, name_with_initial_at_end, names_at_end

UPPER, _ = letters()
MAX_TITLE_WORDS = 40
MIN_TITLE_LETTERS = 8
MAX_PART_LABEL_WORDS = 4
DOI_LINE = re.compile(r"(?:\bDOI\s*:?\s*|https?://(?:dx\.)?doi\.org/\s*)(10\.\d{4,9}/\S+?)(?=[.,;]?(?:\s|$))", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ORCID = re.compile(r"\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b")
DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)?\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b")
SENTENCE_END = re.compile(rf"(?<=[^\W\d_]{{2}}[.!?])\s+(?=[«\"(]?[{UPPER}])")
# A short phrase and a colon opening a paragraph of a structured abstract ("Patients and methods:").
PART_PHRASE = re.compile(rf"^\s*(?P<label>[{UPPER}][^.:;!?]{{1,60}}?)\s*:\s*(?P<rest>\S.*)$", re.DOTALL)
NAME_AT_START = re.compile(rf"^(?:[{UPPER}]\.\s?){{1,3}}[{UPPER}][^\W\d_]+\b(?!\.)"
                           rf"|^[{UPPER}][^\W\d_]+\s(?:[{UPPER}]\.\s?){{1,3}}(?=\s|,|$)")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
NUMERIC_TOKEN = re.compile(r"[\W\d_]*\d[\W\d_]*")  # "2016,", "(2025)", "1–36", "7.1"
# A journal citation's numbers: volume(issue):page ("49(3):213"), or year;volume:page ("2022;56:85").
VOLUME_ISSUE_PAGE = re.compile(r"(?<![\w.])\d{1,4}\s*\(\s*\d{1,4}\s*\)\s*:\s*\w"
                               r"|(?<!\d)(?:19|20)\d\d\s*;\s*\d{1,4}(?:\s*\(\s*\d{1,4}\s*\))?\s*:\s*\w")
URL_LINE = re.compile(r"(?:https?://|www\.)\S+", re.I)
COPYRIGHT = re.compile(r"^(?:©|\(c\)\s)")
# A bracketed note with a link closing a title line ("Title [v2; status: …, https://…]").
LINKED_SUFFIX = re.compile(r"\s*\[[^\[\]]*(?:https?://|www\.)[^\[\]]*\]\s*$", re.I)
MAX_NOTE_WORDS = 16  # a journal citation, label or date line; longer, it is text
NUMERIC_SHARE = 0.4  # of a citation line's words that are numbers ("Volume 2019, Article ID 5512034, 7 pages")
CONNECTOR_END = re.compile(r"(?:[-‐–—,:(/]|\b\w{1,3})$")  # a title line cut after "of", "и", a comma, a dash…


def _alternation(phrases):
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


def _front_labels(kinds=("abstract", "keywords")):
    return _alternation(p for kind, _, _, p in label_index() if kind in kinds)


# --- cutting a joined paragraph ---------------------------------------------------------------

def segment(paragraph, names_follow=False):
    """A front paragraph cut where a DOI, an abstract or keywords label, or a closing list of names
    begins: the printed lines the normalizer joined, in order, nothing dropped. names_follow: the next
    paragraph is a line of names, so two capitalised phrases joined by "and" that close this one are
    the title's words ("… Lipid Family and Alters Cell Growth"), not two more names."""
    pieces = [paragraph]
    for cut in (_cut_doi, _cut_labels, _cut_editors, _cut_names, _cut_name_after_affiliation, _cut_keywords):
        pieces = [part for piece in pieces
                  for part in (cut(piece, names_follow) if cut is _cut_names else cut(piece))]
    return [p.strip() for p in pieces if p.strip()]


def _cut_doi(text):
    m = DOI_LINE.search(text)
    if not m or not text[m.end():].strip() and not text[:m.start()].strip():
        return [text]
    return [text[:m.start()], text[m.start():m.end()], *_cut_doi(text[m.end():])]


def _cut_labels(text):
    """Before a label that follows a sentence ("… end. Keywords: …"), and before an abstract label
    that closes a line ("… Title Resumen")."""
    labels = _front_labels()
    inner = re.compile(rf"(?<=[.!?])\s+(?=(?:{labels})\s*[:.])", re.IGNORECASE)
    cuts = [m.end() for m in inner.finditer(text)]
    closing = re.search(rf"\s(?:{_front_labels(('abstract',))})\s*[.:]?$", text, re.IGNORECASE)
    if closing and _is_title(text[:closing.start()]):
        cuts.append(closing.start())
    return _cut_at(text, cuts)


def _cut_names(text, names_follow=False):
    """Before the list of names that closes a title line."""
    if len(text.split()) < 4 or SENTENCE_END.search(text):
        return [text]
    at = names_at_end(text)
    if at is None or len(text[:at].split()) < 3 or (names_follow and not re.search(r"[,;]", text[at:])):
        return [text]
    return [text[:at], text[at:]]


def _cut_editors(text):
    """Before the label of a side column's editors or reviewers that the normalizer joined to the line
    before it ("…, Almaty, Kazakhstan Edited by:")."""
    phrases = front_note_phrases("editors")
    m = phrases and re.search(rf"\s(?:{phrases})\s*:", text)
    return _cut_at(text, [m.start()]) if m else [text]


def _cut_name_after_affiliation(text):
    """Before the next author's name that closes an affiliation: where each author's line is
    followed by their affiliation's, an affiliation that filled its line was joined to the name
    after it ("… Lakeside University, Kazakhstan Marat K. Sadykov")."""
    at = name_with_initial_at_end(text)
    if at is None or not affiliation_line(text[:at]) or affiliation_line(text[at:]):
        return [text]
    return [text[:at], text[at:]]


def _cut_keywords(text):
    """A keywords line joined to the publisher's next line ("Keywords: a, b © The authors …", "…, b
    How to cite: …"): cut where a copyright sign or a citing label begins."""
    label = match_label(text)
    if not label or label[0] != "keywords":
        return [text]
    citing = front_note_phrases("citing")
    starts = rf"(?:{citing})\s*:|" if citing else ""
    m = re.compile(rf"\s(?={starts}©)", re.IGNORECASE).search(text, len(text) - len(label[4]))
    return [text[:m.start()], text[m.start():]] if m else [text]


def _cut_at(text, positions):
    bounds = [0, *sorted(set(positions)), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def split_structured(text):
    """A paragraph of a structured abstract cut before each later part label ("… Métodos: …")."""
    parts = _alternation(p for kind, _, _, p in _part_phrases())
    if not parts:
        return [text]
    cut = re.compile(rf"(?<=[.!?])\s+(?=(?:{parts})\s*:)", re.IGNORECASE)
    return [piece.strip() for piece in _cut_at(text, [m.end() for m in cut.finditer(text)])]


def _part_phrases():
    from .languages import all_languages

    return [("part", key, code, p) for code, data in all_languages().items()
            for key, phrases in (data.get("abstract_parts") or {}).items() for p in phrases]


# --- what a piece is ----------------------------------------------------------------------------

def front_label(text):
    """(kind, lang, rest) when a piece opens with an abstract or keywords label.

    Besides match_label's shapes ("Abstract", "Abstract. Text", "Keywords: …"), a label may run
    straight into prose when a line was joined to it ("Resumen Este trabajo analiza …")."""
    label = match_label(text)
    if label and label[0] in ("abstract", "keywords"):
        return label[0], label[2], label[4]
    m = re.match(rf"^\s*({_front_labels(('abstract',))})\s+(?=[{UPPER}])(.+)$", text, re.IGNORECASE | re.DOTALL)
    if m and (SENTENCE_END.search(m.group(2)) or len(m.group(2).split()) > MAX_TITLE_WORDS):
        found = re.sub(r"\s+", " ", m.group(1)).casefold()
        lang = next(code for kind, _, code, p in label_index() if kind == "abstract" and p.casefold() == found)
        return "abstract", lang, m.group(2).strip()
    return None


def classification(text):
    """(code, value) for a UDC or IRSTI line ("УДК 327.8", "IRSTI 06.51.51")."""
    for code, labels in classification_labels().items():
        for label in labels:
            m = re.match(rf"^\s*{re.escape(label)}\s*:?\s*(.+)$", text)
            if m and len(m.group(1)) < 80 and re.search(r"\d", m.group(1)):
                return code, m.group(1).strip()
    return None


def affiliation_line(text):
    """{mark, name} when a front-matter line names an institution ("1Казахский университет, Алматы")."""
    m = re.match(r"^\s*(?P<mark>\d{1,2}|\*)?\s*(?P<name>.+?)\s*$", text)
    institution = m.group("name").split(",")[0].casefold()
    # A title may name a university too: an affiliation has a mark, or a place after a comma; and it
    # is one phrase, not sentences.
    if (len(text.split()) > 30 or is_capitals(text) or not (m.group("mark") or "," in text)
            or SENTENCE_END.search(text)
            or not any(re.search(rf"(?<!\w){w}", institution) for w in institution_words())):
        return None
    return {"mark": m.group("mark") or "", "name": " ".join(m.group("name").rstrip(".").split())}


def is_capitals(text):
    letters_ = [c for c in text if c.isalpha()]
    return bool(letters_) and sum(c.isupper() for c in letters_) / len(letters_) > 0.8


def _is_title(text):
    """A title's shape: capitals, or a line of at most MAX_TITLE_WORDS words that is one phrase."""
    letters_ = [c for c in text if c.isalpha()]
    if len(letters_) < MIN_TITLE_LETTERS or EMAIL.search(text):
        return False
    if is_capitals(text):
        return True
    if len(text.split()) > MAX_TITLE_WORDS:
        return False
    return not text.rstrip().endswith((".", ":", ";", ",")) or (_open_bracket(text) and not text.rstrip().endswith("."))


def _open_bracket(text):
    """Whether a line leaves a bracket or quotation mark open ("… (Rhamphichthyidae:", "the “Canine")."""
    return any(text.count(a) > text.count(b) for a, b in ("()", "[]", "“”", "«»"))


def title_case(text):
    """Most words of four letters or more capitalised, and not all in capitals."""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", text)]
    return (len(words) >= 2 and not is_capitals(text)
            and sum(w[0].isupper() for w in words) >= 0.8 * len(words))


def is_title(text):
    return _is_title(text)


def _is_metadata(text):
    """A line of contact or record data printed beside a title: e-mail, ORCID, dates."""
    return bool(EMAIL.search(text) or ORCID.search(text) or (DATE.search(text) and len(text.split()) <= 12))


def masthead_note(text):
    """The kind of line printed around a title that is no title, or None: an article type or access
    label ("Research article", "Open Access"), a date, citing or correspondence line ("Received 3 May
    2020", "How to cite: …"), a copyright line, a link, or a journal citation line ("J Name.
    2022;56:85", "Vol. 3, No. 2, pp. 1–10", "Volume 12, Article ID 345, 4 pages"). Words come from
    the language files (front_notes); the rest is shape."""
    flat = " ".join(text.split()).strip()
    bare = flat.strip(" .:")
    if not bare:
        return None
    for kind in ("article_types", "access"):
        phrases = front_note_phrases(kind)
        if phrases and re.fullmatch(rf"(?:{phrases})", bare, re.IGNORECASE):
            return kind
    for kind, rest in (("dates", r"\s*[:.]?\s*(?:[^\W\d_]+\s+)?\d"), ("citing", r"\s*:"),
                       ("correspondence", r"\s*:|.*@"), ("copyright", r"\b"), ("editors", r"\s*:")):
        phrases = front_note_phrases(kind)
        if phrases and re.match(rf"(?:{phrases})(?:{rest})", flat, re.IGNORECASE):
            return kind
    if COPYRIGHT.match(flat):
        return "copyright"
    if URL_LINE.fullmatch(bare):
        return "link"
    return "citation" if _citation_line(bare) else None


def _citation_line(text):
    words = text.split()
    if len(words) > MAX_NOTE_WORDS:
        return False
    if VOLUME_ISSUE_PAGE.search(text):
        return True
    numbers = [w for w in words if NUMERIC_TOKEN.fullmatch(w)]
    volume = abbreviations("volume")
    labelled = bool(volume) and re.search(rf"(?<!\w)(?:{volume})\s*\d", text)
    return len(numbers) >= 2 and len(numbers) >= NUMERIC_SHARE * len(words) and bool(YEAR.search(text) or labelled)


# Kinds of masthead line printed before a title: a title-like line above one was the journal's.
BEFORE_TITLE = ("article_types", "access", "citation", "link")


def is_prose(text):
    return not _is_title(text) and len(text.split()) > 2


# --- the blocks ---------------------------------------------------------------------------------

@dataclass
class Block:
    """One language's front matter as printed together: title, abstract, keywords."""

    title: str = ""
    subtitle: str = ""
    abstract: list = field(default_factory=list)  # paragraphs as printed
    parts: list = field(default_factory=list)  # a structured abstract: [{title, paragraphs}]
    keywords: list = field(default_factory=list)
    label_lang: str = ""  # the language the abstract label names
    keywords_lang: str = ""

    def has_text(self):
        return bool(self.abstract or self.keywords)


@dataclass
class Front:
    """What the front matter holds besides the blocks, for the article."""

    blocks: list = field(default_factory=list)
    classifications: dict = field(default_factory=dict)
    authors: list = field(default_factory=list)
    affiliations: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    doi: str = ""


class Reader:
    """Reads front paragraphs one at a time, and says where the front matter stops.

    States: the title block (titles, names, affiliations and codes), an abstract being read (prose
    continues it), after keywords (prose opens the body)."""

    def __init__(self, front, trailing=False):
        self.front = front
        self.trailing = trailing  # after the reference list: nothing there is body
        self.block = None
        self.state = "title-block"
        self.last = None  # what the previous piece was
        self.title_allowed = True
        self.label_ahead = False  # set by read(): an abstract or keywords label comes soon
        self.authors_at_title = 0  # how many names were read when the title was taken
        self.abstract_follows = False  # the next paragraph opens with an abstract label
        self.after_affiliation = False  # the previous piece was an affiliation
        self.editors = False  # after "Edited by:", "Reviewed by:": names and affiliations are no authors

    # A paragraph: True when it belongs to the front matter, False when the body starts at it.
    def read(self, paragraph, label, following=""):
        kind = label[0] if label else None
        if kind == "references":
            return False
        if kind == "heading" and not (self.state == "abstract" and self._part(paragraph)):
            return False
        after = segment(following) if following.strip() else []
        pieces = segment(paragraph, names_follow=bool(after) and bool(name_list(after[0])))
        if not pieces:
            return True  # white space only: nothing to place
        if not self._opens_front(pieces, following):
            return False
        label_after = self._label_follows(following)
        self.abstract_follows = bool(after) and (front_label(after[0]) or ("",))[0] == "abstract"
        for n, piece in enumerate(pieces):
            # Inside an abstract a title-like line is a title only when a label comes after it.
            self.title_allowed = self.state != "abstract" or n + 1 < len(pieces) or label_after
            self._piece(piece)
        return True

    def _opens_front(self, pieces, following):
        """Whether a paragraph continues the front matter (False: the body starts here)."""
        first = pieces[0]
        if front_label(first) or classification(first) or DOI_LINE.match(first) or _is_metadata(first):
            return True
        if self.block is not None and self.block.has_text() and _is_title(first) and not self._part(first):
            # After an abstract or keywords, a title opens the next language's block only if a
            # label follows it; else it is the body's first heading.
            return len(pieces) > 1 or self._label_follows(following)
        if self.state == "abstract":
            return True
        if self.label_ahead and not (self.block and self.block.has_text()):
            return True  # before the first abstract: kept aside, the body starts later
        # Prose after keywords, or before any abstract (an article may print none): the body.
        return not (is_prose(first) and not affiliation_line(first) and not _opens_with_name(first)
                    and not name_list(first))

    @staticmethod
    def _label_follows(following):
        pieces = segment(following) if following.strip() else []
        return bool(pieces) and (front_label(pieces[0]) is not None
                                 or (len(pieces) > 1 and front_label(pieces[1]) is not None))

    def _piece(self, piece):
        after_affiliation, self.after_affiliation = self.after_affiliation, False
        label = front_label(piece)
        if label:
            return self._label(*label)
        if self.state == "abstract" and (part := self._part(piece)):
            return self._add_part(*part)
        if (code := classification(piece)):
            self.front.classifications.setdefault(*code)
        elif (doi := DOI_LINE.fullmatch(piece.strip().rstrip("."))):
            self.front.doi = self.front.doi or doi.group(1)
            self.front.notes.append(piece)
        elif self.state == "abstract" and (is_prose(piece) or not self.title_allowed or self.last == "abstract-label"):
            return self._abstract_text(piece)
        elif self.state != "abstract" and (note := masthead_note(piece)):
            if note in BEFORE_TITLE:
                self._title_was_masthead()
            self.editors = note == "editors"
            self.front.notes.append(piece)
        elif self.editors and (author_line(piece) or name_list(piece) or affiliation_line(piece)
                               or _opens_with_name(piece) or len(piece.split()) <= 4):
            self.front.notes.append(piece)  # an editor's or a reviewer's name and place
        elif names := (author_line(piece) or self._names(piece, after_affiliation)):
            self.front.authors += names
        elif affiliation := affiliation_line(piece):
            self.front.affiliations.append(affiliation)
            self.after_affiliation = True
        elif self._title(piece):
            return None
        else:
            self.front.notes.append(piece)  # e-mails, dates, anything else: kept aside, and reported
        self._set("other")
        return None

    def _set(self, last, state=None):
        self.last = last
        if state:
            self.state = state
        elif self.state == "abstract" and last == "other":
            self.state = "title-block"

    def _unlabelled_abstract(self, block):
        """Keywords after a paragraph of prose kept aside, with no abstract in their block: that
        paragraph is the abstract the journal printed without a label."""
        notes = self.front.notes
        if (block.abstract or self.last != "other" or not notes or masthead_note(notes[-1])
                or not SENTENCE_END.search(notes[-1]) or not is_prose(notes[-1])):
            return
        block.abstract.append(notes.pop())

    def _title_was_masthead(self):
        """A journal's label or citation line right after a title, no names or abstract between: that
        title (a journal or publisher name) was the masthead's, and is kept as a front note."""
        block = self.block
        if (block is None or not block.title or block.has_text() or self.last != "title"
                or self.authors_at_title != len(self.front.authors)):
            return
        self.front.notes += [t for t in (block.title, block.subtitle) if t]
        block.title = block.subtitle = ""

    def _names(self, piece, after_affiliation=False):
        people = listed_people(piece)
        # A lone name after the title, or after an affiliation (each author on a line of their own,
        # their affiliation under them), is an author only when it is nothing but a name, and new.
        lone = (self.last == "title" or after_affiliation) and len(piece.split()) <= 4
        if len(people) == 1 and not (lone and people[0]["name"] not in [a["name"] for a in self.front.authors]):
            return []
        return people

    def _new_block(self):
        self.block = Block()
        self.front.blocks.append(self.block)
        return self.block

    def _title(self, piece):
        """A title, a wrapped title's next line, a subtitle, or a translated title: True if taken."""
        block = self.block
        if self.last == "title" and is_capitals(block.title) and is_capitals(piece) and not self._names(piece):
            block.title = f"{block.title} {piece}"  # a capitals title's last short line ("ДЕР ПАУ.")
            return True
        if not _is_title(piece) or _opens_with_name(piece) or author_line(piece) or self._names(piece):
            return False
        if self.last == "title":
            if _continues(block.title, piece):
                block.title = f"{block.title} {piece}"
                return True
            if not _different_language(block.title, piece):
                block.subtitle = f"{block.subtitle} {piece}".strip()
                return True
        elif block is not None and block.title and not block.has_text() and not _different_language(block.title, piece):
            return False  # a second title-like line after the names, before any abstract: kept aside
        if block is None or block.title or block.has_text():
            block = self._new_block()
        if (suffix := LINKED_SUFFIX.search(piece)) and suffix.start() > 0:
            self.front.notes.append(piece[suffix.start():].strip())
            piece = piece[:suffix.start()]
        block.title = piece
        self.authors_at_title = len(self.front.authors)
        self._set("title", "title-block")
        return True

    def _label(self, kind, lang, rest):
        self.editors = False
        block = self.block
        if kind == "abstract":
            if block is None or block.abstract or block.keywords:
                block = self._new_block()
            block.label_lang = lang
            self._set("abstract-label", "abstract")
            if rest:
                self._piece_in_abstract(rest)
        else:
            if block is None or block.keywords:
                block = self._new_block()
            self._unlabelled_abstract(block)
            rest, title = _title_after_keywords(rest, lang) if self.abstract_follows else (rest, "")
            block.keywords = split_keywords(rest)
            block.keywords_lang = lang
            self._set("keywords", "after-keywords")
            if title:  # the next language's title, printed on the line after the keywords
                self._new_block().title = title
                self._set("title", "title-block")

    def _piece_in_abstract(self, text):
        if part := self._part(text):
            self._add_part(*part)
        else:
            self._abstract_text(text)

    def _abstract_text(self, text):
        pieces = split_structured(text) if self.block.parts or self._part(text) else [text]
        for piece in pieces:
            part = self._part(piece) if piece is not text else None
            if part:
                self._add_part(*part)
            else:
                self.block.abstract.append(piece)
                if self.block.parts:
                    self.block.parts[-1]["paragraphs"].append(piece)
        self._set("abstract", "abstract")

    def _part(self, text):
        """(label, rest) when a paragraph opens a structured abstract's part."""
        known = match_abstract_part(text)
        if known and known[1] == ":":
            return known[0], known[2]
        m = PART_PHRASE.match(text)
        if m and self.block is not None and self.block.parts and len(m.group("label").split()) <= MAX_PART_LABEL_WORDS:
            return m.group("label"), m.group("rest")
        return None

    def _add_part(self, label, rest):
        block = self.block
        if block is None:
            block = self._new_block()
        printed = f"{label}: {rest}"
        pieces = split_structured(rest)
        block.abstract.append(f"{label}: {pieces[0]}" if len(pieces) > 1 else printed)
        block.parts.append({"title": label, "paragraphs": [pieces[0]]})
        self._set("abstract", "abstract")
        for piece in pieces[1:]:
            self._piece_in_abstract(piece)


def _opens_with_name(text):
    """A line that opens with a person's name and goes on ("Е. В. Котельников кандидат наук, …")."""
    return bool(NAME_AT_START.match(text))


def _continues(title, line):
    """Whether a line is the wrapped rest of a title: both in capitals, both in title case, the
    title leaves a bracket or quotation mark open, the line starts in lower case, or the title stops
    on a short word, a comma or a dash. A capitals title followed by a line in ordinary case is a
    subtitle."""
    if is_capitals(title) and is_capitals(line):
        return True
    if is_capitals(title) != is_capitals(line):
        return False
    if _open_bracket(title) or title_case(title) and title_case(line):
        return True
    return line[:1].islower() or bool(CONNECTOR_END.search(title.rstrip())) or not line[:1].isalpha()


def _different_language(first, second):
    a, b = detect_language(first), detect_language(second)
    scripts = {script_of(c) for c in first if c.isalpha()} ^ {script_of(c) for c in second if c.isalpha()}
    return bool(a and b and a != b and (scripts or _own_evidence(second)))


def _own_evidence(text):
    """Whether a line shows letters only some languages of its script have (ә, ө, ñ, ã…)."""
    from .languages import all_languages

    own = {c for data in all_languages().values() for c in data.get("distinctive_letters") or ""}
    return any(c in own for c in text.lower())


def _title_after_keywords(text, lang):
    """(keywords, title) when a keywords line runs into the next language's title ("…, urogenital
    papilla Dimorfismo sexual no peixe…"): the title starts at the capitalised word nearest before
    the first of another language's frequent words, inside the keyword it is glued to."""
    from .languages import all_languages

    own = {w.casefold() for w in (all_languages().get(lang) or {}).get("frequent_words", [])}
    foreign = {w.casefold() for code, data in all_languages().items() if code != lang
               for w in data.get("frequent_words", [])} - own
    words = list(re.finditer(r"\S+", text))
    first = next((n for n, w in enumerate(words) if w.group().casefold() in foreign), None)
    if first is None:
        return text, ""
    for n in range(first - 1, 0, -1):
        word, before = words[n].group(), words[n - 1].group()
        if before.endswith((",", ";", "·")):
            break  # the keyword starts here: no title inside it
        if word[:1].isupper():
            head, tail = text[:words[n].start()].rstrip(), text[words[n].start():].strip()
            if _is_title(tail):
                return head, tail
            break
    return text, ""


# Separators of keywords, the first found wins: a middle dot or bullet, a full stop between spaces
# ("salt . lakes"), a semicolon, a comma.
KEYWORD_SEPARATORS = (r"\s*[·•]\s*", r"\s+\.\s+", r"\s*;\s*", r"\s*,\s*")


def split_keywords(text):
    """Keywords as printed: separated by '·', ' . ', ';' or ',', the closing full stop dropped."""
    text = text.strip().rstrip(".").strip()
    separator = next((s for s in KEYWORD_SEPARATORS if re.search(s, text)), KEYWORD_SEPARATORS[-1])
    return [t.strip() for t in re.split(separator, text) if t.strip()]


LABEL_REACH = 15  # paragraphs ahead in which an abstract or keywords label keeps prose in the front matter


def read(paragraphs, labels, front, trailing=False):
    """Read front paragraphs from the start; the index where the front matter stops."""
    reader = Reader(front, trailing)
    ahead = _labels_ahead(paragraphs, labels)
    for i, (paragraph, label) in enumerate(zip(paragraphs, labels)):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        reader.label_ahead = ahead[i]
        if not reader.read(paragraph, label, following):
            return i
    return len(paragraphs)


def _labels_ahead(paragraphs, labels):
    """For each paragraph, whether an abstract or keywords label comes within LABEL_REACH paragraphs
    after it with no heading between: prose before it (a side box, a biography, a title the
    normalizer joined to names) is front matter, not the body."""
    ahead, next_label = [False] * len(paragraphs), None
    for i in range(len(paragraphs) - 1, -1, -1):
        ahead[i] = next_label is not None and next_label - i <= LABEL_REACH
        kind = labels[i][0] if labels[i] else None
        if kind in ("heading", "references"):
            next_label = None
        elif kind in ("abstract", "keywords") or front_label(paragraphs[i][:200]):
            next_label = i
    return ahead


def opens_block(paragraph, following=""):
    """Whether a paragraph after the reference list begins a language's front matter: a label, or a
    title with a label after it (on the same line or the next)."""
    pieces = segment(paragraph)
    if not pieces:
        return False
    if front_label(pieces[0]):
        return True
    return _is_title(pieces[0]) and Reader._label_follows(" ".join(pieces[1:]) or following)
