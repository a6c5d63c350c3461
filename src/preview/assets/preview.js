// nianbao live preview. The page arrives with the current state inline; server-sent events
// then bring only what changed: glyph outlines this tab lacks (kept in one <defs> and
// shared by every page) and, for a changed page, the keys of its pieces with the markup of
// the new ones. Unchanged pieces keep their DOM nodes, so the browser repaints little.
// Performance marks, each with the version in `detail`: nianbao:update (an event arrived),
// nianbao:painted (the frame with the change has been painted) and nianbao:next-frame (the
// frame after it began); nianbao:first-paint and nianbao:first-next-frame for the first.
'use strict';
(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const pagesEl = document.getElementById('pages');
  const defs = document.getElementById('glyph-defs');
  const overlay = document.getElementById('overlay');
  const findingsEl = document.getElementById('findings');
  const statusEl = document.getElementById('status');
  const state = { session: '', version: -1, glyphs: 0, painted: false, updates: 0 };

  // requestAnimationFrame runs before the next frame's style, layout and paint; a task
  // queued from it runs once that frame has been painted.
  function afterPaint(fn) {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = fn;
      channel.port2.postMessage(null);
    });
  }

  function parse(markup) {
    const holder = document.createElementNS(SVG, 'svg');
    holder.innerHTML = markup;
    return Array.from(holder.children);
  }

  // Bring the pieces of `sheet` (in the order of `oldKeys`) to `keys`: remove the pieces
  // that went, insert the new ones from `chunks`, leave the rest where they are.
  function patch(sheet, oldKeys, keys, chunks) {
    const nodes = new Map();
    const children = sheet.children;
    for (let i = 0; i < oldKeys.length && i < children.length; i++) nodes.set(oldKeys[i], children[i]);
    const wanted = new Set(keys);
    for (const [key, node] of nodes) {
      if (!wanted.has(key)) { node.remove(); nodes.delete(key); }
    }
    const fresh = keys.filter((k) => !nodes.has(k));
    if (fresh.length) {
      const made = parse(fresh.map((k) => chunks[k]).join(''));
      fresh.forEach((k, i) => nodes.set(k, made[i]));
    }
    let at = sheet.firstElementChild;
    for (const key of keys) {
      const node = nodes.get(key);
      if (node === at) at = at.nextElementSibling;
      else sheet.insertBefore(node, at);
    }
  }

  function showPage(i, p, waits) {
    let el = pagesEl.children[i];
    if (!el) {
      el = document.createElement('div');
      el.className = 'page';
      const text = document.createElement('div');
      text.className = 'text';
      el.append(text);
      pagesEl.append(el);
    }
    if (el.dataset.hash === p.hash) return false;
    el.style.aspectRatio = p.width + ' / ' + p.height;
    let sheet = el.firstElementChild.classList.contains('sheet') ? el.firstElementChild : null;
    if (p.image) {
      if (!sheet || sheet.tagName !== 'IMG') {
        const img = document.createElement('img');
        img.className = 'sheet';
        img.alt = '';
        if (sheet) sheet.replaceWith(img); else el.prepend(img);
        sheet = img;
      }
      el.keys = null;
      sheet.src = '/page/' + p.hash + '.svg';
      waits.push(sheet.decode().catch(() => {}));
    } else {
      if (!sheet || sheet.tagName === 'IMG') {
        const svg = document.createElementNS(SVG, 'svg');
        svg.setAttribute('class', 'sheet');
        svg.setAttribute('aria-hidden', 'true');
        if (sheet) sheet.replaceWith(svg); else el.prepend(svg);
        sheet = svg;
        el.keys = [];
      }
      sheet.setAttribute('viewBox', '0 0 ' + p.width + ' ' + p.height);
      patch(sheet, el.keys || [], p.keys, p.chunks);
      el.keys = p.keys;
    }
    el.dataset.hash = p.hash;
    el.lastElementChild.textContent = p.text;
    return true;
  }

  function showFindings(errors, findings) {
    overlay.textContent = errors.map((e) => e.text).join('\n\n');
    overlay.classList.toggle('shown', errors.length > 0);
    findingsEl.replaceChildren();
    for (const f of findings) {
      const li = document.createElement('li');
      li.className = f.severity;
      li.textContent = f.text;
      findingsEl.append(li);
    }
    if (!findings.length) {
      const li = document.createElement('li');
      li.textContent = '没有发现问题';
      findingsEl.append(li);
    }
  }

  function apply(m) {
    if (state.session && m.session !== state.session) { location.reload(); return; }
    const first = !state.painted;
    if (!first) performance.mark('nianbao:update', { detail: { version: m.version } });
    state.session = m.session;
    const skip = state.glyphs - m.glyphsFrom;
    if (skip < 0) { location.reload(); return; }
    if (m.glyphs.length > skip) defs.insertAdjacentHTML('beforeend', m.glyphs.slice(skip).join(''));
    state.glyphs = Math.max(state.glyphs, m.glyphsFrom + m.glyphs.length);
    const waits = [];
    let changed = 0;
    m.pages.forEach((p, i) => { if (showPage(i, p, waits)) changed++; });
    while (pagesEl.children.length > m.pages.length) pagesEl.lastElementChild.remove();
    showFindings(m.errors, m.findings);
    state.version = m.version;
    state.painted = true;
    // Keep the performance timeline short in a long session.
    if (++state.updates % 500 === 0) performance.clearMarks();
    const detail = { version: m.version, changed };
    Promise.all(waits).then(() => {
      afterPaint(() => performance.mark(first ? 'nianbao:first-paint' : 'nianbao:painted', { detail }));
      requestAnimationFrame(() => requestAnimationFrame(() => {
        performance.mark(first ? 'nianbao:first-next-frame' : 'nianbao:next-frame', { detail });
      }));
    });
  }

  let events = null;
  function connect() {
    const query = new URLSearchParams({ session: state.session, version: state.version, glyphs: state.glyphs });
    events = new EventSource('/events?' + query);
    events.addEventListener('open', () => { statusEl.textContent = '已连接，保存文件后自动更新'; });
    events.addEventListener('update', (e) => apply(JSON.parse(e.data)));
    events.addEventListener('reload', () => location.reload());
    events.addEventListener('error', () => {
      statusEl.textContent = '与预览服务的连接中断，正在重试…';
      events.close();
      setTimeout(connect, 1000);
    });
  }

  apply(JSON.parse(document.getElementById('initial').textContent));
  connect();
})();
