"""The outputs as accessibility auditors and the W3C checker see them, on every built article:
DAISY Ace on each EPUB, axe-core in Chromium at a phone's and a desktop's width and the Nu HTML
Checker (vnu) on each HTML page (galleys, proofing pages, the contents, the site's index), of the
sample and the fixtures and of the complete-metadata variant (DOIs, ISSNs, the journal's address).
Zero findings from each. The validators are the npm packages pinned in package.json (`make setup`)."""

import json
import os
import shutil
import subprocess

import pytest

from conftest import COMPLETE_ARTICLES, COMPLETE_OUTPUT, OUTPUT, ROOT, SOURCE_FOLDERS

NODE_MODULES = ROOT / "node_modules"
WIDTHS = (375, 1280)
BUILDS = OUTPUT.parent  # each build's folder below it: the project's config, the complete variant's
SLUGS = {OUTPUT.name: sorted(p.parent.name for folder in SOURCE_FOLDERS for p in folder.glob("*/article.txt")),
         COMPLETE_OUTPUT.name: sorted(article.name for article in COMPLETE_ARTICLES)}
BOOKS = [f"{build}/{slug}/{slug}.epub" for build, slugs in SLUGS.items() for slug in slugs]
PAGES = [page for build, slugs in SLUGS.items()
         for page in [f"{build}/site/index.html", f"{build}/issue/toc.html",
                      *(f"{build}/site/{slug}/{slug}.html" for slug in slugs),
                      *(f"{build}/{slug}/{slug}.proof.html" for slug in slugs)]]  # the editor's: not in the site


def node(script, *args, timeout=1200):
    """One of tests/validators/*.js, with Debian's Chromium (npm downloads no browser here)."""
    if not (NODE_MODULES / ".package-lock.json").exists():
        pytest.fail("the validators are not installed: run `make setup` (npm ci of package.json)")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium or "", "ACE_TIMEOUT_INITIAL": "120000"}
    result = subprocess.run(["node", str(ROOT / "tests" / "validators" / script), *map(str, args)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="session")
def ace_findings(built, built_complete, tmp_path_factory):
    """Ace on every EPUB in one run (one Chromium): {book: [failed assertions]}."""
    out = tmp_path_factory.mktemp("ace") / "ace.json"
    node("ace.js", out, *(BUILDS / book for book in BOOKS))
    return {os.path.relpath(book, BUILDS): found for book, found in json.loads(out.read_text(encoding="utf-8")).items()}


@pytest.fixture(scope="session")
def axe_findings(built, built_complete, tmp_path_factory):
    """axe-core on every page at every width, one Chromium for all: {"page@width": [violations]}."""
    out = tmp_path_factory.mktemp("axe") / "axe.json"
    node("axe.js", out, ",".join(map(str, WIDTHS)), *(BUILDS / page for page in PAGES))
    return {os.path.relpath(key, BUILDS): found for key, found in json.loads(out.read_text(encoding="utf-8")).items()}


@pytest.fixture(scope="session")
def vnu_findings(built, built_complete):
    """The Nu HTML Checker's errors on every page, in one run: {page: [messages]}."""
    jar = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.exists():
        pytest.fail("vnu.jar is missing: run `make setup` (npm ci of package.json)")
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json",
                             *(str(BUILDS / page) for page in PAGES)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    found = {}
    for message in messages:
        page = os.path.relpath(message.get("url", "").removeprefix("file:"), BUILDS)
        found.setdefault(page, []).append(f"{message.get('lastLine')}: {message['message']}")
    return found


@pytest.mark.parametrize("book", BOOKS)
def test_ace_finds_nothing_in_the_epub(ace_findings, book):
    assert ace_findings[book] == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_violation_on_the_page(axe_findings, page, width):
    assert axe_findings[f"{page}@{width}"] == []


@pytest.mark.parametrize("page", PAGES)
def test_vnu_finds_no_error_in_the_page(vnu_findings, page):
    assert (BUILDS / page).is_file()
    assert vnu_findings.get(page, []) == []
