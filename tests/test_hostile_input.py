"""Broken and hostile input: each bad input of the README's table gets what the table says."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

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
    for name in ("good", "broken", "bad slug ü", "unwritable"):
        (sources / name).mkdir(parents=True)
    good = FIXTURES / "articles" / "ru-translit-references" / "article.txt"
    (sources / "good" / "article.txt").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (sources / "unwritable" / "article.txt").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (sources / "broken" / "article.txt").write_bytes(b"\x00\x01binary")
    (sources / "bad slug ü" / "article.txt").write_text("Текст.", encoding="utf-8")
    out = tmp_path / "out"
    (out / "unwritable").mkdir(parents=True)
    (out / "unwritable" / "work").write_text("a file where the work folder goes", encoding="utf-8")
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "snakemake"), "--cores", "2", "--keep-going",
                             "--config", f"sources={sources}", f"output={out}"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert sorted(p.name for p in (out / "good").iterdir() if p.is_file()) == [
        "good.epub", "good.html", "good.md", "good.pdf", "good.proof.html", "good.report.json", "good.xml"]
    assert not (out / "broken" / "work" / "normalized.txt").exists()
    assert "NUL bytes" in (out / "broken" / "logs" / "normalize.log").read_text(encoding="utf-8")
    assert "bad slug ü" in result.stderr and "Rename it" in result.stderr
    # an article whose outputs cannot be written fails alone, and the summary is printed
    summary = {line.split(":")[0]: line for line in result.stderr.splitlines() if line.split(":")[0] in
               ("good", "unwritable", "broken")}
    assert summary["good"].endswith("ok") and "FAILED" in summary["unwritable"]
    assert str(out / "unwritable" / "work") in summary["unwritable"] and "MISSING" in summary["broken"]


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


# --- round two: aliases, reference shapes, sizes, links, seeds ----------------------------

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))


def test_yaml_aliases_are_refused_in_article_and_issue_files_with_their_line(tmp_path):
    from galley.settings import load_editor_metadata, load_issue_file

    for name, load, text in (("article.yaml", load_editor_metadata, "doi: 10.1/x\nreferences: []\n" + LAUGHS),
                             ("issue.yaml", load_issue_file, "volume: 1\n" + LAUGHS)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as err:
            load(path)
        assert str(path) in str(err.value) and "alias" in str(err.value)
        assert err.value.line == text.splitlines().index(LAUGHS.splitlines()[0]) + 1


def _editor_folder(tmp_path, article_yaml, files=()):
    folder = tmp_path / "article"
    folder.mkdir()
    (folder / "article.yaml").write_text(article_yaml, encoding="utf-8")
    for name, data in files:
        (folder / name).write_bytes(data)
    return folder / "article.yaml"


@pytest.mark.parametrize("entry, key", [
    ({"id": 1, "title": "No type"}, "type"),
    ({"id": 1, "type": "book", "author": "x"}, "author"),
    ({"id": 1, "type": "book", "issued": 7}, "issued"),
    ({"id": 1, "type": "book", "issued": {"date-parts": [["in press"]]}}, "issued.date-parts.0.0"),
    ({"id": 1, "type": "book", "author": [{"family": ["Doe"]}]}, "author.0.family"),
])
@pytest.mark.parametrize("where", ["article.yaml", "refs.json", "refs.yaml"])
def test_reference_entries_of_the_wrong_shape_are_named_before_the_formatter_runs(tmp_path, entry, key, where):
    from galley import editor

    if where == "article.yaml":
        yaml_path = _editor_folder(tmp_path, "references:\n  - " + json.dumps(entry, ensure_ascii=False) + "\n")
    else:
        data = json.dumps([entry]) if where.endswith(".json") else "- " + json.dumps(entry) + "\n"
        yaml_path = _editor_folder(tmp_path, f"references_file: {where}\n", [(where, data.encode())])
    with pytest.raises(InputError) as err:
        editor.load(yaml_path)
    named = yaml_path if where == "article.yaml" else yaml_path.with_name(where)
    assert str(err.value).startswith(str(named)) and "entry 1" in str(err.value) and f"'{key}'" in str(err.value)
    assert err.value.line == (2 if where == "article.yaml" else None)


def test_a_hand_edited_canonical_file_with_a_wrong_reference_shape_is_named(tmp_path):
    from galley import canonical, citations, settings

    metadata = {"lang": "en", "title": "T", "front": [], "references": [
        {"id": "ref-1", "citation-label": "1", "type": "book", "title": "Fine", "issued": {"date-parts": [[2001]]}},
        {"id": "ref-2", "citation-label": "2", "title": "No type", "author": "x"}]}
    md = tmp_path / "edited.md"
    md.write_text(canonical.write(metadata, [], md), encoding="utf-8")
    with pytest.raises(InputError) as err:
        citations.run(md, settings.load_config(ROOT / "config" / "config.yaml"), tmp_path / "refs.json")
    assert str(err.value).startswith(str(md)) and "entry 2 (id 'ref-2')" in str(err.value)
    assert not (tmp_path / "refs.json").exists()


def test_a_bibtex_entry_pandoc_reads_into_a_wrong_shape_is_named(tmp_path):
    from galley import editor

    bib = "@misc{one, title={Forthcoming}, author={Doe, Jane}, year={in press}}\n"
    yaml_path = _editor_folder(tmp_path, "references_file: refs.bib\n", [("refs.bib", bib.encode())])
    with pytest.raises(InputError) as err:
        editor.load(yaml_path)
    assert str(err.value).startswith(str(yaml_path.with_name("refs.bib"))) and "entry 1 (id 'one')" in str(err.value)


def test_a_good_bibtex_file_passes_the_shape_check(tmp_path):
    from galley import editor

    bib = "@article{one, title={A Title}, author={Doe, Jane}, journal={J}, year={2001}, volume={3}}\n"
    yaml_path = _editor_folder(tmp_path, "references_file: refs.bib\n", [("refs.bib", bib.encode())])
    (item,) = editor.load(yaml_path)["references"]
    assert item["type"] == "article-journal" and item["author"][0]["family"] == "Doe"


@pytest.mark.parametrize("make, message", [
    (lambda f: (f / "refs.json").mkdir(), "not a regular file"),
    (lambda f: (f / "refs.json").write_bytes('[{"id": 1, "title": "Т"}]'.encode("cp1251")), "not valid UTF-8"),
])
def test_a_references_file_that_is_a_folder_or_not_utf8_is_named(tmp_path, make, message):
    from galley import editor

    yaml_path = _editor_folder(tmp_path, "references_file: refs.json\n")
    make(yaml_path.parent)
    with pytest.raises(InputError) as err:
        editor.load(yaml_path)
    assert message in str(err.value) and "refs.json" in str(err.value)


def test_an_abstract_longer_than_a_command_line_argument_builds(tmp_path):
    """The HTML stage put its JSON-LD (the abstract in it) on pandoc's command line: over 128 KB,
    'Argument list too long'."""
    from galley import canonical, citations, settings
    from galley import html as html_writer

    sentence = "Это предложение аннотации повторяется, чтобы она стала очень длинной. "
    abstract = sentence * (200_000 // len(sentence.encode()))
    metadata = {"lang": "ru", "title": "Длинная аннотация", "front": [{"lang": "ru", "title": "Длинная аннотация",
                                                                       "abstract": [abstract]}], "references": []}
    md = tmp_path / "long.md"
    md.write_text(canonical.write(metadata, [], md), encoding="utf-8")
    config = settings.load_config(ROOT / "config" / "config.yaml")
    citations.run(md, config, tmp_path / "refs.json")
    html_writer.write(md, tmp_path / "refs.json", config, tmp_path / "long.html")
    page = html.parse(str(tmp_path / "long.html")).getroot()
    assert abstract.strip() in " ".join(page.text_content().split())


def test_an_article_above_the_size_limit_is_refused_before_it_is_read(tmp_path):
    source = tmp_path / "article.txt"
    source.write_bytes("Текст статьи. ".encode() * 20_000)  # 0.5 MB
    result = run_stage("normalize", source, tmp_path / "n.txt", tmp_path / "n.json", "", "0.1")
    assert result.returncode == 1
    assert str(source) in result.stderr and "0.5 MB" in result.stderr and "article_max_megabytes" in result.stderr
    assert not (tmp_path / "n.txt").exists()
    assert run_stage("normalize", source, tmp_path / "n.txt", tmp_path / "n.json", "", "1").returncode == 0


def test_the_size_limit_is_a_validated_setting():
    from galley.settings import check_config

    config = yaml_config()
    assert check_config(config, "config.yaml")["article_max_megabytes"] == 5
    with pytest.raises(InputError, match="article_max_megabytes"):
        check_config({**yaml_config(), "article_max_megabytes": "big"}, "config.yaml")


def yaml_config():
    import yaml

    return yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))


def test_article_folders_and_files_linking_out_of_the_sources_are_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "article.txt").write_text("Текст вне папки источников.\n", encoding="utf-8")
    (outside / "secret.txt").write_text("Секретный текст.\n", encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "linked-folder").symlink_to(outside)
    (sources / "linked-file").mkdir()
    (sources / "linked-file" / "article.txt").symlink_to(outside / "secret.txt")
    (sources / "good").mkdir()
    (sources / "good" / "article.txt").write_text("Обычный текст статьи.\n", encoding="utf-8")
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "snakemake"), "--dry-run", "--quiet", "rules",
                             "--config", f"sources={sources}", f"output={tmp_path / 'out'}"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    for name in ("linked-folder", "linked-file"):
        assert f"{sources / name}" in result.stderr and "leads outside" in result.stderr
    # the stage itself refuses a text that links out of its folder, however it is reached
    refused = run_stage("normalize", sources / "linked-file" / "article.txt", tmp_path / "n.txt", tmp_path / "n.json")
    assert refused.returncode == 1 and "outside the article's folder" in refused.stderr
    assert not (tmp_path / "n.txt").exists()


def test_every_output_is_the_same_bytes_whatever_the_hash_seed(tmp_path):
    sources = tmp_path / "sources" / "seeded"
    sources.mkdir(parents=True)
    # Many words no dictionary knows in one paragraph: their warnings came in a set's order.
    odd = " ".join(f"слово{c}ыхщ" for c in "абвгдежзиклмнопрстуф")
    (sources / "article.txt").write_text(
        "ЗАГОЛОВОК СТАТЬИ О ПОРЯДКЕ ПРЕДУПРЕЖДЕНИЙ\n\nАннотация\nКраткий текст аннотации о порядке.\n\n"
        f"Введение. Текст статьи, где встречаются {odd} и другие слова [1].\n\n"
        "Список литературы\n1. Иванов И.И. Книга о порядке. М.: Наука, 2001. 100 с.\n", encoding="utf-8")
    builds = []
    for seed in ("1", "2024"):
        out = tmp_path / f"out-{seed}"
        result = subprocess.run([str(ROOT / ".venv" / "bin" / "snakemake"), "--cores", "2", "--config",
                                 f"sources={sources.parent}", f"output={out}"],
                                cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr[-3000:]
        builds.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*"))
                       if p.is_file() and "logs" not in p.parts})
    assert builds[0].keys() == builds[1].keys()
    assert any(path.name == "seeded.report.json" for path in builds[0])
    assert b"\xd1\x8b\xd1\x85\xd1\x89" in builds[0][Path("seeded/seeded.report.json")]  # the odd words were warned
    differing = [str(path) for path in builds[0] if builds[0][path] != builds[1][path]]
    assert not differing


CYRILLIC = "Политическая интеграция государств региона обсуждается в статье. Введение и Заключение."
ENCODED = [
    ("cp1252", ["cp1252"], "La política económica de la región mejoró. “Además”, los niños aprendieron."),
    ("latin_1", ["latin_1", "cp1252"],  # Windows-1252 reads Latin-1 text the same, 0x80-0x9F aside
     "A educação e a formação dos professores são essenciais para a região. Não há solução fácil."),
    *((name, [name], CYRILLIC) for name in ("cp866", "mac_cyrillic", "iso8859_5", "cp1251", "koi8_r")),
]


@pytest.mark.parametrize("encoding, names, text", ENCODED, ids=[e[0] for e in ENCODED])
def test_single_byte_encodings_are_detected_and_the_report_names_them(tmp_path, encoding, names, text):
    source = tmp_path / "article.txt"
    source.write_bytes((text + "\n").encode(encoding))
    result = run_stage("normalize", source, tmp_path / "n.txt", tmp_path / "n.json")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "n.txt").read_text(encoding="utf-8").replace("\u00a0", " ").strip() == text
    report = json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))
    assert report["encoding"] in names
    assert {"rule": "encoding", "line": 0, "before": report["encoding"], "after": "utf-8"} in report["changes"]
