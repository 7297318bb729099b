// Debian's Chromium through puppeteer-core, as the browser validators run it (npm downloads no browser).
'use strict';

const puppeteer = require('puppeteer-core');

// As Chromium runs on this machine: no sandbox as root, and no background connections (there is
// no network; without these flags it keeps trying).
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--hide-scrollbars'];

function launch(extraArgs = []) {
  return puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
    headless: true, args: [...ARGS, ...extraArgs], timeout: 120000, protocolTimeout: 300000,
  });
}

module.exports = { launch };
