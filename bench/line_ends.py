"""What the PDF stage's hyphenation rules cost (galley.line_ends): per built article, the CPU time of
WeasyPrint's first layout (all the stage paid before the rules), of reading its lines for broken rules,
and of the layouts again that keeping them took; then the totals. The PDF is not written (that cost is
the same either way).

    .venv/bin/python bench/line_ends.py [BUILD ...]

BUILD: a build's output folder (each article's SLUG/SLUG.md and SLUG/work/references.json), e.g.
output/ after `make`, or output/fidelity/ after `make fidelity` (the corpus); output/ by default.
"""

import argparse
import time
from pathlib import Path

import weasyprint

from galley import line_ends, pdf, render
from galley.paths import STYLES
from galley.settings import load_config

ROOT = Path(__file__).resolve().parents[1]


def cpu(function, *args):
    start = time.process_time()
    result = function(*args)
    return result, time.process_time() - start


def measure(canonical, references, config):
    job = render.load(canonical, references, config, refuse=False)
    html = pdf.print_html(job)

    def parsed():
        return weasyprint.HTML(string=html, base_url=str(STYLES), url_fetcher=pdf.local_fetcher)

    first, first_cpu = cpu(parsed().render)
    _, check_cpu = cpu(line_ends.rule_breaks, first)
    (document, facts), typeset_cpu = cpu(line_ends.typeset, parsed())
    # the rules' cost: what typeset took beyond one layout and one reading of its lines
    return {"pages": len(document.pages), "layout": first_cpu, "check": check_cpu,
            "extra": max(0.0, typeset_cpu - first_cpu - check_cpu), **facts}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("builds", nargs="*", default=[str(ROOT / "output")])
    args = parser.parse_args()
    config = load_config(ROOT / "config" / "config.yaml")
    # WeasyPrint's first document loads its fonts and stylesheets: not any article's cost
    weasyprint.HTML(string="<p>warm</p>").render()
    rows = []
    for build in args.builds:
        for canonical in sorted(Path(build).glob("*/*.md")):
            references = canonical.parent / "work" / "references.json"
            if references.exists():
                rows.append((canonical.stem, measure(canonical, references, config)))
    print(f"{'article':<40} pages  layout s  check s  extra s  layouts  kept whole (in a row, page end)  broken")
    for slug, row in rows:
        kept = row["kept_whole"]
        print(f"{slug:<40} {row['pages']:>5} {row['layout']:>9.3f} {row['check']:>8.3f} {row['extra']:>8.3f} "
              f"{row['layouts']:>8}  {kept['in_a_row']:>10} {kept['page_end']:>10} {row['rules_broken']:>20}")
    if rows:
        total = {key: sum(row[key] for _, row in rows) for key in ("layout", "check", "extra")}
        relaid = sum(1 for _, row in rows if row["layouts"] > 1)
        print(f"{len(rows)} articles, {relaid} laid out again: first layouts {total['layout']:.2f} s CPU, "
              f"checks {total['check']:.2f} s, layouts again {total['extra']:.2f} s "
              f"(+{100 * (total['check'] + total['extra']) / total['layout']:.0f}% of the layouts)")


if __name__ == "__main__":
    main()
