"""Broken and hostile input: each bad input of the README's table gets what the table says."""

import json
import subprocess
import sys
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree, html

from conftest import FIXTURES, ROOT, build
from galley.decode import decode
from galley.errors import InputError
from galley.normalize import normalize
from galley.structure import build as build_structure

HOSTILE = ["<script>alert('x')</script>", "AT&T & co", "]]>", "{{ config.secret }}",
           '<!DOCTYPE x SYSTEM "file:///etc/passwd">', "&lt;not an entity&gt;", "$x^2$", "@misc"]
ARTICLE = """HOSTILE STRINGS IN A RESEARCH ARTICLE ABOUT PARSERS

Abstract
This abstract mentions {0} and {1} on purpose.

Keywords: parsers, {2}, safety.

Introduction. The text quotes {3} and {4} as plain words [1].

Conclusion. It also quotes {5}, {6} and {7} [2].

References
1. Doe J. On <markup> & escaping // Journal of Tests. 2020. No. 1. P. 1-2.
2. Roe R. ]]> endings. London: Press, 2019. 10 p.
"""


def run_stage(*args):
    return subprocess.run([sys.executable, "-m", "galley", *map(str, args)], capture_output=True, text=True)


# --- the table's bad inputs ---------------------------------------------------------------

@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b" \n\n\t  \n", "white space"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "NUL bytes"),
    ("Политическая интеграция региона обсуждается. ".encode() * 20 + b"\xff\xfe broken", "not valid utf-8"),
])
def test_unreadable_input_stops_with_the_file_line_and_a_fix(tmp_path, data, message):
    source = tmp_path / "article.txt"
    source.write_bytes(data)
    result = run_stage("normalize", source, tmp_path / "n.txt", tmp_path / "n.json")
    assert result.returncode == 1
    assert result.stderr.startswith(f"ERROR: {source}") and message in result.stderr
    assert not (tmp_path / "n.txt").exists() and not (tmp_path / "n.json").exists()


def test_windows_1251_is_converted_and_reported(tmp_path):
    source = tmp_path / "article.txt"
    source.write_bytes("Введение. Политическая интеграция государств региона.\n".encode("cp1251"))
    assert run_stage("normalize", source, tmp_path / "n.txt", tmp_path / "n.json").returncode == 0
    assert (tmp_path / "n.txt").read_text(encoding="utf-8").startswith("Введение.")
    assert '"encoding": "cp1251"' in (tmp_path / "n.json").read_text(encoding="utf-8")


def test_a_single_line_of_a_megabyte_is_normalized_without_loss():
    line = ("Интеграция государств региона продолжается, " * 25000)[:1_000_000]
    result = normalize(line + "\n")
    assert len(result.paragraphs) == 1 and len(result.paragraphs[0]) >= 999_000


def test_text_without_headings_keeps_every_paragraph_in_one_untitled_section():
    article = build_structure(["Первый абзац текста без заголовков.", "Второй абзац текста."])
    assert [(s.title, len(s.paragraphs)) for s in article.sections] == [("", 2)]


def test_citations_missing_from_the_list_and_entries_never_cited_are_warned():
    article = build_structure(["Введение. Текст [1] и [3].", "Список литературы",
                               "1. Иванов И.И. Книга. М.: Наука, 2001. 100 с.",
                               "2. Петров П.П. Статья // Журнал. 2002. № 1. С. 1-2."])
    rules = {(w["rule"], w["number"]) for w in article.warnings}
    assert rules == {("missing-reference", 3), ("uncited-reference", 2)}
    assert article.references[2]["custom"]["status"] == "missing"


# --- hostile strings stay plain text in every output ---------------------------------------

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    sources = tmp_path_factory.mktemp("sources")
    (sources / "hostile").mkdir()
    (sources / "hostile" / "article.txt").write_text(ARTICLE.format(*HOSTILE), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    build(sources, out)
    return out / "hostile"


def test_hostile_strings_are_text_in_the_jats(hostile):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    doc = etree.parse(str(hostile / "hostile.xml"), parser)
    text = " ".join(doc.getroot().itertext())
    for string in HOSTILE:
        assert string in text, string
    assert doc.find(".//script") is None
    assert doc.docinfo.system_url == "JATS-journalpublishing1-3.dtd"  # the only DOCTYPE is the JATS one


def test_hostile_strings_are_text_in_the_html_and_epub(hostile):
    page = html.parse(str(hostile / "hostile.html")).getroot()
    scripts = page.findall(".//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]  # data, never code
    json.loads(scripts[0].text)
    scripts[0].getparent().remove(scripts[0])
    text = page.text_content()
    for string in HOSTILE:
        assert string in text, string
    with zipfile.ZipFile(hostile / "hostile.epub") as epub:
        for name in epub.namelist():
            if name.endswith(".xhtml"):
                doc = etree.fromstring(epub.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
                assert not doc.findall(".//{http://www.w3.org/1999/xhtml}script"), name


def test_hostile_strings_are_text_in_the_pdf(hostile):
    text = subprocess.run(["pdftotext", str(hostile / "hostile.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    for string in ("<script>alert('x')</script>", "AT&T & co", "{{ config.secret }}", "file:///etc/passwd"):
        assert string in flat, string


# --- many articles: one bad one stops nothing else -----------------------------------------

def test_one_broken_article_does_not_stop_the_others(tmp_path):
    sources = tmp_path / "sources"
    for name in ("good", "broken", "bad slug ü"):
        (sources / name).mkdir(parents=True)
    good = FIXTURES / "articles" / "ru-translit-references" / "article.txt"
    (sources / "good" / "article.txt").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (sources / "broken" / "article.txt").write_bytes(b"\x00\x01binary")
    (sources / "bad slug ü" / "article.txt").write_text("Текст.", encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "snakemake"), "--cores", "2", "--keep-going",
                             "--config", f"sources={sources}", f"output={out}"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert sorted(p.name for p in (out / "good").iterdir() if p.is_file()) == [
        "good.epub", "good.html", "good.md", "good.pdf", "good.proof.html", "good.report.json", "good.xml"]
    assert not (out / "broken" / "work" / "normalized.txt").exists()
    assert "NUL bytes" in (out / "broken" / "logs" / "normalize.log").read_text(encoding="utf-8")
    assert "bad slug ü" in result.stderr and "Rename it" in result.stderr


# --- fuzzing: no crash, no exception but InputError ---------------------------------------

FUZZ = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXTISH = st.text(alphabet=st.sampled_from(list("аәбвгқңөұүһіxyzABCАБВ019 .,;:-–—«»()[]{}<>&\\/\n\t\u00ad\u00a0№")),
                  max_size=400)


@FUZZ
@given(st.binary(max_size=300))
def test_decoding_any_bytes_gives_text_or_input_error(data):
    try:
        text, _ = decode(data, "fuzz.txt")
    except InputError:
        return
    assert isinstance(text, str) and text.strip()


@FUZZ
@given(TEXTISH)
def test_normalize_and_structure_never_crash_on_any_text(text):
    try:
        result = normalize(text)
    except InputError:
        return
    build_structure(result.paragraphs)
