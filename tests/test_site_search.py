"""The site's search in a real browser: the index page, served over http as a site would be, finds
the sample, published (its editorial record made final: the search holds final articles only), from
a Russian word of its body, a Kazakh word and an English word of its abstracts. The words are read
from the built galley, so the test follows whatever the sample says."""

import functools
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from lxml import html

from conftest import OUTPUT, ROOT, SAMPLE
from galley.cli import main
from test_accessibility import node
from test_issue import final_copies


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(built, tmp_path_factory):
    """A site of the sample made final, over http on a free local port (Pagefind fetches its index:
    file:// pages may not); the site is under /site/, as a journal may serve it from a folder of its own."""
    root = tmp_path_factory.mktemp("published")
    folders = final_copies([SAMPLE], root)
    assert main(["issue", str(ROOT / "config" / "config.yaml"), "", str(root / "issue"), *folders]) == 0
    assert main(["site", str(root / "issue" / "toc.json"), str(root / "issue" / "toc.pdf"), str(root / "site"),
                 *folders]) == 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/site/"
    server.shutdown()
    server.server_close()


def words(text, at_least=8):
    return [w for w in re.findall(r"\w+", text) if len(w) >= at_least and w.isalpha()]


def sample_words():
    """The longest word of the sample's body (Russian), of its Kazakh abstract and of its English one;
    the Kazakh and English words are ones its Russian text does not hold."""
    page = html.parse(str(OUTPUT / SAMPLE / f"{SAMPLE}.html")).getroot()
    body = " ".join(p.text_content() for p in page.iterfind(".//article//p")
                    if not any(a.get("lang") or a.tag == "header" for a in p.iterancestors() if a.tag != "html"))
    russian = set(words(body, at_least=1))
    kazakh = [w for w in words(page.find(".//section[@lang='kk']").text_content()) if w not in russian]
    english = [w for w in words(page.find(".//section[@lang='en']").text_content()) if w not in russian]
    return {"ru": max(words(body), key=len), "kk": max(kazakh, key=len), "en": max(english, key=len)}


def test_search_finds_the_sample_in_three_languages(served, tmp_path):
    chosen = sample_words()
    out = tmp_path / "search.json"
    node("search.js", out, served, *chosen.values())
    found = json.loads(out.read_text(encoding="utf-8"))
    assert "errors" not in found, found.get("errors")
    galley = f"{served}{SAMPLE}/{SAMPLE}.html"
    for lang, word in chosen.items():
        assert galley in found[word], (lang, word, found[word])
