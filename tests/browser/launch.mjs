// Shared by nianbao's publish browser scripts (html-grid.mjs, axe.mjs): launch Debian's
// chromium headless with no network, open a local file, and print JSON results.
import { chromium } from 'playwright-core';

export async function withPage(file, viewport, fn) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport });
    // A published page loads nothing from anywhere: count every request but the page.
    const requests = [];
    page.on('request', (r) => { if (r.url() !== 'file://' + file) requests.push(r.url()); });
    await page.goto('file://' + file, { waitUntil: 'load' });
    return await fn(page, requests);
  } finally {
    await browser.close();
  }
}
