"""The static site under output/site/: the issue's contents as index.html and, per article, its
galleys and proofing page, all linked relatively so that the folder can be served as it is."""

import shutil
from pathlib import Path

from .atomic import read_json
from .issue import render_toc


def write(toc_path, contents_pdf, out_dir, articles):
    """The site from the issue's contents (toc.json, toc.pdf) and its articles' files (ArticleFiles)."""
    out = Path(out_dir)
    staging = out.with_name(out.name + ".part")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    toc = read_json(toc_path)
    (staging / "index.html").write_text(render_toc(toc, link_prefix=""), encoding="utf-8")
    shutil.copy(contents_pdf, staging / "contents.pdf")
    for article in articles:
        target = staging / article.slug
        target.mkdir()
        for path in [*article.galleys.values(), article.proof]:
            shutil.copy(path, target / Path(path).name)
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)  # the site appears whole or not at all
