"""The PT fonts an EPUB embeds, subset: once per build to the characters most books show (rule
fonts, into one archive the epub jobs read), or by a book that shows more characters the fonts have.

Subsetting the five faces costs about 0.6 s of CPU. Done once per build, most books take the same
subsets from the archive; before, each worker process of a build made them for its first book.
"""

import hashlib
import io
import json
import subprocess
import zipfile
from functools import cache, lru_cache
from pathlib import Path

from .atomic import atomic_path
from .languages import letters

# Font files as Debian's fonts-paratype names them; styles/epub.css refers to these names.
FONTS = {"PT Serif:style=Regular": "PTF55F.ttf", "PT Serif:style=Italic": "PTF56F.ttf",
         "PT Serif:style=Bold": "PTF75F.ttf", "PT Sans:style=Regular": "PTS55F.ttf",
         "PT Sans:style=Bold": "PTS75F.ttf"}
MANIFEST = "manifest.json"  # in the archive: what each subset was made from


def write(out):
    """The archive of the fonts subset to common_characters(), with what each was made from."""
    manifest = {}
    with atomic_path(out) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as archive:
        for path in font_files():
            wanted = _characters_of(path, common_characters())
            archive.writestr(_entry(Path(path).name), _subset_font(path, wanted))
            manifest[Path(path).name] = _origin(path, wanted)
        archive.writestr(_entry(MANIFEST), json.dumps(manifest, indent=1, sort_keys=True))


def _entry(name):
    """An entry of the archive dated 1980, zip's first day: the same fonts make the same bytes."""
    return zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))


def subsets(characters, archive=""):
    """{font file name: the font subset to the characters} for every PT font installed: taken from
    the build's archive where it holds the same subset (the same font file, the same characters of
    it), made here otherwise."""
    prepared = _prepared(archive) if archive else {}
    found = {}
    for path in font_files():
        name, wanted = Path(path).name, _characters_of(path, characters)
        done = prepared.get(name)
        found[name] = done[1] if done and done[0] == _origin(path, wanted) else _subset_font(path, wanted)
    return found


@lru_cache(maxsize=4)
def _prepared(archive):
    """{font file name: (origin, subset bytes)} of a build's archive; {} when it cannot be read."""
    try:
        with zipfile.ZipFile(archive) as source:
            manifest = json.loads(source.read(MANIFEST))
            return {name: (origin, source.read(name)) for name, origin in manifest.items()}
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return {}


def _origin(path, wanted):
    """What a subset depends on: the font file (by its size and time) and the characters asked."""
    status = Path(path).stat()
    return {"font": str(path), "size": status.st_size, "mtime_ns": status.st_mtime_ns,
            "characters": hashlib.sha256(wanted.encode("utf-8")).hexdigest()}


@cache
def font_files():
    """Paths of the PT fonts, found by fontconfig once per process (five fc-match runs cost a book
    25 ms); missing ones are skipped (and noticed by tests)."""
    paths = []
    for pattern, name in FONTS.items():
        found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True).stdout
        if found.endswith(name):
            paths.append(found)
    return paths


@cache
def common_characters():
    """What most books of the journal show besides their own rarities: every letter of every
    language the pipeline knows, ASCII, Latin-1's signs and letters, the accented Latin letters of
    names from Central Europe and Turkey (Latin Extended-A: a reference list has them), general
    punctuation (dashes, quotation marks, the ellipsis), letter-like signs (the numero sign),
    currency signs, Greek and mathematical operators (a minus, ≤). A font subset to the book's
    characters and these is the same for most books, so it is made once per build, and a book
    still carries a few tens of kilobytes of font where the whole faces were almost a megabyte.
    None of the corpus's 32 articles shows a character the fonts have beyond these."""
    upper, lower = letters()
    ranges = (range(0x20, 0x7F), range(0xA0, 0x180), range(0x370, 0x400), range(0x2010, 0x205F),
              range(0x20A0, 0x20C0), range(0x2100, 0x2150), range(0x2200, 0x2300))
    return frozenset(upper + lower + "".join(chr(c) for r in ranges for c in r))


@cache
def mapped_characters(path):
    """The characters the font has glyphs for: the others change nothing in a subset of it."""
    from fontTools.ttLib import TTFont

    return frozenset(chr(code) for code in TTFont(path, lazy=True).getBestCmap())


def _characters_of(path, characters):
    """The characters the font has, in order: a line break, the backlink arrow, a Chinese name the
    faces lack do not make another subset."""
    return "".join(sorted(set(characters) & mapped_characters(path)))


@lru_cache(maxsize=32)  # a few sets of characters, four faces each; a rare set makes its own
def _subset_font(path, characters):
    """The font with only the glyphs these characters need (and the substitutions and kerning that
    join them), its licence and names kept; hinting goes, as e-readers scale the text anyway."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    font = subset.load_font(path, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()
