// The site's search box in Debian's Chromium (puppeteer-core): types each word into the index
// page's search box and records the links of the articles found.
// node tests/validators/search.js RESULTS.json SITE_URL WORD...
// Writes {"WORD": ["http://.../slug/slug.html", ...]} to RESULTS.json.
'use strict';

const fs = require('fs');
const { launch } = require('./browser');

(async () => {
  const [out, site, ...words] = process.argv.slice(2);
  // No host but the local server of the site (Pagefind's worker fetches the index, which request
  // interception, as axe.js uses, would stall).
  const browser = await launch(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
  const results = {};
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    for (const word of words) {
      await page.goto(`${site}index.html`, { waitUntil: 'load' });
      await page.type('#site-search-query', word);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#site-search-results').children.length > 0,
        { timeout: 60000 }).catch(() => errors.push(`no answer for ${word}`));
      results[word] = await page.$$eval('#site-search-results a', (links) => links.map((a) => a.href));
    }
    if (errors.length) results.errors = errors;
  } finally {
    await browser.close();
  }
  fs.writeFileSync(out, JSON.stringify(results, null, 1));
})().catch((error) => { console.error(error); process.exit(1); });
