"""Fuzzing the text's way through the pipeline: decode → normalize → structure → canonical
Markdown, on mutated generated articles, hostile strings and random bytes, from a fixed seed.

Nothing may raise but the project's own InputError, and the canonical file must read back with
the article's metadata. `make test` runs GALLEY_FUZZ_CASES cases (1,000 by default); `make fuzz`
runs 10,000 and prints what it found.
"""

import os
import random

from galley import canonical, editor, synthetic
from galley.decode import decode
from galley.errors import InputError
from galley.normalize import normalize
from galley.structure import build

SEED = 20261126
CASES = int(os.environ.get("GALLEY_FUZZ_CASES", "1000"))
PIECES = ["<script>alert(1)</script>", "]]>", "&amp;", "{{ x }}", "$x$", "\\", "@misc{", "---", "...", "\f",
          "\u00ad", "\u00a0", "\u200b", "\ufeff", "\r\n", "\t", "[1]", "[1-3]", "(Smith, 2010)", "Аннотация",
          "Keywords:", "References", "Список литературы", "1.", "12", "\n\n", "\n", "DOI: 10.1000/x", "ə", "қ",
          "Введение.", "e-mail: a@b.c", "© 2020", "№ 3", "—", "«", "»", "-\n", "Ivanov I.I.,", "*", "#", "|"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r", "cp1252", "cp866", "mac_cyrillic"]


def mutated(rng):
    """Bytes of one case: a generated article cut, spliced and damaged, or noise."""
    kind = rng.random()
    if kind < 0.1:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))
    if kind < 0.3:
        text = "".join(rng.choice(PIECES) if rng.random() < 0.5 else rng.choice("абвxyz ABCАБВ019.,") for _ in
                       range(rng.randint(1, 150)))
    else:
        article = synthetic.make(rng.randint(0, 10**6), lang=rng.choice(["ru", "kk", "en"]), paragraphs_per_section=1,
                                 references=rng.randint(1, 3))
        start = rng.randint(0, len(article.raw) // 2)
        text = article.raw[start:start + rng.randint(50, 3000)]
        for _ in range(rng.randint(0, 8)):
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(PIECES) + text[at + rng.choice((0, 0, 1, 5)):]
    encoding = rng.choice(ENCODINGS)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # letters the table lacks (Kazakh in Windows-1251)
        data = text.encode("utf-8")
    if rng.random() < 0.1 and data:
        at = rng.randrange(len(data))
        data = data[:at] + bytes([rng.getrandbits(8)]) + data[at + 1:]
    return data


def run_case(data):
    """'input' when the pipeline refused the bytes with its own error, else 'ok' (an exception of any
    other kind fails the test)."""
    try:
        text, encoding = decode(data, "fuzz.txt")
        result = normalize(text, encoding, "fuzz.txt")
    except InputError:
        return "input"
    article = build(result.paragraphs)
    metadata = editor.canonical_metadata(article, result.furniture, {})
    markdown = canonical.write(metadata, article.sections, "fuzz.md")
    read_back, body = canonical.read(markdown)
    assert read_back["lang"] == metadata["lang"] and len(read_back["references"]) == len(metadata["references"])
    assert body == markdown.split("\n---\n", 1)[1]
    return "ok"


def fuzz(cases, seed=SEED):
    """{outcome: count} over the cases; the first failure raises with its case number and bytes."""
    rng = random.Random(seed)
    outcomes = {"ok": 0, "input": 0}
    for number in range(cases):
        data = mutated(rng)
        try:
            outcomes[run_case(data)] += 1
        except Exception as err:
            raise AssertionError(f"case {number} of seed {seed} failed: {err!r}; input {data[:300]!r}") from err
    return outcomes


def test_the_text_pipeline_raises_nothing_but_input_errors():
    outcomes = fuzz(CASES)
    print(f"fuzz: {CASES} cases, seed {SEED}: {outcomes['ok']} built, {outcomes['input']} refused as bad input")
    assert sum(outcomes.values()) == CASES and outcomes["ok"] > CASES // 2
