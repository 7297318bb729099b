"""Writer: the HTML galley, one self-contained page per article (styles/html.html, styles/galley.css)."""

from . import render
from .atomic import atomic_path

FILTERS = ["citations.lua", "references.lua", "front-matter.lua"]


def write(canonical_path, references_path, config_path, out):
    job = render.load(canonical_path, references_path, config_path)
    with atomic_path(out) as tmp:
        render.run_pandoc(job, "html5", output=tmp, template="html.html", filters=FILTERS,
                          extra=["--shift-heading-level-by=1", "--standalone", render.inline_css("galley.css")])
