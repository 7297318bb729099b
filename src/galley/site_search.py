"""The site's full-text search: a Pagefind index of every article of the issue in every language it
is written in (titles, abstracts, keywords, body), built when the site is, and a search box on the
index page that queries it in the reader's browser with no server and no network.

Each language gets a bundle of its own (search/<lang>/), because Pagefind stems a query only in the
language of the index it searches: Russian, English, Portuguese and Spanish words are stemmed, and
Kazakh and Kyrgyz, which Pagefind does not know, are matched as written. The page's script queries
every bundle and merges the answers, so a reader finds an article whatever language they type in.
Pagefind fetches its index files: the site must be served over http(s), not opened as file://."""

import json
from pathlib import Path

from lxml import html

from .languages import label_text
from .paths import STYLES

SEARCH_DIR = "search"
SCRIPT = "search.js"
KEPT = {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"}  # what the search box loads


def article_texts(galley_html):
    """The text of an HTML galley by language: {lang: text}. A part marked with a lang of its own
    (a translated title, abstract, keywords) counts for that language, the rest for the page's."""
    root = html.fromstring(Path(galley_html).read_bytes())
    page_lang = root.get("lang", "")
    body = root.find(".//article")
    body = body if body is not None else root.find("body")
    texts = {}
    for part in list(body.iter()):
        lang = part.get("lang") if isinstance(part.tag, str) else None
        if lang and lang != page_lang and body in part.iterancestors():  # not inside a part taken already
            texts.setdefault(lang, []).append(part.text_content())
            part.drop_tree()  # counted once, in its own language
    for noise in body.iter("nav", "script", "style"):
        noise.clear()
    texts.setdefault(page_lang, []).insert(0, body.text_content())
    return {lang: " ".join(" ".join(parts).split()) for lang, parts in texts.items()}


def titles_by_language(galley_html):
    """The article's title in each language it is given in: the page's <h1> and the translated titles."""
    root = html.fromstring(Path(galley_html).read_bytes())
    h1 = root.find(".//h1")
    titles = {root.get("lang", ""): " ".join(h1.text_content().split()) if h1 is not None else ""}
    for p in root.iterfind(".//p[@class='trans-title']"):
        titles.setdefault(p.get("lang"), " ".join(p.text_content().split()))
    return titles


def records(site, slugs):
    """One search record per article and language: (lang, url relative to the site, title, text)."""
    found = []
    for slug in slugs:
        galley = Path(site) / slug / f"{slug}.html"
        titles = titles_by_language(galley)
        main_title = next(iter(titles.values()))
        for lang, text in article_texts(galley).items():
            found.append((lang, f"{slug}/{slug}.html", titles.get(lang, main_title), text))
    return found


def build_index(site, slugs):
    """Every article's bundles under site/search/<lang>/; the languages indexed. Pagefind's binary
    indexes a page per article and language, written for it in a scratch folder: one run per
    language (its Python client answers each message a tenth of a second late, which made an
    issue of 100 articles take half a minute)."""
    import subprocess
    import sys
    import tempfile

    found = records(site, slugs)
    languages = sorted({r[0] for r in found})
    with tempfile.TemporaryDirectory(prefix="galley-search-") as scratch:
        for lang in languages:
            pages = Path(scratch) / lang
            for _, url, title, text in (r for r in found if r[0] == lang):
                page = pages / url
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(_search_page(lang, title, text), encoding="utf-8")
            bundle = Path(site) / SEARCH_DIR / lang
            result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path",
                                     str(bundle), "--force-language", lang, "--silent"],
                                    capture_output=True, text=True)
            if result.returncode:
                raise RuntimeError(f"pagefind failed for {lang}: {result.stderr.strip()[-500:]}")
            for unused in bundle.glob("pagefind-*"):  # Pagefind's own UIs: the page has its box
                if unused.name not in KEPT:
                    unused.unlink()
    return languages


def _search_page(lang, title, text):
    """What Pagefind indexes of one article in one language: its title there and its text."""
    from html import escape

    return (f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f'<title>{escape(title)}</title></head><body><main data-pagefind-body><h1>{escape(title)}</h1>'
            f'<p>{escape(text)}</p></main></body></html>\n')


def add_search_box(index_page, languages):
    """The search form and its script on the site's index page (an lxml document), labelled in the
    page's language; the bundles' folders go to the script in a data attribute."""
    lang = index_page.get("lang", "en")
    main = index_page.find(".//main")
    box = html.fragment_fromstring(
        '<form class="site-search" role="search" id="site-search" action="#">'
        '<label for="site-search-query"></label> '
        '<input type="search" id="site-search-query" name="q" autocomplete="off"> '
        '<button type="submit"></button>'
        '<div id="site-search-results" aria-live="polite"></div></form>')
    box.find("label").text = label_text(lang, "search")
    box.find("button").text = label_text(lang, "search")
    box.set("data-bundles", json.dumps([f"{SEARCH_DIR}/{code}/" for code in languages]))
    box.set("data-none", label_text(lang, "no_results"))
    contents = main.find("ol")
    if contents is not None:
        contents.addprevious(box)
    else:
        main.append(box)
    script = html.fragment_fromstring(f'<script type="module" src="{SCRIPT}"></script>')
    index_page.find("body").append(script)


def copy_script(site):
    (Path(site) / SCRIPT).write_text((STYLES / "site-search.js").read_text(encoding="utf-8"), encoding="utf-8")
