"""The article's report: what each stage did, every change to the text, every warning."""

from pathlib import Path

from .atomic import read_json, write_json

# The stages that change the author's text or how the galleys show it, in the order they run.
CHANGING_STAGES = ["normalize", "structure", "citations"]


def write(out, reports):
    stages = {}
    for path in reports:
        data = read_json(path)
        stages[data.pop("stage", Path(path).stem)] = data
    warnings = [{"stage": name, **w} for name, data in stages.items() for w in data.get("warnings", [])]
    slug = Path(out).name.removesuffix(".report.json")
    changes = all_changes(stages)
    write_json(out, {
        "article": slug,
        "summary": {
            "changes": len(changes),
            "changes_by_rule": _count(changes, "rule"),
            "warnings": len(warnings),
            "warnings_by_rule": _count(warnings, "rule"),
        },
        "changes": changes,
        "warnings": warnings,
        "stages": stages,
    })


def all_changes(stages):
    """Every stage's changes, each with its source line; a change the citations stage names by its
    place ("title ru") gets the line the structure stage found there. The reference entries the
    galleys print in the journal's style are changes too: the entry as printed, as shown."""
    lines = stages.get("structure", {}).get("source_lines", {})
    changes = []
    for name in CHANGING_STAGES:
        for change in stages.get(name, {}).get("changes", []):
            change = {"stage": name, **change}
            if "place" in change:
                change["line"] = lines.get(change.pop("place"), 0)
            changes.append(change)
    shown = {e["label"]: e["text"] for e in stages.get("citations", {}).get("entries", [])}
    for label, printed in stages.get("structure", {}).get("printed_references", {}).items():
        if shown.get(label, printed) != printed:
            changes.append({"stage": "citations", "rule": "reference", "line": lines.get(f"reference {label}", 0),
                            "before": printed, "after": shown[label]})
    return changes


def _count(rows, key):
    counts = {}
    for row in rows:
        counts[row[key]] = counts.get(row[key], 0) + 1
    return dict(sorted(counts.items()))
