// Reads back the tables of a page nianbao published, as a browser lays them out:
// node html-grid.mjs page.html [screenshot.png]
// Prints JSON: the page's scripts, external requests and languages, and for every table
// its caption and every cell (tag, text, id, scope, spans, the texts of the header cells
// its `headers` attribute names, its box on the page, and its computed borders).
import { withPage } from './launch.mjs';
import path from 'node:path';

const [file, shot] = process.argv.slice(2);
const result = await withPage(path.resolve(file), { width: 1000, height: 800 }, async (page, requests) => {
  const data = await page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x0: r.left, x1: r.right, y0: r.top + window.scrollY, y1: r.bottom + window.scrollY };
    };
    const tables = [...document.querySelectorAll('table')].map((t) => ({
      caption: t.caption ? t.caption.textContent : null,
      cells: [...t.querySelectorAll('th, td')].map((c) => {
        const s = getComputedStyle(c);
        const ids = (c.getAttribute('headers') || '').split(/\s+/).filter(Boolean);
        return {
          tag: c.tagName.toLowerCase(),
          text: c.textContent,
          id: c.id || null,
          scope: c.getAttribute('scope'),
          rowspan: c.rowSpan,
          colspan: c.colSpan,
          headers: ids.map((id) => {
            const h = document.getElementById(id);
            return h && t.contains(h) ? h.textContent : null;
          }),
          header_boxes: ids.map((id) => { const h = document.getElementById(id); return h ? box(h) : null; }),
          box: box(c),
          border: [s.borderTopStyle, s.borderRightStyle, s.borderBottomStyle, s.borderLeftStyle,
                   s.borderTopWidth, s.borderLeftWidth, s.borderTopColor].join(' '),
        };
      }),
    }));
    return {
      lang: document.documentElement.lang,
      langs: [...document.querySelectorAll('[lang]')].map((e) => e.getAttribute('lang')),
      styles: document.querySelectorAll('style, link').length,
      scripts: document.querySelectorAll('script').length,
      headings: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => ({ level: +h.tagName[1], text: h.textContent })),
      paragraphs: [...document.querySelectorAll('p')].map((p) => p.textContent),
      title: document.title,
      author: document.querySelector('meta[name=author]')?.getAttribute('content') ?? null,
      tables,
    };
  });
  if (shot) await page.screenshot({ path: shot, fullPage: true });
  return { ...data, requests };
});
console.log(JSON.stringify(result));
