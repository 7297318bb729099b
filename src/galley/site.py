"""The static site under output/site/: the issue's contents as index.html and, per article, its
galleys and proofing page, all linked relatively so that the folder can be served as it is."""

import shutil
from pathlib import Path

from .atomic import read_json
from .issue import render_toc

FILES = ("html", "pdf", "epub", "xml", "proof.html")


def write(issue_dir, out_dir, article_dirs):
    out = Path(out_dir)
    staging = out.with_name(out.name + ".part")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    toc = read_json(Path(issue_dir) / "toc.json")
    (staging / "index.html").write_text(render_toc(toc, link_prefix=""), encoding="utf-8")
    shutil.copy(Path(issue_dir) / "toc.pdf", staging / "contents.pdf")
    for folder in map(Path, article_dirs):
        target = staging / folder.name
        target.mkdir()
        for ext in FILES:
            shutil.copy(folder / f"{folder.name}.{ext}", target / f"{folder.name}.{ext}")
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)  # the site appears whole or not at all
