// Runs axe-core on a page nianbao published: node axe.mjs page.html
// Prints JSON: the axe version, the rules run, and every violation with its nodes.
// WCAG 2.1 A and AA (which GB/T 37668-2019 follows) and axe's best practices.
import { withPage } from './launch.mjs';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [file] = process.argv.slice(2);
const result = await withPage(path.resolve(file), { width: 1000, height: 800 }, async (page) => {
  await page.addScriptTag({ content: axeSource });
  return await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations', 'incomplete'],
    });
    const brief = (v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })) });
    return {
      version: window.axe.version,
      passes: r.passes.length,
      violations: r.violations.map(brief),
      incomplete: r.incomplete.map(brief),
    };
  });
});
console.log(JSON.stringify(result));
