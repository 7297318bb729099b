"""The site's full-text search: a Pagefind index of every article of the issue in every language it
is written in (titles, abstracts, keywords, body), built when the site is, and a search box on the
index page that queries it in the reader's browser with no server and no network.

Each language gets a bundle of its own (search/<lang>/), because Pagefind stems a query only in the
language of the index it searches: Russian, English, Portuguese and Spanish words are stemmed, and
Kazakh and Kyrgyz, which Pagefind does not know, are matched as written. The page's script queries
every bundle and merges the answers, so a reader finds an article whatever language they type in.
Pagefind fetches its index files: the site must be served over http(s), not opened as file://."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
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


async def _write_bundles(site, found):
    from pagefind.service import PagefindService

    async with PagefindService() as service:
        for lang in sorted({r[0] for r in found}):
            index = await service.create_index({"force_language": lang})
            for _, url, title, text in (r for r in found if r[0] == lang):
                await index.add_custom_record(url=url, content=text, language=lang, meta={"title": title})
            bundle = Path(site) / SEARCH_DIR / lang
            await index.write_files(output_path=str(bundle))
            await index.delete_index()
            for unused in bundle.glob("pagefind-*"):  # Pagefind's own UIs: the page has its box
                if unused.name not in KEPT:
                    unused.unlink()
    return sorted({r[0] for r in found})


def build_index(site, slugs):
    """Every article's bundles under site/search/<lang>/; the languages indexed. Pagefind's client
    is asynchronous: it runs in a thread of its own, since a job's thread may be inside Snakemake's
    running event loop, where asyncio.run is refused."""
    found = records(site, slugs)
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(lambda: asyncio.run(_write_bundles(site, found))).result()


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
