// Open a page nianbao wrote (an annex or a to-do list) in Debian's headless chromium, run
// axe-core on it, and print what the browser sees as JSON: the title, the table's caption,
// its header cells, body rows and footer rows (cell text), and the axe violations.
// Usage: node table.mjs FILE.html PROFILE_DIR
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [file, profile] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.addScriptTag({ content: axe });
  const result = await page.evaluate(async () => {
    const cells = (row) => [...row.children].map((c) => c.textContent);
    const table = document.querySelector('table');
    const axeResult = await window.axe.run(document, { resultTypes: ['violations'] });
    return {
      title: document.title,
      lang: document.documentElement.lang,
      caption: table.caption ? table.caption.textContent : null,
      head: [...table.tHead.rows].map(cells),
      body: [...table.tBodies[0].rows].map(cells),
      foot: table.tFoot ? [...table.tFoot.rows].map(cells) : [],
      // Elements in the table that are not table structure: user text that became markup.
      foreign: table.querySelectorAll(':not(tr):not(td):not(th):not(thead):not(tbody):not(tfoot):not(caption)').length,
      violations: axeResult.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })),
    };
  });
  process.stdout.write(JSON.stringify(result));
} finally {
  await context.close();
}
