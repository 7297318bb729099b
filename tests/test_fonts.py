"""The EPUB's fonts, subset once per build (rule fonts) and taken from there by the books that ask
for the same subsets; a book that shows more of the fonts' characters subsets them itself."""

import zipfile

import pytest

from galley import fonts

pytestmark = pytest.mark.skipif(len(fonts.font_files()) != len(fonts.FONTS), reason="the PT fonts are not installed")


def made_here(characters):
    """The subsets as a process without the build's archive makes them."""
    return {name: fonts._subset_font.__wrapped__(path, fonts._characters_of(path, characters))
            for path in fonts.font_files() for name in [path.rsplit("/", 1)[-1]]}


def test_a_book_of_common_characters_takes_the_archives_subsets(tmp_path, monkeypatch):
    archive = tmp_path / "epub-fonts.zip"
    fonts.write(archive)
    with zipfile.ZipFile(archive) as stored:
        assert sorted(stored.namelist()) == sorted([*fonts.FONTS.values(), fonts.MANIFEST])
    book = fonts.common_characters() | set("\n↩\ufe0e我")  # a line break, the backlink arrow, a letter the fonts lack
    expected = made_here(fonts.common_characters())
    monkeypatch.setattr(fonts, "_subset_font", lambda *args: pytest.fail("subset again"))
    assert fonts.subsets(book, str(archive)) == expected


def test_a_book_with_more_of_the_fonts_characters_subsets_them_itself(tmp_path):
    archive = tmp_path / "epub-fonts.zip"
    fonts.write(archive)
    common = fonts.common_characters()
    extra = next(c for c in sorted(fonts.mapped_characters(fonts.font_files()[0])) if c not in common)
    book = fonts.common_characters() | {extra}
    found = fonts.subsets(book, str(archive))
    assert found == made_here(book)
    assert found != fonts.subsets(fonts.common_characters(), str(archive))


def test_an_archive_that_cannot_be_read_is_no_error(tmp_path):
    (tmp_path / "broken.zip").write_bytes(b"not a zip")
    common = fonts.common_characters()
    assert fonts.subsets(common, str(tmp_path / "broken.zip")) == made_here(common)
