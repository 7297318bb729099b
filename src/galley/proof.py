"""Writer: the editor's proofing page, from the article's report (styles/proof.html).

Read in minutes: first every change that alters letters (the changed letters highlighted and
named, "Latin C → Cyrillic С"), then what the editor must check or supply (spelling with its
sentence and hunspell's suggestions), and last the changes of white space only, counted and folded
away. Every row names its line in article.txt.
"""

import difflib
import json
import re
import unicodedata
from pathlib import Path

from . import render
from .atomic import atomic_path

WARNING_TITLES = {
    "missing-reference": "References cited but missing from the source",
    "uncited-reference": "References never cited",
    "unlinked-citation": "Author-year citations no entry answers (left as text)",
    "front-matter": "Front matter to supply",
    "spelling": "Words not in the dictionary (left as written)",
    "restoration": "Words that lost a letter? Restorations the dictionary knows (confirm in article.yaml)",
    "letter-mapping": "Blocks repaired from a legacy font or a letter lost throughout (check them)",
    "hyphenation": "Line-end hyphens no dictionary could decide (kept)",
    "mixed-script": "Words that mix Latin and Cyrillic letters (left as written)",
    "stray-names": "Lines of names inside the body (running heads?)",
}
CHANGE_TITLES = {
    "lookalike": "Look-alike letters replaced",
    "letter-mapping": "Letters a legacy font or lost letter damaged, put back across a block",
    "restoration": "Lost letters put back, as the editor confirmed",
    "font-glyphs": "Ligatures unfolded, bracket pieces and control characters removed",
    "hyphenation": "Words split at line ends, joined",
    "running-head": "Running heads removed",
    "page-number": "Page numbers removed",
    "citation": "Citations the galleys print otherwise",
    "heading": "Headings printed without their numbers or punctuation",
    "title-case": "Titles printed in capitals, shown in sentence case (title_case in the config)",
    "reference": "Reference entries as printed, and as the galleys show them in the journal's style",
    "dropped": "Words the article no longer holds (check: text lost?)",
    "label": "Labels the galleys print in their own words",
    "no-break-space": "No-break spaces added",
    "spacing": "Spaces tidied",
    "soft-hyphen": "Soft hyphens removed",
    "encoding": "Encoding converted",
    "line-ends": "Line ends unified",
    "unicode-nfc": "Unicode composed (NFC)",
}
# Changes to letters, in the order an editor reads them: letters first, then what left the text.
CHANGE_ORDER = ["lookalike", "letter-mapping", "restoration", "font-glyphs", "hyphenation", "running-head",
                "page-number", "citation", "heading", "title-case", "dropped", "reference", "label"]
# Warnings the editor must act on come first.
WARNING_ORDER = ["missing-reference", "front-matter", "stray-names", "unlinked-citation", "uncited-reference",
                 "letter-mapping", "hyphenation", "restoration",
                 "mixed-script", "spelling"]
# Rules that never touch a letter, whatever their rows show (the whole text's encoding, line ends, NFC).
INVISIBLE_RULES = {"encoding", "line-ends", "unicode-nfc", "spacing", "no-break-space", "soft-hyphen"}
LINE_END = "⏎"  # how the report shows a line end inside a row
NEW_NBSP = "⍽"  # how the report shows a no-break space it added
INVISIBLE = re.compile(rf"[\s\u00ad\u200b-\u200d\u2060\ufeff{LINE_END}{NEW_NBSP}]")
NAMED_PIECE = 3  # a replaced, removed or added piece this short has its characters named
BY_LETTER = 80  # texts up to this long are compared letter by letter, longer ones word by word
TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def write(report_path, out):
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    changes = report["changes"]
    letters = [c for c in changes if alters_letters(c)]
    spaces = [c for c in changes if not alters_letters(c)]
    metadata = {
        "article": report["article"],
        "summary": {"letters": str(len(letters)), "spaces": str(len(spaces)),
                    "warnings": str(report["summary"]["warnings"])},
        "letter-groups": groups(letters, CHANGE_ORDER, CHANGE_TITLES, change_row),
        "warning-groups": groups(report["warnings"], WARNING_ORDER, WARNING_TITLES, warning_row),
        "space-count": str(len(spaces)),
        "space-groups": groups(spaces, [], CHANGE_TITLES, change_row),
    }
    job = render.Job(report["article"], {}, "", [], {})
    with atomic_path(out) as tmp:
        render.run_pandoc(job, "html5", output=tmp, template="proof.html", metadata=metadata,
                          extra=["--standalone"],
                          variables=render.inline_css("proof.css"))


def alters_letters(change):
    """Whether a change alters what a reader reads: anything but white space, line ends, soft hyphens
    and a composition (NFC) that looks the same."""
    if change["rule"] in INVISIBLE_RULES:
        return False
    return _visible(change["before"]) != _visible(change["after"])


def _visible(text):
    return INVISIBLE.sub("", unicodedata.normalize("NFC", str(text)))


def groups(rows, order, titles, make_row):
    by_rule = {}
    for row in sorted(rows, key=lambda r: r.get("line") or 0):  # in the text's order; the whole text's first
        by_rule.setdefault(row["rule"], []).append(make_row(row))
    rules = [r for r in order if r in by_rule] + sorted(r for r in by_rule if r not in order)
    return [{"rule": r, "title": titles.get(r, r), "count": str(len(by_rule[r])), "rows": by_rule[r],
             "spelling": r == "spelling"} for r in rules]


def line_label(row):
    """The row's line in article.txt; a change or warning about the whole text has none."""
    return str(row["line"]) if row.get("line") else "all"


def change_row(change):
    before, after, named = marked_difference(str(change["before"]), str(change["after"]))
    return {"line": line_label(change), "before": before, "after": after, "named": named}


def marked_difference(before, after):
    """(pieces of before, pieces of after, names of the changed characters): pieces are
    {text, mark}, mark set on what changed; a short replaced, removed or added piece is named from
    Unicode's character names ("Latin C → Cyrillic С")."""
    old, new, named = [], [], []
    # A long text (a reference entry in the journal's style) is compared word by word: letter by
    # letter, its marks would scatter over every word.
    by_letter = max(len(before), len(after)) <= BY_LETTER
    a, b = (before, after) if by_letter else (TOKEN.findall(before), TOKEN.findall(after))
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        changed = op != "equal"
        _append(old, removed, changed)
        _append(new, added, changed)
        if changed and by_letter and max(len(removed), len(added)) <= NAMED_PIECE:
            named.append(_named(removed, added))
    if before != after and before.casefold() == after.casefold():
        return old, new, "letter case only"
    return old, new, "; ".join(dict.fromkeys(n for n in named if n))


def _append(pieces, text, mark):
    if text:
        pieces.append({"text": text, "mark": mark})


def _named(removed, added):
    if len(removed) == len(added):
        return ", ".join(f"{char_name(a)} → {char_name(b)}" for a, b in zip(removed, added))
    if not added:
        return "removed: " + ", ".join(char_name(c) for c in removed)
    if not removed:
        return "added: " + ", ".join(char_name(c) for c in added)
    return f"{' '.join(map(char_name, removed))} → {' '.join(map(char_name, added))}"


def char_name(char):
    """A character as an editor names it: a letter by its script and itself ("Cyrillic С", from its
    Unicode name, LATIN CAPITAL LETTER C → "Latin C"), anything else by its Unicode name."""
    if char == LINE_END:
        return "line end"
    name = unicodedata.name(char, f"U+{ord(char):04X}")
    if char.isalpha() and " LETTER " in name:
        return f"{name.split(' ')[0].capitalize()} {char}"
    return f"{name.lower()} ({char})" if not char.isspace() else name.lower()


def warning_row(warning):
    text = warning.get("text") or warning.get("hint") or warning.get("lang", "")
    row = {"line": line_label(warning), "pieces": [{"text": text, "mark": False}], "message": warning["message"]}
    if warning["rule"] == "spelling" and warning.get("context"):
        row["pieces"] = marked_word(warning["context"], warning["text"])
        row["suggestions"] = ", ".join(warning.get("suggestions") or []) or "none"
    return row


def marked_word(sentence, word):
    """The sentence as pieces, the word (its first whole occurrence) marked."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", sentence)
    if not found:
        return [{"text": sentence, "mark": False}]
    pieces = []
    _append(pieces, sentence[:found.start()], False)
    _append(pieces, word, True)
    _append(pieces, sentence[found.end():], False)
    return pieces
