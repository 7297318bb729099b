"""The article's report: what each stage did, every change to the text, every warning."""

from pathlib import Path

from .atomic import read_json, write_json

# The stages that change the author's text, in the order they run: their changes are the report's.
CHANGING_STAGES = ["normalize", "structure"]


def write(out, reports):
    stages = {}
    for path in reports:
        data = read_json(path)
        stages[data.pop("stage", Path(path).stem)] = data
    warnings = [{"stage": name, **w} for name, data in stages.items() for w in data.get("warnings", [])]
    changes = [{"stage": name, **c} for name in CHANGING_STAGES for c in stages.get(name, {}).get("changes", [])]
    slug = Path(out).name.removesuffix(".report.json")
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


def _count(rows, key):
    counts = {}
    for row in rows:
        counts[row[key]] = counts.get(row[key], 0) + 1
    return dict(sorted(counts.items()))
