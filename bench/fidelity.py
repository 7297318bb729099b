"""The fidelity benchmark: build every article of the development corpus with the pipeline, compare each
JATS with the article's truth.json field by field, and print a table per set of articles (typeset, real
publisher PDFs) with per-field means and an overall 0–100 score.

    .venv/bin/python bench/fidelity.py [--set typeset|real|all] [--only ID …] [--corpus DIR]
                                       [--output DIR] [--no-build] [--json PATH] [--html PATH] [--cores N]

Without --output the build goes to a temporary folder, removed at the end. With --output the build
also makes each article's proofing page, and an HTML report (--html, by default DIR/fidelity.html) charts
each field's score per article, worst first, linking to each article's JATS and proofing page. An article that fails to
build scores 0 in every field; the table says which stage failed and why.
"""

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fidelity_report  # noqa: E402
from fidelity_jats import read_jats  # noqa: E402
from fidelity_score import (  # noqa: E402
    WORD,
    Vocabulary,
    citation_groups,
    citations_score,
    hyphenation_errors,
    keywords_f1,
    leaks,
    pair_references,
    references_score,
    score_by_language,
    section_recall,
    text_similarity,
    title_similarity,
    truth_body_blocks,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
FLOOR_FILE = ROOT / "bench" / "fidelity_floor.json"
SNAKEMAKE = Path(sys.executable).with_name("snakemake")
SETS = ("typeset", "real")
STAGES = ("normalize", "structure", "citations", "jats")

# Each field's weight in an article's 0–100 score; a field the truth lacks (no translated title, no
# keywords) is left out and the others' weights scaled up. README.md ("Fidelity benchmark") says why.
WEIGHTS = {"title": 10, "trans_titles": 5, "abstracts": 10, "keywords": 5, "sections": 10, "body": 25,
           "references": 10, "citations": 10, "leaks": 7.5, "hyphenation": 7.5}
FIELDS = tuple(WEIGHTS)
LEAK_FIELDS = ("title", "abstracts", "body", "references")


# --- the corpus and the build ------------------------------------------------------------------------

def load_truths(corpus, which="all", only=()):
    """{id: truth} of the corpus's articles, in id order, of one set (or both) or only the ids given."""
    truths = {}
    for path in sorted(Path(corpus).glob("*/truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        raw = path.with_name("article.txt")
        if raw.exists():  # the words as the input prints them: a hyphen it lacks is not the pipeline's to restore
            truth["_input_words"] = sorted(set(WORD.findall(raw.read_text(encoding="utf-8").casefold())))
        if only and truth["id"] not in only:
            continue
        if which in ("all", article_set(truth)):
            truths[truth["id"]] = truth
    missing = set(only) - set(truths)
    if missing:
        raise SystemExit(f"not in {corpus} (or not in the set {which}): {', '.join(sorted(missing))}")
    return truths


def article_set(truth):
    """'real' for a publisher's own PDF, 'typeset' for an article the corpus typeset itself."""
    return "real" if truth["source"]["kind"] == "real" else "typeset"


def build(corpus, ids, output, cores=2, kinds=("xml",)):
    """Build the JATS of each article (normalize → structure → citations → jats), and its other
    outputs of kinds ("proof.html": every galley and the proofing page); seconds it took.

    --keep-going: an article that fails stops no other, and the benchmark scores it 0.
    """
    # absolute, as the output folder Snakemake is given: a relative target would match no rule
    targets = [str(Path(output).resolve() / i / f"{i}.{kind}") for i in ids for kind in kinds]
    start = time.perf_counter()
    with open(Path(output) / "fidelity-build.log", "w", encoding="utf-8") as log:
        subprocess.run([str(SNAKEMAKE), *targets, "--cores", str(cores), "--keep-going",
                        "--config", f"sources={Path(corpus).resolve()}", f"output={Path(output).resolve()}"],
                       cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=False)
    return time.perf_counter() - start


def failure_reason(folder):
    """The first stage whose log ends in an error, and that error's last line."""
    for stage in STAGES:
        log = folder / "logs" / f"{stage}.log"
        if not log.exists():
            continue
        lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
                 if line.strip() and not line.startswith("galley: took")]
        if lines and ("Traceback" in log.read_text(encoding="utf-8", errors="replace") or "ERROR" in lines[-1]):
            return f"{stage}: {lines[-1].strip()}"
    return "no JATS was written"


# --- one article ----------------------------------------------------------------------------------------

def score_article(truth, jats_path):
    """Every field's score (0–1, None where the truth has nothing to compare), counts and details."""
    jats_path = Path(jats_path)
    result = {"id": truth["id"], "set": article_set(truth), "built": jats_path.exists()}
    if not result["built"]:
        return result | failed_scores(truth, failure_reason(jats_path.parent))
    published = read_jats(jats_path)
    lang = truth["language"]
    output_refs = [r for r in published.references if not r.missing]
    pairs = pair_references(truth["references"], [r.text for r in output_refs])
    references, reference_details = references_score(truth["references"], [r.text for r in output_refs], pairs)
    id_map = {output_refs[j].id: truth["reference_ids"][i] for i, j in pairs.items()}
    order = [r.id for r in published.references]
    groups = [g for p in published.paragraphs for g in citation_groups(p.text, p.links, order)]
    citations, citation_details = citations_score(truth["citations"], groups, id_map, {r.id for r in output_refs})
    fields = {
        "title": title_similarity(truth["title"], published.title),
        "trans_titles": score_by_language({k: v for k, v in truth["titles"].items() if k != lang},
                                          published.trans_titles, title_similarity),
        "abstracts": score_by_language(truth["abstracts"], published.abstracts, text_similarity),
        "keywords": score_by_language({k: v for k, v in truth["keywords"].items() if v}, published.keywords,
                                      keywords_f1),
        "sections": section_recall(truth["section_titles"], published.section_titles),
        "body": text_similarity(" ".join(truth_body_blocks(truth["sections"])), " ".join(published.body_blocks)),
        "references": references,
        "citations": citations,
    }
    leak_counts = count_leaks(truth, published)
    errors = count_hyphenation_errors(truth, published)
    fields["leaks"] = max(0.0, 1 - sum(leak_counts.values()) / printed_pages(truth))
    fields["hyphenation"] = max(0.0, 1 - sum(errors.values()) / (truth_word_count(truth) / 100))
    return result | {
        "fields": fields, "overall": overall(fields),
        "leaks": leak_counts, "leak_total": sum(leak_counts.values()),
        "hyphenation_errors": dict(errors), "hyphenation_total": sum(errors.values()),
        "details": {"references": reference_details, "citations": citation_details},
    }


def failed_scores(truth, reason):
    """A build that failed: 0 in every field the truth has, and the reason."""
    applicable = {"trans_titles": len(truth["titles"]) > 1, "abstracts": bool(truth["abstracts"]),
                  "keywords": any(truth["keywords"].values()), "sections": bool(truth["section_titles"]),
                  "citations": bool(truth["citations"]), "references": bool(truth["references"])}
    fields = {name: (0.0 if applicable.get(name, True) else None) for name in FIELDS}
    return {"fields": fields, "overall": 0.0, "leaks": None, "leak_total": None,
            "hyphenation_errors": None, "hyphenation_total": None, "error": reason}


def overall(fields):
    """The weighted mean of the fields that apply, 0–100."""
    scored = {name: value for name, value in fields.items() if value is not None}
    return 100 * sum(WEIGHTS[n] * v for n, v in scored.items()) / sum(WEIGHTS[n] for n in scored)


def field_texts(truth, published):
    """{field: (truth text, published text)} for the fields where furniture must not leak."""
    return {
        "title": (" | ".join(truth["titles"].values() or [truth["title"]]),
                  " | ".join([published.title, *published.trans_titles.values()])),
        "abstracts": (" | ".join(truth["abstracts"].values()), " | ".join(published.abstracts.values())),
        "body": (" | ".join(truth_body_blocks(truth["sections"])), " | ".join(published.body_blocks)),
        "references": (" | ".join(truth["references"]), " | ".join(r.text for r in published.references
                                                                     if not r.missing)),
    }


def truth_vocabulary(truth, texts):
    keywords = (k for words in truth["keywords"].values() for k in words)
    return Vocabulary(" | ".join([*(t for t, _ in texts.values()), *keywords]), truth.get("pdftotext_joined") or [],
                      truth.get("_input_words") or [])


def count_leaks(truth, published):
    """{"field heads" / "field page_numbers": count}, only the non-zero ones."""
    counts = {}
    texts = field_texts(truth, published)
    vocabulary = truth_vocabulary(truth, texts)
    furniture, numbers = truth.get("furniture") or [], truth.get("page_numbers") or []
    for name, (expected, found) in texts.items():
        for kind, count in leaks(found, expected, furniture, numbers, vocabulary).items():
            if count:
                counts[f"{name} {kind}"] = count
    return counts


def count_hyphenation_errors(truth, published):
    texts = field_texts(truth, published)
    vocabulary = truth_vocabulary(truth, texts)
    keywords = " | ".join(k for words in published.keywords.values() for k in words)
    errors = Counter()
    for found in [*(found for _, found in texts.values()), keywords]:
        errors += hyphenation_errors(found, vocabulary)
    return dict(errors)


def printed_pages(truth):
    return max(1, len(truth.get("page_numbers") or []), int((truth.get("layout") or {}).get("pages") or 0))


def truth_word_count(truth):
    texts = [*truth["titles"].values(), *truth["abstracts"].values(), *truth_body_blocks(truth["sections"]),
             *truth["references"]]
    return max(100, sum(len(WORD.findall(t)) for t in texts))


# --- the sets --------------------------------------------------------------------------------------------

def summarize(results):
    """Per set: the articles, each field's mean, the overall mean, leak and hyphenation totals."""
    summary = {}
    for name in SETS:
        rows = [r for r in results if r["set"] == name]
        if not rows:
            continue
        means = {}
        for field in FIELDS:
            values = [r["fields"][field] for r in rows if r["fields"][field] is not None]
            means[field] = 100 * sum(values) / len(values) if values else None
        summary[name] = {
            "articles": rows, "means": means, "overall": sum(r["overall"] for r in rows) / len(rows),
            "leaks": sum(r["leak_total"] or 0 for r in rows),
            "hyphenation_errors": sum(r["hyphenation_total"] or 0 for r in rows),
            "failed": [r["id"] for r in rows if not r["built"]],
        }
    return summary


def check_floor(summary, floor):
    """The regressions: each set's overall score and field means that fell below the recorded floor."""
    problems = []
    for name, limits in floor["sets"].items():
        if name not in summary:
            continue
        if summary[name]["overall"] < limits["overall"]:
            problems.append(f"{name}: overall {summary[name]['overall']:.1f} < floor {limits['overall']}")
        for field, minimum in limits["fields"].items():
            value = summary[name]["means"].get(field)
            if value is not None and value < minimum:
                problems.append(f"{name}: {field} {value:.1f} < floor {minimum}")
    return problems


# --- printing ---------------------------------------------------------------------------------------------

COLUMNS = {"title": "title", "trans_titles": "trans", "abstracts": "abstr", "keywords": "kwds",
           "sections": "sects", "body": "body", "references": "refs", "citations": "cites", "leaks": "leaks",
           "hyphenation": "hyph"}


def _cell(value):
    return f"{'–' if value is None else round(100 * value):>6}"


def table(name, part):
    lines = [f"{name} ({len(part['articles'])} articles)",
             f"{'id':<6}" + "".join(f"{h:>6}" for h in COLUMNS.values()) + f"{'score':>7}{'leak#':>7}{'hyph#':>7}"]
    for row in part["articles"]:
        counts = "".join(f"{'–' if row[k] is None else row[k]:>7}" for k in ("leak_total", "hyphenation_total"))
        note = f"  FAILED {row['error']}" if not row["built"] else ""
        lines.append(f"{row['id']:<6}" + "".join(_cell(row["fields"][f]) for f in FIELDS)
                     + f"{row['overall']:>7.1f}" + counts + note)
    means = "".join(f"{'–' if v is None else round(v):>6}" for v in part["means"].values())
    lines.append(f"{'mean':<6}{means}{part['overall']:>7.1f}{part['leaks']:>7}{part['hyphenation_errors']:>7}")
    return "\n".join(lines)


def measure(corpus, truths, output, build_first=True, cores=2, kinds=("xml",)):
    """(summary, build seconds or None, scoring seconds) of the articles of truths, built into output."""
    build_seconds = build(corpus, list(truths), output, cores, kinds) if build_first else None
    start = time.perf_counter()
    results = [score_article(truth, Path(output) / i / f"{i}.xml") for i, truth in truths.items()]
    return summarize(results), build_seconds, time.perf_counter() - start


def floor_from(summary, margin):
    """A regression floor: each set's figures measured now, less the margin, rounded down."""
    def below(value):
        return max(0.0, math.floor((value - margin) * 10) / 10)

    return {"margin": margin, "sets": {
        name: {"overall": below(part["overall"]),
               "fields": {f: below(v) for f, v in part["means"].items() if v is not None}}
        for name, part in summary.items()}}


def main(argv=None):
    args = parse_args(argv)
    truths = load_truths(args.corpus, args.set, args.only)
    with tempfile.TemporaryDirectory(prefix="galley-fidelity-") as temporary:
        output = Path(args.output or temporary)
        output.mkdir(parents=True, exist_ok=True)
        kinds = ("xml", "proof.html") if args.html else ("xml",)
        summary, build_seconds, score_seconds = measure(args.corpus, truths, output, not args.no_build, args.cores,
                                                        kinds)
    for name, part in summary.items():
        print(table(name, part), end="\n\n")
    for name, part in summary.items():
        print(f"{name}: overall {part['overall']:.1f} / 100, {part['leaks']} furniture leaks, "
              f"{part['hyphenation_errors']} hyphenation errors, failed: {', '.join(part['failed']) or 'none'}")
    timing = f"build {build_seconds:.1f} s, " if build_seconds is not None else ""
    print(f"{timing}scoring {score_seconds:.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({"corpus": str(args.corpus), "weights": WEIGHTS, "sets": summary,
                                               "build_seconds": build_seconds, "score_seconds": score_seconds},
                                              ensure_ascii=False, indent=1), encoding="utf-8")
    if args.html:
        print(f"report: {fidelity_report.write(args.html, summary, COLUMNS, args.output)}")
    if args.record_floor is not None:
        FLOOR_FILE.write_text(json.dumps(floor_from(summary, args.record_floor), indent=1) + "\n", encoding="utf-8")
        print(f"floor written to {FLOOR_FILE.relative_to(ROOT)}")
    return summary


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("typeset", "real", "all"), default="all")
    parser.add_argument("--only", nargs="+", default=(), metavar="ID", help="score only these articles")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--output", type=Path, help="build here and keep it (default: a temporary folder)")
    parser.add_argument("--no-build", action="store_true", help="score the build already in --output")
    parser.add_argument("--json", type=Path, help="write the scores as JSON too")
    parser.add_argument("--html", type=Path, help="write the HTML report here (default with --output: "
                        "DIR/fidelity.html)")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--record-floor", type=float, metavar="MARGIN",
                        help="write bench/fidelity_floor.json: this run's figures less MARGIN points")
    args = parser.parse_args(argv)
    if args.record_floor is not None and (args.only or args.set != "all"):
        parser.error("--record-floor needs the whole corpus (no --only, --set all)")
    if args.no_build and not args.output:
        parser.error("--no-build needs --output, the folder of the build to score")
    if args.html and not args.output:
        parser.error("--html needs --output: the report links to the build's files")
    if args.output and not args.html:
        args.html = args.output / "fidelity.html"
    if not args.corpus.is_dir():
        parser.error(f"no corpus at {args.corpus}")
    return args


if __name__ == "__main__":
    main()
