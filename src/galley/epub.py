"""Writer: EPUB 3, with the PT fonts embedded and the front matter in every language."""

import subprocess
import zipfile
from functools import cache

from . import render
from .atomic import atomic_path

STYLESHEET = "EPUB/styles/stylesheet1.css"
FILTERS = ["citations.lua", "references.lua", "front-matter.lua"]
# Font files as Debian's fonts-paratype names them; styles/epub.css refers to these names.
FONTS = {"PT Serif:style=Regular": "PTF55F.ttf", "PT Serif:style=Italic": "PTF56F.ttf",
         "PT Serif:style=Bold": "PTF75F.ttf", "PT Sans:style=Regular": "PTS55F.ttf",
         "PT Sans:style=Bold": "PTS75F.ttf"}


def write(canonical_path, references_path, config_path, out):
    job = render.load(canonical_path, references_path, config_path)
    metadata = epub_metadata(job)
    args = ["--split-level=1", "--toc", "--toc-depth=2"]
    args += [f"--epub-embed-font={path}" for path in font_files()]
    with atomic_path(out) as tmp:
        render.run_pandoc(job, "epub3", output=tmp, filters=FILTERS, metadata=metadata, extra=args)
        replace_stylesheet(tmp, (render.STYLES / "epub.css").read_bytes())


def replace_stylesheet(epub, css):
    """Put styles/epub.css in place of pandoc's stylesheet (its sandbox reads no --css file)."""
    with zipfile.ZipFile(epub) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(epub, "w") as target:
        for info, data in entries:
            if info.filename == STYLESHEET:
                data = css
            target.writestr(info, data, compress_type=info.compress_type)


def epub_metadata(job):
    """The template metadata plus what pandoc's EPUB writer reads: creators, rights, titles."""
    metadata = render.template_metadata(job)
    metadata["creator"] = [{"role": "author", "text": a["display"]} for a in metadata["authors"]]
    metadata["publisher"] = metadata["journal"]["publisher"].get("name", metadata["journal"]["title"])
    metadata["rights"] = metadata["license"].get("text", "")
    metadata["subject"] = metadata["journal"]["title"]
    if metadata.get("year"):
        metadata["date"] = str(metadata.get("published") or metadata["year"])
    return metadata


@cache
def font_files():
    """Paths of the PT fonts, found by fontconfig; missing ones are skipped (and noticed by tests)."""
    paths = []
    for pattern, name in FONTS.items():
        found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True).stdout
        if found.endswith(name):
            paths.append(found)
    return paths
