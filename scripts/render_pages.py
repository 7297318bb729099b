"""Render an article's PDF pages to PNG (poppler's pdftoppm), to look at the layout as a reader will.

    .venv/bin/python scripts/render_pages.py output/<slug>/<slug>.pdf [--dpi 80] [--out DIR]

Writes DIR/page-1.png, page-2.png, … (DIR defaults to a `pages/` folder beside the PDF) and
prints their paths.
"""

import argparse
import subprocess
import sys
from pathlib import Path


def render(pdf, out, dpi):
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / "page")], check=True)
    return sorted(out.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if not args.pdf.exists():
        sys.exit(f"{args.pdf}: no such PDF; build it first with `make`")
    for page in render(args.pdf, args.out or args.pdf.parent / "pages", args.dpi):
        print(page)


if __name__ == "__main__":
    main()
