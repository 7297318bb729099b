"""Writer: the editor's proofing page, from the article's report (styles/proof.html)."""

import json
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
    "hyphenation": "Words split at line ends (rejoined, or kept with their hyphen)",
    "lookalike": "Look-alike letters replaced",
    "letter-mapping": "Letters a legacy font or lost letter damaged, put back across a block",
    "restoration": "Lost letters put back, as the editor confirmed",
    "running-head": "Running heads removed",
    "page-number": "Page numbers removed",
    "no-break-space": "No-break spaces added",
    "spacing": "Spaces tidied",
    "soft-hyphen": "Soft hyphens removed",
    "encoding": "Encoding converted",
    "line-ends": "Line ends unified",
    "unicode-nfc": "Unicode composed (NFC)",
    "font-glyphs": "Ligatures unfolded, bracket pieces and control characters removed",
}
# Warnings the editor must act on come first.
WARNING_ORDER = ["missing-reference", "front-matter", "stray-names", "unlinked-citation", "uncited-reference",
                 "letter-mapping", "hyphenation", "restoration",
                 "mixed-script", "spelling"]


def write(report_path, out):
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    metadata = {
        "article": report["article"],
        "summary": report["summary"],
        "warning-groups": groups(report["warnings"], WARNING_ORDER, WARNING_TITLES, _warning_row),
        "change-groups": groups(report["stages"].get("normalize", {}).get("changes", []), [], CHANGE_TITLES,
                                _change_row),
    }
    job = render.Job(report["article"], {}, "", [], {})
    with atomic_path(out) as tmp:
        render.run_pandoc(job, "html5", output=tmp, template="proof.html", metadata=metadata,
                          extra=["--standalone"],
                          variables=render.inline_css("proof.css"))


def groups(rows, order, titles, make_row):
    by_rule = {}
    for row in rows:
        by_rule.setdefault(row["rule"], []).append(make_row(row))
    rules = [r for r in order if r in by_rule] + sorted(r for r in by_rule if r not in order)
    return [{"rule": r, "title": titles.get(r, r), "count": str(len(by_rule[r])), "rows": by_rule[r]} for r in rules]


def _warning_row(warning):
    text = warning.get("text") or warning.get("hint") or warning.get("lang", "")
    return {"line": str(warning.get("line", "")), "text": text, "message": warning["message"]}


def _change_row(change):
    return {"line": str(change["line"] or ""), "before": change["before"], "after": change["after"]}
