"""Normalization throughput on generated raw text of 1 MB and 10 MB (seeded, all three languages).

Prints MB/s for each size and the ratio of the two times to the ratio of the sizes: a value near
1.0 means the cost grows linearly with the input.
    .venv/bin/python bench/normalize_throughput.py [--sizes 1 10]
"""

import argparse
import time

from galley import synthetic
from galley.normalize import normalize


def generated_text(megabytes, seed=0):
    """Whole synthetic articles, one after another, until the text reaches the size."""
    parts, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        raw = synthetic.make(seed + n, lang=("ru", "kk", "en")[n % 3], paragraphs_per_section=6).raw
        parts.append(raw)
        size += len(raw.encode("utf-8"))
        n += 1
    return "\n".join(parts)


def measure(text):
    start = time.perf_counter()
    normalize(text)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10], help="sizes in MB")
    args = parser.parse_args()
    normalize("Разогрев словарей.\n")  # load data files and dictionaries once, outside the timing
    results = []
    for megabytes in args.sizes:
        text = generated_text(megabytes)
        size = len(text.encode("utf-8")) / 1_000_000
        seconds = measure(text)
        results.append((size, seconds))
        print(f"normalize {size:6.2f} MB: {seconds:7.2f} s  {size / seconds:6.2f} MB/s")
    if len(results) > 1:
        (s0, t0), (s1, t1) = results[0], results[-1]
        print(f"time ratio / size ratio: {(t1 / t0) / (s1 / s0):.2f} (1.00 is linear)")


if __name__ == "__main__":
    main()
