// The side-by-side of a query and a listed name: aligned tokens in columns, colour by how they
// matched, and every adjustment of the score in words.
import { h, percent } from './dom.js';

const HOW = {
  exact: 'same word',
  variant: 'known variant',
  edit: 'spelling differs',
  phonetic: 'sounds alike',
  initial: 'initial',
  joined: 'joined or split',
  residual: 'partly matched',
  unmatched: 'not matched',
};

function tokenWords(token) {
  const how = HOW[token.how] || token.how || 'not matched';
  if (!token.query) return `“${token.candidate}” in the listed name has no counterpart in the query`;
  if (!token.candidate) return `“${token.query}” in the query has no counterpart in the listed name`;
  if (token.how === 'exact') return `“${token.query}” is the same word`;
  return `“${token.query}” ≈ “${token.candidate}”: ${how} (${percent(token.similarity)})`;
}

export function comparison(query, explanation) {
  if (!explanation) return null;
  const tokens = explanation.tokens || [];
  const cols = tokens.map((token) => {
    const kind = !token.query || !token.candidate ? 'none' : token.how === 'exact' ? 'exact' : 'near';
    return h('div', { class: 'tok ' + kind, title: tokenWords(token) },
      h('span', { class: 'q' }, token.query || '—'),
      h('span', { class: 'c' }, token.candidate || '—'),
      h('span', { class: 'how' }, HOW[token.how] || token.how || ''));
  });
  const words = [];
  for (const token of tokens) {
    if (token.how !== 'exact') words.push(tokenWords(token));
  }
  if (explanation.legal_forms) words.push('legal forms compared separately (' + explanation.legal_forms + ')');
  if (explanation.matched_kind && explanation.matched_kind !== 'primary') {
    words.push('matched a listed ' + explanation.matched_kind.replace('_', ' ') + ' name');
  }
  for (const adjustment of explanation.adjustments || []) {
    const delta = typeof adjustment.delta === 'number'
      ? ` (${adjustment.delta > 0 ? '+' : '−'}${Math.abs(Math.round(adjustment.delta * 100))} points)` : '';
    words.push(adjustment.what + delta);
  }
  return h('div', { class: 'compare' },
    h('div', { class: 'sides' },
      h('div', {}, h('span', { class: 'label' }, 'Query '), h('span', { class: 'name' }, query)),
      h('div', {}, h('span', { class: 'label' }, 'Listed '), h('span', { class: 'name' }, explanation.matched_name || ''))),
    h('div', { class: 'tokens', role: 'group', 'aria-label': 'Aligned tokens: query above, listed name below' }, cols),
    words.length ? h('ul', { class: 'why' }, words.map((w) => h('li', {}, w))) : null);
}
