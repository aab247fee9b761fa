// DOM helpers. Everything from the API or the user goes in as text nodes or attribute values,
// never as markup: no HTML-parsing sink is used anywhere in web/
// (src/api/static_assets_test.cc checks).

// h('a', {href: '#/x', class: 'c', onclick: fn}, 'text', child, [more]) -> element
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  add(el, children);
  return el;
}

export function add(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// A link inside the page: the route is built here, the text is data.
export function link(route, text, attrs = {}) {
  return h('a', { ...attrs, href: '#' + route }, text);
}

export function entityLink(id, text) {
  return link('/entity/' + encodeURIComponent(id), text ?? id);
}

// An external link only for http(s) URLs (a list could carry "javascript:").
export function safeUrl(url) {
  try {
    const parsed = new URL(String(url));
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') {
      return h('a', { href: parsed.href, rel: 'noopener noreferrer', target: '_blank' }, String(url));
    }
  } catch { /* not a URL: shown as text */ }
  return document.createTextNode(String(url));
}

// A two-column definition table of [label, value] rows; empty values are skipped.
export function facts(rows) {
  const dl = h('dl', { class: 'facts' });
  for (const [label, value] of rows) {
    if (value === null || value === undefined || value === '' ||
        (Array.isArray(value) && value.length === 0)) continue;
    add(dl, [h('dt', {}, label), h('dd', {}, Array.isArray(value) ? value.join('; ') : value)]);
  }
  return dl;
}

// A table: columns [{label, cell: row => text|Node, class?}], rows.
export function table(columns, rows, caption) {
  const head = h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)));
  const body = rows.map((row) => h('tr', {}, columns.map((c) => h('td', { class: c.class }, c.cell(row)))));
  return h('div', { class: 'table-wrap' },
    h('table', {}, caption ? h('caption', {}, caption) : null, h('thead', {}, head), h('tbody', {}, body)));
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), children);
}

export function percent(score) {
  return typeof score === 'number' ? Math.round(score * 100) + ' %' : '';
}

export function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, error && error.message ? error.message : String(error));
}
