// Search as you type: hits best first, score, lists, and the side-by-side of query and listed
// name. Keys: "/" focuses the box, arrows move through the hits, Enter opens one.
import { api } from './api.js';
import { h, add, debounce, entityLink, errorBox, percent } from './dom.js';
import { comparison } from './explain.js';

const state = { name: '', type: '', country: '', dob: '', id: '', result: null, ms: 0 };
let inflight = null;

export function searchView() {
  const name = h('input', { id: 'search-name', type: 'search', autocomplete: 'off', spellcheck: 'false', value: state.name, 'data-autofocus': true, 'aria-describedby': 'search-help', 'aria-controls': 'hits' });
  const type = h('select', { id: 'search-type' },
    ['', 'person', 'organization', 'vessel', 'aircraft'].map((t) => h('option', { value: t, selected: state.type === t }, t || 'any type')));
  const country = h('input', { id: 'search-country', autocomplete: 'off', maxlength: 40, value: state.country, placeholder: 'CN' });
  const dob = h('input', { id: 'search-dob', autocomplete: 'off', maxlength: 10, value: state.dob, placeholder: 'YYYY-MM-DD', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' });
  const ident = h('input', { id: 'search-id', autocomplete: 'off', maxlength: 120, value: state.id, placeholder: 'imo:9187629' });
  const status = h('p', { class: 'status muted', id: 'search-status', 'aria-live': 'polite' });
  const hits = h('ol', { class: 'hits', id: 'hits', 'aria-label': 'Hits, best first' });

  const run = async () => {
    Object.assign(state, { name: name.value, type: type.value, country: country.value.trim(), dob: dob.value.trim(), id: ident.value.trim() });
    if (inflight) inflight.abort();
    if (!/\p{L}/u.test(state.name)) {
      state.result = null;
      hits.replaceChildren();
      status.textContent = 'Type a name to screen it against every list.';
      return;
    }
    const query = { name: state.name, explain: true, limit: 10, threshold: 0.6 };
    if (state.type) query.type = state.type;
    if (state.country) query.country = state.country;
    if (state.dob && dob.validity.valid) query.dob = state.dob;
    if (state.id) query.id = state.id;
    const controller = new AbortController();
    inflight = controller;
    const start = performance.now();
    try {
      const result = await api('POST', '/v1/screen', query, { signal: controller.signal });
      state.ms = performance.now() - start;
      state.result = result;
      renderHits(hits, status, result, state.name, state.ms);
    } catch (error) {
      if (error.name === 'AbortError') return;
      hits.replaceChildren();
      status.replaceChildren(errorBox(error));
    }
  };
  const later = debounce(run, 120);
  for (const input of [name, country, dob, ident]) input.addEventListener('input', later);
  type.addEventListener('change', run);

  name.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const first = hits.querySelector('a.hit-link');
      if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === 'Enter') {
      const first = hits.querySelector('a.hit-link');
      if (first) { event.preventDefault(); first.click(); }
    }
  });
  hits.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = [...hits.querySelectorAll('a.hit-link')];
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === 'ArrowUp' && at === 0) name.focus();
    else links[Math.max(0, Math.min(links.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))].focus();
  });

  const form = h('form', { class: 'search', role: 'search', onsubmit: (e) => { e.preventDefault(); run(); } },
    h('div', { class: 'field grow' }, h('label', { for: 'search-name' }, 'Name'), name),
    h('div', { class: 'field' }, h('label', { for: 'search-type' }, 'Type'), type),
    h('div', { class: 'field narrow' }, h('label', { for: 'search-country' }, 'Country'), country),
    h('div', { class: 'field narrow' }, h('label', { for: 'search-dob' }, 'Born'), dob),
    h('div', { class: 'field' }, h('label', { for: 'search-id' }, 'Identifier'), ident));
  const page = h('div', {},
    h('h1', {}, 'Search'),
    h('p', { class: 'muted', id: 'search-help' }, 'Hits appear as you type, best first. Press / to come back here, ↓ and ↑ to move, Enter to open.'),
    form, status, hits);
  if (state.result) renderHits(hits, status, state.result, state.name, state.ms);
  else if (state.name) run();
  else status.textContent = 'Type a name to screen it against every list.';
  return page;
}

function renderHits(list, status, result, query, ms) {
  const found = result.hits || [];
  status.textContent = `${found.length} ${found.length === 1 ? 'hit' : 'hits'} in ${Math.round(ms)} ms`;
  status.dataset.ms = String(ms);
  list.replaceChildren();
  for (const hit of found) {
    const band = hit.score >= 0.9 ? 'high' : hit.score >= 0.8 ? 'mid' : 'low';
    add(list, h('li', { class: 'hit card' },
      h('div', { class: 'hit-head' },
        h('span', { class: 'score ' + band, title: 'score ' + hit.score }, percent(hit.score)),
        h('div', { class: 'hit-title' },
          add(entityLink(hit.entity_id, hit.name), []),
          h('span', { class: 'muted small' }, ' ', hit.type && hit.type !== 'unknown' ? hit.type : '', ' · ', hit.entity_id)),
      ),
      h('div', { class: 'chips' },
        (hit.lists || []).map((l) => h('span', { class: 'chip' }, l)),
        (hit.programs || []).map((p) => h('span', { class: 'chip program' }, p))),
      comparison(query, hit.explanation)));
    list.lastChild.querySelector('a').classList.add('hit-link');
  }
}
