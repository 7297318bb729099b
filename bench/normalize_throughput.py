"""Normalization throughput from 0.1 MB to 10 MB: the time per MB must stay flat (linear cost).

Method: for each size, three generated inputs (seeded, so every run times the same text):
- articles: whole synthetic articles (ru, kk, en in turn) one after another, with page furniture,
  split words and look-alike letters, as `galley.synthetic` makes them;
- wrapped: one paragraph with no full stop, hard-wrapped at 80 characters with a line-end hyphen now
  and then: the worst case for joining lines (issue 21: 0.94 MB in 6,791 lines took 52 s);
- one line: the same paragraph on a single line, the baseline the wrapped text should keep to.
After a warm-up that loads the data files and starts each dictionary, each input is normalized
once (the best of up to five runs below 1 MB); the figure is wall time per MB of UTF-8 input. The
last line gives, per input, the largest time per MB over the smallest: near 1 means the cost grows
linearly with the input.
    .venv/bin/python bench/normalize_throughput.py [--sizes 0.1 0.3 1 3 10]
"""

import argparse
import random
import time

from galley import synthetic
from galley.normalize import normalize

WORDS = synthetic.VOCABULARY["ru"] + synthetic.VOCABULARY["en"]
WIDTH = 80


def articles(megabytes, seed=0):
    """Whole synthetic articles, one after another, until the text reaches the size."""
    parts, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        raw = synthetic.make(seed + n, lang=("ru", "kk", "en")[n % 3], paragraphs_per_section=6).raw
        parts.append(raw)
        size += len(raw.encode("utf-8"))
        n += 1
    return "\n".join(parts)


def long_paragraph(megabytes, seed=0):
    """Words with no full stop anywhere, until the text reaches the size."""
    rng = random.Random(seed)
    words, size = [], 0
    while size < megabytes * 1_000_000:
        word = rng.choice(WORDS)
        words.append(word)
        size += len(word.encode("utf-8")) + 1
    return words


def wrapped(words):
    """Lines of at most WIDTH characters; every tenth line ends in a word split by a hyphen."""
    lines, current = [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > WIDTH:
            if len(lines) % 10 == 9 and len(word) > 6:
                lines.append(f"{current} {word[:3]}-")
                current = word[3:]
                continue
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return "\n".join(lines + [current]) + "\n"


def inputs(megabytes):
    words = long_paragraph(megabytes)
    return {"articles": articles(megabytes), "wrapped": wrapped(words), "one line": " ".join(words) + "\n"}


def seconds_for(text, megabytes):
    """The best of a few runs for the small inputs, where a pause of the machine weighs most."""
    runs = max(1, min(5, round(1 / megabytes)))
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        normalize(text)
        best = min(best, time.perf_counter() - start)
    return best


def warm_up():
    """Load the data files and start each language's dictionary once, outside the timing."""
    for n, lang in enumerate(("ru", "kk", "en")):
        normalize(synthetic.make(n, lang=lang).raw)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.3, 1, 3, 10], help="sizes in MB")
    args = parser.parse_args()
    warm_up()
    per_mb = {}
    print(f"{'input':>9} {'MB':>7} {'lines':>8} {'seconds':>8} {'s/MB':>6}")
    for megabytes in args.sizes:
        for name, text in inputs(megabytes).items():
            size = len(text.encode("utf-8")) / 1_000_000
            seconds = seconds_for(text, size)
            per_mb.setdefault(name, []).append(seconds / size)
            print(f"{name:>9} {size:7.2f} {text.count(chr(10)):8d} {seconds:8.2f} {seconds / size:6.2f}")
    spread = ", ".join(f"{name} {max(v) / min(v):.2f}" for name, v in per_mb.items())
    print(f"largest / smallest time per MB: {spread} (1.00 is linear)")


if __name__ == "__main__":
    main()
