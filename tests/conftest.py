"""Shared fixtures: the built outputs of the sample and the test articles, and the JATS DTD."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# libxml2 reads its catalogs once, before the first parse that needs them: the Crossref schema's
# imports and the JATS DTDs then come from ../shared, never the network (tests/validators.py).
os.environ["XML_CATALOG_FILES"] = " ".join(str(SHARED / p) for p in (
    "validators/crossref-schema-0.3.1/catalog.xml", "schemas/jats/dtd/catalog.xml"))

# CI runs the same generated examples every time (a failure there is then reproducible here with
# CI=true); a developer's runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Test builds are reproducible: the EPUB's dcterms:modified is this moment (2026-01-01), not the
# time of each build, so two builds compare byte for byte (tests/test_cluster.py).
os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
DTD = SHARED / "schemas" / "jats" / "publishing-1.3" / "JATS-journalpublishing1-3.dtd"
# The tests build into a folder of their own, never the project's output/ (a person's build).
OUTPUT = Path(tempfile.mkdtemp(prefix="galley-tests-")) / "output"
FIXTURES = ROOT / "tests" / "fixtures"
SOURCE_FOLDERS = [ROOT / "sources", FIXTURES / "articles"]
# The complete-metadata variant: articles whose editor gave everything, built for a journal that
# configures its ISSNs, site address and Crossref depositor.
COMPLETE_ARTICLES = [FIXTURES / "complete" / "en-complete-metadata", FIXTURES / "articles" / "ru-editor-metadata"]
COMPLETE_OUTPUT = OUTPUT.parent / "complete"
JOURNAL_URL = "https://journal.example.org/articles"
SAMPLE = "vestnik-2021-2-regional-integration"
ENGLISH = "en-imrad-water-policy"
SNAKEMAKE = Path(sys.executable).with_name("snakemake")


def build(sources, output, configfile=None):
    options = ["--configfile", str(configfile)] if configfile else []
    result = subprocess.run([str(SNAKEMAKE), "--cores", "2", "--keep-going", *options,
                             "--config", f"sources={sources}", f"output={output}"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return result


@pytest.fixture(scope="session", autouse=True)
def _remove_test_output():
    yield
    shutil.rmtree(OUTPUT.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Every article of sources/ and of the test fixtures, built as one issue into OUTPUT."""
    issue = tmp_path_factory.mktemp("issue")
    for folder in SOURCE_FOLDERS:
        for article in sorted(p.parent for p in folder.glob("*/article.txt")):
            shutil.copytree(article, issue / article.name)  # a link out of the sources folder is refused
    build(issue, OUTPUT)
    return OUTPUT


@pytest.fixture(scope="session")
def built_complete(tmp_path_factory):
    """The complete-metadata variant built as one issue into COMPLETE_OUTPUT, with complete_config."""
    folder = tmp_path_factory.mktemp("complete")
    issue = folder / "sources"
    issue.mkdir()
    for article in COMPLETE_ARTICLES:
        shutil.copytree(article, issue / article.name)  # a link out of the sources is refused
        with open(issue / article.name / "article.yaml", "a", encoding="utf-8") as answers:
            answers.write("\nstatus: final\n")  # everything is supplied: published, and deposited
    config = complete_config(folder / "config.yaml")
    build(issue, COMPLETE_OUTPUT, config)
    return COMPLETE_OUTPUT


def complete_config(path):
    """The project's configuration plus what a journal that deposits DOIs configures (written to path)."""
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    config.update(doi_prefix="10.99999", doi_suffix_pattern="{journal}.{year}.{issue}.{slug}",
                  crossref={"depositor_name": "Editorial office", "email": "editor@example.org"})
    config["journal"]["url"] = JOURNAL_URL
    config["journal"]["issn"] = [{"value": "1728-5461", "format": "print"},
                                 {"value": "2617-5789", "format": "electronic"}]
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def article_slugs():
    return sorted(p.parent.name for folder in SOURCE_FOLDERS for p in folder.glob("*/article.txt"))


def outputs(slug):
    base = OUTPUT / slug
    return {ext: base / f"{slug}.{ext}" for ext in ("md", "xml", "epub", "pdf", "html", "report.json")}


@pytest.fixture
def config_with_prefix(tmp_path):
    return complete_config(tmp_path / "config.yaml")
