"""Stage 1, normalize: raw extracted text → clean paragraphs, with every change recorded.

Each rule is a function over lines or paragraphs that returns what it changed; nothing the author
wrote is dropped except page furniture (running heads, page numbers), which the report lists and
whose facts (journal, issue, year, page numbers) are kept for later stages.
"""

import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from . import dictionary
from .errors import InputError
from .languages import detect_language, label_pattern, load_yaml, match_label, script_of
from .names import LOWER, UPPER, starts_with_names

TERMINAL = tuple(".!?…:;»\"”)]")
SOFT_HYPHEN = "\u00ad"
HEADING_WIDTH = 0.6  # a line this much shorter than the text's lines ended early
NBSP = "\u00a0"
# A line that is only a page number, perhaps dressed ("- 107 -", "107 |").
PAGE_NUMBER = re.compile(r"^[\s\-–—|]*(\d{1,4})[\s\-–—|]*$")
YEAR = re.compile(r"\b(19|20)\d\d\b")
ISSUE = re.compile(r"(?:№|\bNo\.?|\bIssue|Вып\.)\s*(\d+)(?:\s*\((\d+)\))?", re.IGNORECASE)
VOLUME = re.compile(r"(?:\bVol\.?|\bТ\.|\bТом)\s*(\d+)", re.IGNORECASE)
# A reference-list entry ("4. Author. Title // Journal. 2014. № 6. С. 5-9.") or a piece of one is
# text, never a running head.
REFERENCE_SHAPE = re.compile(r"^\s*(?:\d{1,3}[.)]|\[\d{1,3}\])\s|\s//\s|\b(?:[СсPpБб]|pp)\.\s*\d+\s*[-–]\s*\d+\.?$")
# An affiliation marked by its number or a star ("1Казахский…", "*University…"), or an e-mail line.
MARKED_LINE = re.compile(rf"^(?:(?:\d{{1,2}}|\*)\s?[{UPPER}][{LOWER}]|e-?mail\b)", re.IGNORECASE)
ENUMERATED = re.compile(r"^\s*(?:\d{1,3}[.)]|\[\d{1,3}\])\s")
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
LINE_END_HYPHEN = re.compile(r"(?<![\w-])([^\W\d_]+)-$")
ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")  # e-mail and web addresses: no words to spell
LOWER_WORD = re.compile(rf"(?<![\w-])[^\W\d_{UPPER}]{{3,}}(?![\w-])")
# No-break spaces: after "с." "p." "б." "№" before a number; between initials and a surname (in
# either order); before a dash.
INITIAL = rf"[{UPPER}]\."
CAPITALISED = rf"[{UPPER}][{LOWER}]+"
TYPOGRAPHY = [
    (re.compile(r"(?<![\w.])((?:[сСpPбБ]|pp|Т|T|Vol|No)\.|№) ?(?=\d)"), "\\1" + NBSP),
    (re.compile(rf"(?<![\w-])({CAPITALISED}) (?={INITIAL}(?: ?{INITIAL})?(?!\w))"), "\\1" + NBSP),
    # Initials before a surname, unless they already follow theirs ("Иванов И.И. Цифровая…").
    (re.compile(rf"(?<![\w.\u00a0])({INITIAL}(?: ?{INITIAL})?) (?={CAPITALISED})"), "\\1" + NBSP),
    (re.compile(r" (?=[–—] )"), NBSP),
]
SPACE_BEFORE_PUNCT = re.compile(r"(?<=\S)[ \t]+(?=[.,;:!?)\]»”](?:\s|$))")


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
    paragraph_lines: list = field(default_factory=list)

    @property
    def text(self):
        return "\n\n".join(self.paragraphs) + "\n"


def normalize(text, encoding="utf-8", source="article.txt"):
    """Run every rule over a decoded text; raise InputError if a word would be lost."""
    result = Normalized(paragraphs=[], encoding=encoding)
    if encoding != "utf-8":
        result.changes.append(Change("encoding", 0, encoding, "utf-8"))
    text = _unify(text, result)
    lines = text.split("\n")
    lines = [_fix_line(line, number, result) for number, line in enumerate(lines, 1)]
    furniture = find_furniture(lines)
    for number in sorted(furniture):
        result.changes.append(Change(furniture[number], number, lines[number - 1].strip(), ""))
    result.furniture = furniture_facts(lines, furniture)
    hyphens = decide_hyphens(hyphen_candidates(lines, set(furniture)))
    paragraphs, result.paragraph_lines = join_paragraphs(lines, set(furniture), hyphens, result)
    result.paragraphs = [typography(p, n, result) for p, n in zip(paragraphs, result.paragraph_lines)]
    check_conservation(lines, furniture, result, source)
    result.warnings += spelling_warnings(result.paragraphs, result.paragraph_lines, lines)
    return result


def _unify(text, result):
    """Line ends to \\n, Unicode to NFC, soft hyphens out."""
    if "\r" in text:
        result.changes.append(Change("line-ends", 0, "CRLF/CR", "LF"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        result.changes.append(Change("unicode-nfc", 0, "decomposed characters", "NFC"))
    for number, line in enumerate(nfc.split("\n"), 1):
        if SOFT_HYPHEN in line:
            result.changes.append(Change("soft-hyphen", number, line.strip(), line.replace(SOFT_HYPHEN, "").strip()))
    # A soft hyphen at a line end marks a hyphenation point: the word continues on the next line.
    nfc = nfc.replace(SOFT_HYPHEN + "\n", "\u2060\n")
    return nfc.replace(SOFT_HYPHEN, "")


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


# --- page furniture -------------------------------------------------------------------------

def find_furniture(lines):
    """{line number: 'page-number' | 'running-head'} for lines that belong to the page, not the text."""
    isolated = {i for i, line in enumerate(lines) if line.strip() and _isolated(lines, i)}
    found = {}
    for i in isolated:
        if PAGE_NUMBER.match(lines[i]):
            found[i + 1] = "page-number"
    repeats = _repeated_shapes(lines, isolated)
    for i in isolated:
        line = lines[i].strip()
        if i + 1 in found or len(line) > 200 or label_pattern().match(line) or REFERENCE_SHAPE.search(line):
            continue
        near_page_number = any(j + 1 in found for j in _neighbours(lines, i, 1))
        if _shape(line) in repeats or _looks_like_running_head(line, near_page_number):
            found[i + 1] = "running-head"
    return found


def _isolated(lines, i):
    before = i == 0 or not lines[i - 1].strip()
    after = i == len(lines) - 1 or not lines[i + 1].strip()
    return before and after


def _neighbours(lines, i, count):
    """Indices of the nearest non-blank lines on either side of line i."""
    found = []
    for step in (-1, 1):
        j, seen = i + step, 0
        while 0 <= j < len(lines) and seen < count:
            if lines[j].strip():
                found.append(j)
                seen += 1
            j += step
    return found


def _shape(line):
    return re.sub(r"\d+", "#", line.strip().casefold())


def _repeated_shapes(lines, isolated):
    counts = {}
    for i in isolated:
        if len(lines[i].strip()) >= 8:
            counts[_shape(lines[i])] = counts.get(_shape(lines[i]), 0) + 1
    return {shape for shape, n in counts.items() if n >= 2}


@cache
def _furniture_patterns():
    words = load_yaml("furniture.yaml")
    header = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words['header_words']))})", re.IGNORECASE)
    issue = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words['issue_markers']))})\s*\d")
    return header, issue


def _looks_like_running_head(line, near_page_number):
    header, issue = _furniture_patterns()
    has_word = bool(header.search(line))
    has_issue = bool(issue.search(line))
    has_year = bool(YEAR.search(line))
    evidence = has_word + has_issue + has_year + near_page_number
    # Beside a page number, a journal word, an issue number or the authors' names make a running head.
    return evidence >= 3 or (near_page_number and (has_word or has_issue or starts_with_names(line)))


def furniture_facts(lines, furniture):
    """What the page furniture tells: running-head text, year, issue, page numbers seen."""
    heads = [lines[n - 1].strip() for n, kind in sorted(furniture.items()) if kind == "running-head"]
    pages = sorted({int(PAGE_NUMBER.match(lines[n - 1]).group(1))
                    for n, kind in furniture.items() if kind == "page-number"})
    facts = {"running_heads": sorted(set(heads)), "pages_seen": pages}
    for head in heads:
        if (year := YEAR.search(head)) and "year" not in facts:
            facts["year"] = int(year.group(0))
        if (issue := ISSUE.search(head)) and "issue" not in facts:
            facts["issue"] = issue.group(1)
            if issue.group(2):
                facts["issue_overall"] = issue.group(2)
        if (volume := VOLUME.search(head)) and "volume" not in facts:
            facts["volume"] = volume.group(1)
    return facts


# --- paragraphs -----------------------------------------------------------------------------

def join_paragraphs(lines, furniture, hyphens, result):
    """Wrapped lines → paragraphs. Returns (paragraphs, first source line of each)."""
    width = _typical_width(lines, furniture)
    paragraphs, starts = [], []
    current, last_line, last_number, start, gap, page_break = "", "", 0, 0, False, False
    for number, line in enumerate(lines, 1):
        if number in furniture:
            page_break = True
            continue
        if not line.strip():
            gap = True
            continue
        if current and _continues(current, last_line, line, width, gap and not page_break):
            current = _join(current, line, last_number, hyphens, result)
        else:
            if current:
                paragraphs.append(current.strip())
                starts.append(start)
            current, start = line.strip(), number
        last_line, last_number = line.strip(), number
        gap = page_break = False
    if current:
        paragraphs.append(current.strip())
        starts.append(start)
    return [p.replace("\u2060", "") for p in paragraphs], starts


def _typical_width(lines, furniture):
    lengths = [len(line.strip()) for n, line in enumerate(lines, 1)
               if n not in furniture and len(line.strip()) > 20]
    return statistics.median(lengths) if lengths else 80


def _continues(previous, last_line, line, width, blank_between):
    """Whether a line continues the paragraph gathered so far (whose last line is last_line)."""
    text = line.strip()
    if _is_title_like(last_line) != _is_title_like(text) or label_pattern().match(text):
        return False
    if label_pattern().match(last_line) and _is_label_only(last_line):
        return False
    if _is_title_like(last_line) and _is_title_like(text):
        return not blank_between and not last_line.rstrip().endswith(TERMINAL)
    if previous.endswith(("-", "\u2060")):
        return True
    if MARKED_LINE.match(text):
        return False  # "1Казахский университет…", "e-mail: …": a front-matter line of its own
    if not previous.rstrip().endswith(TERMINAL):
        # A short line without a full stop, then a capital: a heading of its own ("Теоретические основы").
        return not (len(last_line) < HEADING_WIDTH * width and last_line == previous.strip()
                    and text[:1].isupper() and len(last_line.split()) <= 12)
    if blank_between or ENUMERATED.match(line) or line.startswith(" "):
        return False
    return len(last_line) >= 0.8 * width


def _is_label_only(line):
    m = label_pattern().match(line)
    return bool(m) and not m.group("rest").strip()


def _is_title_like(line):
    """A line in capitals (a title or a heading), not an ordinary line of text."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _join(previous, line, previous_number, hyphens, result):
    text = line.strip()
    if previous.endswith("\u2060"):
        return previous[:-1] + text
    split = _split_word(previous, text)
    if split:
        head, tail = split
        keep, decided = hyphens.get(split, (True, False))
        joined = f"{head}-{tail}" if keep else head + tail
        if not decided:
            result.warnings.append({"rule": "hyphenation", "line": previous_number, "text": f"{head}-{tail}",
                                    "message": "no dictionary could decide; hyphen kept, check it"})
        result.changes.append(Change("hyphenation", previous_number, f"{head}-⏎{tail}", joined))
        return (previous if keep else previous[:-1]) + text
    return previous + " " + text


def _split_word(previous, text):
    """(head, tail) when a line ends in a word cut by a hyphen that the next line completes."""
    hyphenated = LINE_END_HYPHEN.search(previous)
    tail = re.match(r"[^\W\d_]+", text)
    if hyphenated and tail:
        return hyphenated.group(1), tail.group(0)
    return None


def hyphen_candidates(lines, furniture):
    """Every (head, tail) of a word split at a line end, to be decided in one batch."""
    content = [line.strip() for n, line in enumerate(lines, 1) if n not in furniture and line.strip()]
    return {split for a, b in zip(content, content[1:]) if (split := _split_word(a, b))}


def decide_hyphens(candidates):
    """{(head, tail): (keep the hyphen?, decided?)}; a pair no dictionary decides is left out."""
    decisions = {}
    for script, langs in (("cyrillic", ["ru", "kk"]), ("latin", ["en"])):
        group = [c for c in candidates if _script_of_word(c[0] + c[1]) == script]
        for head, tail in group:
            if not tail[:1].islower():
                decisions[head, tail] = (True, True)  # "Алма-Ата", "Jean-Paul": a compound with a name
        langs = [lang for lang in langs if dictionary.available(lang)]
        group = [c for c in group if c not in decisions]
        if not group or not langs:
            continue
        known = dictionary.known_in_any([w for h, t in group for w in (h + t, h, t)], langs)
        for head, tail in group:
            if head + tail in known:
                decisions[head, tail] = (False, True)
            elif head in known and tail in known:
                decisions[head, tail] = (True, True)
    return decisions


def _script_of_word(word):
    scripts = {script_of(c) for c in word if script_of(c)}
    return scripts.pop() if len(scripts) == 1 else None


# --- typography and spelling ----------------------------------------------------------------

def typography(paragraph, line, result):
    """No-break spaces where typography wants them; each place recorded, ⍽ marking the new space."""
    fixed = paragraph
    for pattern, replacement in TYPOGRAPHY:
        fixed = pattern.sub(replacement, fixed)
    for i, c in enumerate(fixed):
        if c == NBSP and paragraph[i:i + 1] != NBSP:
            around = slice(max(0, i - 15), i + 15)
            before = fixed[around].replace(NBSP, " ")
            result.changes.append(Change("no-break-space", line, before, fixed[around].replace(NBSP, "⍽")))
    return fixed


def spelling_warnings(paragraphs, starts, lines):
    """Lower-case words that the dictionary of their paragraph's language does not know.

    The reference list is left out: its transliterations and titles are not the author's prose.
    """
    by_lang = {}
    for paragraph, line in zip(paragraphs, starts):
        label = match_label(paragraph)
        if label and label[0] == "references":
            break
        lang = detect_language(paragraph)
        if not lang or not dictionary.settings(lang).get("spelling_warnings") or not dictionary.available(lang):
            continue
        for word in LOWER_WORD.findall(ADDRESS.sub(" ", paragraph)):
            by_lang.setdefault(lang, {}).setdefault(word, line)
    warnings = []
    for lang, words in by_lang.items():
        for word in sorted(dictionary.unknown_words(words, lang), key=words.get):
            line = next((n for n in range(words[word], len(lines) + 1) if word in lines[n - 1]), words[word])
            warnings.append({"rule": "spelling", "line": line, "text": word, "lang": lang,
                             "message": f"not in the {lang} dictionary: left as written, check it"})
    return warnings


# --- conservation ---------------------------------------------------------------------------

def skeleton(text):
    """The letters and digits of a text in order: what no rule may add or drop."""
    return "".join(c for c in text if c.isalnum())


def check_conservation(lines, furniture, result, source):
    """Every letter of the input, less the furniture, reaches the paragraphs in order."""
    kept = "\n".join(line for n, line in enumerate(lines, 1) if n not in furniture)
    expected, got = skeleton(kept), skeleton("".join(result.paragraphs))
    if expected == got:
        return
    at = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
    raise InputError(source, f"normalization would lose or add text near «{expected[max(0, at - 30):at + 30]}»",
                     "This is a bug in the normalizer: report it with the source file")


# --- the stage ------------------------------------------------------------------------------

def run(source, text_out, report_out):
    """Read a raw article, write its paragraphs and the report of every change."""
    from dataclasses import asdict
    from pathlib import Path

    from .atomic import write_json, write_text
    from .decode import decode

    text, encoding = decode(Path(source).read_bytes(), source)
    result = normalize(text, encoding, source)
    changes = sorted((asdict(c) for c in result.changes), key=lambda c: c["line"])
    write_text(text_out, result.text)
    write_json(report_out, {
        "stage": "normalize", "source": str(source), "encoding": encoding,
        "words_in": len(text.split()), "words_out": len(result.text.split()),
        "paragraphs": len(result.paragraphs), "paragraph_lines": result.paragraph_lines,
        "furniture": result.furniture, "changes": changes,
        "warnings": sorted(result.warnings, key=lambda w: w["line"]),
    })
