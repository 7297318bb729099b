"""Bytes of a raw article → text: encoding detection, refusal of binary input.

UTF-8 (with or without BOM) and UTF-16 with BOM are read as such. Any other text is given to
charset-normalizer, limited to the single-byte tables articles in the project's languages are
saved in; of the readings it finds plausible, the one whose letters belong most to the languages'
alphabets (data/languages) wins: a Mac Cyrillic text read as Windows-1251 shows letters no
language here has.
"""

import codecs

from .errors import InputError
from .languages import letters

# Windows and DOS, Mac, ISO and KOI8 tables of Latin (Spanish, Portuguese, English) and Cyrillic
# (Russian, Kazakh, Kyrgyz) text. Latin-1 reads as Windows-1252 wherever the two agree (0x80-0x9F aside).
SINGLE_BYTE_CANDIDATES = ("cp1252", "latin_1", "cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5")
ALLOWED_CONTROLS = set("\t\n\r\f")
SAMPLE = 100_000  # characters enough to score a reading
LEAST_SCORE = 0.5  # a reading with fewer of its letters in the alphabets is no text of ours


def decode(data, path):
    """(text, encoding name) of a raw file; InputError for empty, binary or undecodable input."""
    if not data.strip():
        raise InputError(path, "the file is empty or holds only white space",
                         "Put the article's extracted text in it")
    text, encoding = _decode_bytes(data, path)
    _refuse_binary(text, path)
    if not text.strip():
        raise InputError(path, "the file holds only white space", "Put the article's extracted text in it")
    return text, encoding


def _decode_bytes(data, path):
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as err:
                raise _undecodable(path, data, err, name) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(path, "the file holds NUL bytes, so it is binary, not text",
                         "Extract the article's text from the PDF or Word file and save it as UTF-8",
                         line=line)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    if _mostly_utf8(data):
        # A UTF-8 file with a few broken bytes: reading it as another encoding would garble all of it.
        raise _undecodable(path, data, utf8_error, "utf-8")
    best = _single_byte_reading(data)
    if best is None:
        raise _undecodable(path, data, utf8_error, "utf-8")
    return best


def _mostly_utf8(data):
    """Many valid multi-byte UTF-8 characters and few broken ones."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for c in text if c > "\x7f") - broken
    return multibyte > 10 * broken


def _single_byte_reading(data):
    """(text, encoding) of the likeliest single-byte reading, or None when none reads as text."""
    from charset_normalizer import from_bytes

    readings = [(str(match), match.encoding) for match in from_bytes(data, cp_isolation=list(SINGLE_BYTE_CANDIDATES))]
    scored = [(_alphabet_score(text), -n, text, encoding) for n, (text, encoding) in enumerate(readings)]
    if not scored or max(scored)[0] < LEAST_SCORE:
        return None
    _, _, text, encoding = max(scored)  # the best score; of equal ones, charset-normalizer's first
    return text, encoding


def _alphabet_score(text):
    """Share of the letters that are letters of the languages' alphabets."""
    capitals, small = letters()
    known = set(capitals + small)
    sample = [c for c in text[:SAMPLE] if c.isalpha()]
    return sum(c in known for c in sample) / len(sample) if sample else 0.0


def _undecodable(path, data, err, name):
    line = data[: err.start].count(b"\n") + 1
    return InputError(path, f"the text is not valid {name} (byte {err.start})",
                      "Save the file as UTF-8", line=line)


def _refuse_binary(text, path):
    controls = [i for i, c in enumerate(text[:100_000]) if c < " " and c not in ALLOWED_CONTROLS]
    if "\x00" in text or len(controls) > max(3, len(text[:100_000]) // 1000):
        first = controls[0] if controls else text.index("\x00")
        raise InputError(path, "the file holds control characters, so it is binary, not text",
                         "Extract the article's text from the PDF or Word file and save it as UTF-8",
                         line=text[:first].count("\n") + 1)
