// The site's search box (galley.site_search): queries every language's Pagefind bundle of the issue
// and lists the articles found, best first, with Pagefind's excerpt. Runs only when the site is
// served over http(s): Pagefind fetches its index files.
const form = document.getElementById('site-search');
const query = document.getElementById('site-search-query');
const results = document.getElementById('site-search-results');
const bundles = JSON.parse(form.dataset.bundles);
let engines = null;

function load() {
  // Each bundle is a module of its own, with its own language's stemmer.
  engines ??= Promise.all(bundles.map(async (bundle) => {
    const engine = await import(new URL(`${bundle}pagefind.js`, document.baseURI).href);
    // Results link relative to this page wherever the site is served from.
    await engine.options({ baseUrl: new URL('.', document.baseURI).pathname });
    await engine.init();
    return engine;
  }));
  return engines;
}

async function search(text) {
  const found = new Map();
  for (const engine of await load()) {
    const answer = await engine.search(text);
    for (const hit of answer.results.slice(0, 10)) {
      const data = await hit.data();
      const known = found.get(data.url);
      if (!known || known.score < hit.score) found.set(data.url, { score: hit.score, data });
    }
  }
  return [...found.values()].sort((a, b) => b.score - a.score).map((r) => r.data);
}

function show(found) {
  results.replaceChildren();
  if (!found.length) {
    const none = document.createElement('p');
    none.textContent = form.dataset.none;
    results.append(none);
    return;
  }
  const list = document.createElement('ol');
  for (const data of found) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = new URL(data.url, document.baseURI).href;
    link.textContent = data.meta.title || data.url;
    const excerpt = document.createElement('p');
    excerpt.innerHTML = data.excerpt;  // Pagefind's excerpt of the site's own text, words found in <mark>
    item.append(link, excerpt);
    list.append(item);
  }
  results.append(list);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  form.setAttribute('aria-busy', 'true');
  show(query.value.trim() ? await search(query.value.trim()) : []);
  form.removeAttribute('aria-busy');
});
form.addEventListener('reset', () => results.replaceChildren());
