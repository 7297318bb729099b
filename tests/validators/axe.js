// axe-core in Debian's Chromium (puppeteer-core, one browser for every page), at each width given:
// node tests/validators/axe.js RESULTS.json WIDTHS PAGE.html...   (WIDTHS like "375,1280")
// Writes {"PAGE.html@375": [{"rule", "impact", "help", "nodes"}...]} to RESULTS.json.
'use strict';

const fs = require('fs');
const path = require('path');
const { launch } = require('./browser');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

(async () => {
  const [out, widths, ...pages] = process.argv.slice(2);
  const browser = await launch();
  const results = {};
  try {
    const page = await browser.newPage();
    // A page may only load its own files: anything from the network is refused.
    await page.setRequestInterception(true);
    page.on('request', (request) => (request.url().startsWith('file:') ? request.continue() : request.abort()));
    for (const file of pages) {
      for (const width of widths.split(',').map(Number)) {
        await page.setViewport({ width, height: 900 });
        await page.goto(`file://${path.resolve(file)}`, { waitUntil: 'load' });
        await page.evaluate(AXE);
        const found = await page.evaluate(async () => (await window.axe.run(document)).violations);
        results[`${file}@${width}`] = found.map((v) => ({
          rule: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, summary: n.failureSummary })),
        }));
      }
    }
  } finally {
    await browser.close();
  }
  fs.writeFileSync(out, JSON.stringify(results, null, 1));
})().catch((error) => { console.error(error); process.exit(1); });
