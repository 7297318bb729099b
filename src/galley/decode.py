"""Bytes of a raw article → text: encoding detection, refusal of binary input."""

import codecs

from .errors import InputError

# Lower-case letters that make up most of Russian and Kazakh running text: a text decoded with the
# wrong single-byte table shows them far less often.
COMMON_CYRILLIC = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъёәіңғүұқөһ")
SINGLE_BYTE_CANDIDATES = ("cp1251", "koi8_r")
ALLOWED_CONTROLS = set("\t\n\r\f")


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
    best = max(SINGLE_BYTE_CANDIDATES, key=lambda name: _cyrillic_score(data.decode(name, "replace")))
    text = data.decode(best, "replace")
    if _cyrillic_score(text) < 0.5:
        raise _undecodable(path, data, utf8_error, "utf-8")
    return text, best


def _mostly_utf8(data):
    """Many valid multi-byte UTF-8 characters and few broken ones."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for c in text if c > "\x7f") - broken
    return multibyte > 10 * broken


def _cyrillic_score(text):
    """Share of the letters that are common lower-case Cyrillic letters."""
    letters = [c for c in text if c.isalpha()]
    return sum(c in COMMON_CYRILLIC for c in letters) / len(letters) if letters else 0.0


def _undecodable(path, data, err, name):
    line = data[: err.start].count(b"\n") + 1
    return InputError(path, f"the text is not valid {name} (byte {err.start})",
                      "Save the file as UTF-8 (or Windows-1251 / KOI8-R for Cyrillic text)", line=line)


def _refuse_binary(text, path):
    controls = [i for i, c in enumerate(text[:100_000]) if c < " " and c not in ALLOWED_CONTROLS]
    if "\x00" in text or len(controls) > max(3, len(text[:100_000]) // 1000):
        first = controls[0] if controls else text.index("\x00")
        raise InputError(path, "the file holds control characters, so it is binary, not text",
                         "Extract the article's text from the PDF or Word file and save it as UTF-8",
                         line=text[:first].count("\n") + 1)
