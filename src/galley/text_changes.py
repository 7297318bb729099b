"""What the stages after normalize need to report their changes: where a piece of the normalized
text stood in the source (the normalize stage's line maps), and which of its words a stage's output
no longer holds."""

import bisect
import re
from collections import Counter

WORD = re.compile(r"[^\W\d_]+")  # words of letters: numbers recur too often to be told apart
LOCATE_PREFIX = 60  # characters of a piece enough to find it in its paragraph


def skeleton(text):
    """The letters and digits of a text in order: what no rule may add or drop."""
    return "".join(filter(str.isalnum, text))


def line_at(line_map, offset):
    """The source line of a place in a paragraph, from its line map ([offset, line] per joined line)."""
    starts = [start for start, _ in line_map]
    return line_map[max(0, bisect.bisect_right(starts, offset) - 1)][1]


def source_line(paragraphs, line_maps, piece, after=False):
    """The source line where a piece of text stands (its end when `after`: a citation's hint is the
    text before it), or None when no paragraph holds it."""
    piece = piece.strip()
    probe = piece[-LOCATE_PREFIX:] if after else piece[:LOCATE_PREFIX]
    if not probe:
        return None
    for paragraph, line_map in zip(paragraphs, line_maps):
        at = paragraph.find(probe)
        if at >= 0 and line_map:
            return line_at(line_map, at + len(probe) if after else at)
    return None


def words_lost(paragraphs, kept_text):
    """[(paragraph index, [words])]: the words of the paragraphs that the kept text holds fewer times,
    each put down to the paragraphs it stands in, first ones first."""
    kept = Counter(w.casefold() for w in WORD.findall(kept_text))
    found = Counter(w.casefold() for p in paragraphs for w in WORD.findall(p))
    deficit = {w: n - kept[w] for w, n in found.items() if n > kept[w]}
    lost = {}
    for k, paragraph in enumerate(paragraphs):
        for word in WORD.findall(paragraph):
            if deficit.get(word.casefold(), 0) > 0:
                deficit[word.casefold()] -= 1
                lost.setdefault(k, []).append(word)
    return sorted(lost.items())
