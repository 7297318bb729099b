"""The fidelity benchmark as a page to look at: per set of articles a chart of each field's score per
article (plain SVG), the worst articles first, each row linking to the article's JATS and proofing page
in the build folder, and the failing stage of an article that did not build."""

import html
import os
from pathlib import Path

ROW, LABEL, SCORE, BAR, GAP, HEAD = 22, 70, 50, 64, 8, 40  # px: a row's height, the columns' widths


def colour(value):
    """Red for 0 through amber to green for 1: the eye finds the losses first."""
    hue = round(120 * max(0.0, min(1.0, value)))
    return f"hsl({hue}, 65%, 42%)"


def chart(name, rows, columns, link):
    """One SVG: a row per article (worst first), a bar per field, the overall score after the id."""
    width = LABEL + SCORE + len(columns) * (BAR + GAP)
    height = HEAD + len(rows) * ROW
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title-{name}">',
           f'<title id="chart-title-{name}">{name}: the score of each field per article, worst article first</title>',
           f'<text x="{LABEL}" y="{HEAD - 10}" class="head">score</text>']
    for n, label in enumerate(columns.values()):
        out.append(f'<text x="{LABEL + SCORE + n * (BAR + GAP)}" y="{HEAD - 10}" class="head">{label}</text>')
    for r, row in enumerate(rows):
        y = HEAD + r * ROW
        jats = html.escape(link(row, "xml"))
        out.append(f'<a href="{jats}"><text x="0" y="{y + 15}" class="id">{row["id"]}</text></a>')
        out.append(f'<text x="{LABEL}" y="{y + 15}" fill="{colour(row["overall"] / 100)}">{row["overall"]:.1f}</text>')
        for n, field in enumerate(columns):
            value = row["fields"][field]
            x = LABEL + SCORE + n * (BAR + GAP)
            out.append(f'<rect x="{x}" y="{y + 4}" width="{BAR}" height="{ROW - 8}" fill="#eee"/>')
            if value is None:
                out.append(f'<text x="{x + 2}" y="{y + 15}" class="none">–</text>')
                continue
            out.append(f'<rect x="{x}" y="{y + 4}" width="{BAR * value:.1f}" height="{ROW - 8}" '
                       f'fill="{colour(value)}"><title>{row["id"]} {field}: {100 * value:.0f}</title></rect>')
    out.append("</svg>")
    return "\n".join(out)


def rows_table(rows, link):
    """The links and the failures, row by row in the chart's order."""
    lines = ["<table><thead><tr><th>article</th><th>score</th><th>JATS</th><th>proofing page</th>"
             "<th>failed</th></tr></thead><tbody>"]
    for row in rows:
        proof = link(row, "proof.html")
        lines.append(f'<tr><td>{row["id"]}</td><td>{row["overall"]:.1f}</td>'
                     f'<td><a href="{html.escape(link(row, "xml"))}">{row["id"]}.xml</a></td>'
                     f'<td><a href="{html.escape(proof)}">{row["id"]}.proof.html</a></td>'
                     f'<td>{html.escape(row.get("error") or "")}</td></tr>')
    lines.append("</tbody></table>")
    return "\n".join(lines)


STYLE = """body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
svg text { font-size: 13px; font-family: system-ui, sans-serif; } svg .head { font-weight: bold; }
svg .id { fill: #0645ad; text-decoration: underline; } svg .none { fill: #888; }
table { border-collapse: collapse; margin: 1rem 0 2rem; } td, th { padding: .15rem .6rem; text-align: left; }
tbody tr:nth-child(odd) { background: #f6f6f6; }"""


def write(path, summary, columns, build_dir):
    """The report at path; build_dir is the folder of the build the links lead to."""
    path = Path(path)

    def link(row, kind):
        return os.path.relpath(Path(build_dir) / row["id"] / f"{row['id']}.{kind}", path.parent)

    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>Fidelity</title><style>{STYLE}</style></head><body><main>", "<h1>Fidelity</h1>",
             "<p>Each field's score (0–100) per article, against the article's truth.json; the worst articles "
             "first. The id links to the article's JATS.</p>"]
    for name, part in summary.items():
        rows = sorted(part["articles"], key=lambda r: (r["overall"], r["id"]))
        parts += [f"<h2>{name}: {len(rows)} articles, overall {part['overall']:.1f}</h2>",
                  chart(name, rows, columns, link), rows_table(rows, link)]
    parts.append("</main></body></html>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path
