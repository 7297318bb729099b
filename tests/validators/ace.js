// DAISY Ace on many EPUBs with one Chromium: node tests/validators/ace.js RESULTS.json BOOK.epub...
// Writes {"BOOK.epub": [{"rule", "impact", "file", "html"}...]} to RESULTS.json: Ace's failed
// assertions (Ace itself prints each full report on stdout).
// ace-core launches and closes its browser for every book; this keeps one open for the batch.
'use strict';

const fs = require('fs');
const ace = require('@daisy/ace-core');
const runner = require('@daisy/ace-axe-runner-puppeteer');

const launch = runner.launch.bind(runner);
const close = runner.close.bind(runner);
let launched = false;
runner.launch = async () => { if (!launched) { await launch(); launched = true; } };
runner.close = async () => {};

function failures(report) {
  const found = [];
  for (const doc of report.assertions || []) {
    for (const assertion of doc.assertions || []) {
      if (assertion['earl:result']['earl:outcome'] !== 'pass') {
        found.push({
          rule: assertion['earl:test']['dct:title'],
          impact: assertion['earl:test']['earl:impact'],
          file: doc['earl:testSubject'] && doc['earl:testSubject'].url,
          html: (assertion['earl:result'].html || '').slice(0, 300),
        });
      }
    }
  }
  return found;
}

(async () => {
  const results = {};
  try {
    for (const book of process.argv.slice(3)) {
      const [, report] = await ace(book, { cwd: process.cwd(), silent: true, initLogger: true, jobid: '' }, runner);
      results[book] = failures(report);
    }
  } finally {
    if (launched) await close();
  }
  fs.writeFileSync(process.argv[2], JSON.stringify(results, null, 1));
})().catch((error) => { console.error(error); process.exit(1); });
