// Drives Debian's chromium (playwright-core) for nianbao's preview tests and benchmark.
// One JSON command per line on stdin, one JSON answer per line on stdout:
//   {"cmd":"open","url":…}                 → {firstPaint, firstFrame} (ms after navigation
//                                             start; see the marks in preview.js)
//   {"cmd":"state"}                        → what the page shows (pages, overlay, findings)
//   {"cmd":"waitText","text":…,"overlay":bool?} → state, once the pages' text has it
//   {"cmd":"waitPainted","above":version}  → {version, changed, update, painted, nextFrame}
//                                             (ms since the Unix epoch, the page's clock)
//   {"cmd":"clock"}                        → {now}: the page's clock (ms since the Unix epoch)
//   {"cmd":"scrollTo","page":i}            → {}
//   {"cmd":"markNodes","page":i}           → {nodes}: tag the page's DOM pieces
//   {"cmd":"countMarked","page":i}         → {marked, nodes}: tagged pieces still there
//   {"cmd":"screenshot","page":i,"path":…} → {width, height}
//   {"cmd":"compare","a":png,"b":png,"width":w} → {diff, inkA, inkB, rows, columns}: grey-level
//                                             comparison after scaling both to width w
//   {"cmd":"download","name":…,"path":…}   → {file}: clicks the page's download link
//   {"cmd":"close"}
// Errors answer {"error": message}. Chromium runs headless with a fresh profile.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => {
  try { readFileSync(p); return true; } catch { return false; }
});
if (!executablePath) {
  console.log(JSON.stringify({ error: 'chromium is not installed: run scripts/test, which installs it' }));
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 1320 }, acceptDownloads: true });
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));

const sheets = (i) => page.locator('#pages > .page').nth(i);

async function state() {
  return page.evaluate(() => {
    const pages = [...document.querySelectorAll('#pages > .page')].map((el) => {
      const sheet = el.querySelector('.sheet');
      const box = sheet ? sheet.getBoundingClientRect() : { width: 0, height: 0 };
      const out = { hash: el.dataset.hash, text: el.querySelector('.text').textContent,
        kind: sheet ? sheet.tagName.toLowerCase() : 'none', width: box.width, height: box.height };
      if (out.kind === 'img') out.decoded = sheet.complete && sheet.naturalWidth > 0;
      if (out.kind === 'svg') {
        const uses = [...sheet.querySelectorAll('use')];
        out.uses = uses.length;
        out.missing = uses.filter((u) => !document.getElementById(u.getAttribute('href').slice(1))).length;
        out.pieces = sheet.children.length;
      }
      return out;
    });
    const overlay = document.getElementById('overlay');
    return {
      pages,
      overlay: overlay.classList.contains('shown') ? overlay.textContent : '',
      findings: [...document.querySelectorAll('#findings li')].map((li) => li.textContent),
      downloads: [...document.querySelectorAll('#downloads a')].map((a) => a.getAttribute('href')),
      glyphs: document.getElementById('glyph-defs').children.length,
    };
  }).then((s) => ({ ...s, errors }));
}

async function poll(what, check, timeout = 60000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function analyse(a, b, width) {
  const load = (p) => 'data:image/png;base64,' + readFileSync(p).toString('base64');
  // A blank page without the preview's content security policy. It is closed at once: a
  // second open page would put the preview in the background, where frames are throttled.
  const scratch = await context.newPage();
  try {
    return await compareIn(scratch, load(a), load(b), width);
  } finally {
    await scratch.close();
    await page.bringToFront();
  }
}

async function compareIn(scratch, a, b, width) {
  return scratch.evaluate(async ({ a, b, width }) => {
    const grey = async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const height = Math.round(img.naturalHeight * width / img.naturalWidth);
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = 'white';
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(img, 0, 0, width, height);
      const data = ctx.getImageData(0, 0, width, height).data;
      const out = new Float64Array(width * height);
      for (let i = 0; i < out.length; i++) out[i] = (data[4 * i] + data[4 * i + 1] + data[4 * i + 2]) / 765;
      return { out, height };
    };
    const A = await grey(a);
    const B = await grey(b);
    // The paper's edges (a pixel of background where a page sits between device pixels)
    // are left out: 2 % on each side, all margin on a report page. The images may sit a
    // pixel apart (a page at a fractional position): the best vertical shift within ±3
    // is taken.
    const height = Math.min(A.height, B.height);
    const [x0, x1] = [Math.round(width * 0.02), Math.round(width * 0.98)];
    const [y0, y1] = [Math.round(height * 0.02) + 3, Math.round(height * 0.98) - 3];
    // Ink per row and per column, smoothed over ±2 pixels: rules and lines of text at the
    // same places, whatever each rasterizer's snapping of a thin rule to a pixel row.
    const smooth = (v) => v.map((_, i) => {
      let sum = 0; let n = 0;
      for (let j = Math.max(0, i - 2); j <= Math.min(v.length - 1, i + 2); j++) { sum += v[j]; n++; }
      return sum / n;
    });
    const correlation = (a, b) => {
      const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
      const ma = mean(a); const mb = mean(b);
      let num = 0; let da = 0; let db = 0;
      for (let i = 0; i < a.length; i++) {
        num += (a[i] - ma) * (b[i] - mb); da += (a[i] - ma) ** 2; db += (b[i] - mb) ** 2;
      }
      return num / Math.sqrt(da * db);
    };
    const compareAt = (dy) => {
      let diff = 0; let inkA = 0; let inkB = 0;
      const rowsA = new Float64Array(y1 - y0); const rowsB = new Float64Array(y1 - y0);
      const colsA = new Float64Array(x1 - x0); const colsB = new Float64Array(x1 - x0);
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const a = 1 - A.out[y * width + x]; const b = 1 - B.out[(y + dy) * width + x];
          diff += Math.abs(a - b);
          rowsA[y - y0] += a; rowsB[y - y0] += b; colsA[x - x0] += a; colsB[x - x0] += b;
          inkA += a; inkB += b;
        }
      }
      const n = (x1 - x0) * (y1 - y0);
      return { diff: diff / n, inkA: inkA / n, inkB: inkB / n, shift: dy,
        rows: correlation(smooth(Array.from(rowsA)), smooth(Array.from(rowsB))),
        columns: correlation(smooth(Array.from(colsA)), smooth(Array.from(colsB))) };
    };
    let best = null;
    for (let dy = -3; dy <= 3; dy++) {
      const r = compareAt(dy);
      if (!best || r.rows > best.rows) best = r;
    }
    return { ...best, heights: [A.height, B.height] };
  }, { a, b, width });
}

const commands = {
  async open({ url }) {
    await page.goto(url);
    return poll('the first pages', () => page.evaluate(() => {
      const paint = performance.getEntriesByName('nianbao:first-paint')[0];
      const frame = performance.getEntriesByName('nianbao:first-next-frame')[0];
      return paint && frame ? { firstPaint: paint.startTime, firstFrame: frame.startTime } : null;
    }));
  },
  state,
  async waitText({ text, overlay, timeout }) {
    return poll(`"${text}" (overlay ${overlay})`, async () => {
      const s = await state();
      const has = s.pages.some((p) => p.text.includes(text));
      const ok = overlay === undefined || (overlay ? s.overlay !== '' : s.overlay === '');
      return has && ok ? s : null;
    }, timeout);
  },
  async waitPainted({ above, timeout }) {
    return poll(`a page painted after version ${above}`, () => page.evaluate((above) => {
      const after = (name) => performance.getEntriesByName(name).find((m) => m.detail.version > above);
      const painted = after('nianbao:painted');
      const frame = after('nianbao:next-frame');
      if (!painted || !frame) return null;
      const update = performance.getEntriesByName('nianbao:update').find((m) => m.detail.version === painted.detail.version);
      const abs = (m) => performance.timeOrigin + m.startTime;
      return { version: painted.detail.version, changed: painted.detail.changed, update: update ? abs(update) : null,
        painted: abs(painted), nextFrame: abs(frame) };
    }, above), timeout);
  },
  async clock() {
    return { now: await page.evaluate(() => performance.timeOrigin + performance.now()) };
  },
  async scrollTo({ page: i }) {
    await sheets(i).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return {};
  },
  async markNodes({ page: i }) {
    const nodes = await sheets(i).evaluate((el) => {
      const sheet = el.querySelector('svg.sheet');
      for (const n of sheet.children) n.nianbaoMarked = true;
      return sheet.children.length;
    });
    return { nodes };
  },
  async countMarked({ page: i }) {
    return sheets(i).evaluate((el) => {
      const kids = [...el.querySelector('svg.sheet').children];
      return { marked: kids.filter((n) => n.nianbaoMarked).length, nodes: kids.length };
    });
  },
  async screenshot({ page: i, path }) {
    const el = sheets(i).locator('.sheet');
    await el.scrollIntoViewIfNeeded();
    await el.screenshot({ path });
    const box = await el.boundingBox();
    return { width: box.width, height: box.height };
  },
  async compare({ a, b, width }) {
    return analyse(a, b, width);
  },
  async download({ name, path }) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`#downloads a[href="/download/${name}"]`).click(),
    ]);
    await download.saveAs(path);
    return { file: download.suggestedFilename() };
  },
  async close() {
    await browser.close();
    return {};
  },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const command = JSON.parse(line);
  let answer;
  try {
    answer = await commands[command.cmd](command);
  } catch (e) {
    answer = { error: String(e && e.stack || e) };
  }
  console.log(JSON.stringify(answer));
  if (command.cmd === 'close') break;
}
await browser.close().catch(() => {});
process.exit(0);
