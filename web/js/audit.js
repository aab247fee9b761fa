// Audit: whether the hash chain verifies, and the trail itself, newest first, filtered by kind,
// actor and dates, in pages (GET /v1/audit, GET /v1/audit/verify; approvers and admins).
import { api } from './api.js';
import { h, add, errorBox, link, table } from './dom.js';

const KINDS = ['screening', 'decision', 'disposition', 'approval', 'send_back', 'import',
  'import_request', 'key_created', 'key_revoked'];
const filters = { kind: '', actor: '', since: '', until: '' };

function names(queries) {
  if (Array.isArray(queries)) return queries.map((q) => q && q.name).filter(Boolean);
  if (queries && typeof queries === 'object') {  // yente: {"q1": {"example": {...}}}
    return Object.values(queries).map((q) => {
      const name = q && q.example && q.example.properties && q.example.properties.name;
      return Array.isArray(name) ? name[0] : '';
    }).filter(Boolean);
  }
  return [];
}

// One line in words for the common kinds; the full payload is one click away.
function summary(entry) {
  const p = entry.payload && typeof entry.payload === 'object' ? entry.payload : {};
  const alert = p.alert_id ? ['alert ', link('/alerts/' + p.alert_id, '#' + p.alert_id), ' '] : [];
  switch (entry.kind) {
    case 'screening': {
      const n = names(p.queries);
      return n.length ? `screened ${n.slice(0, 3).map((x) => `“${x}”`).join(', ')}${n.length > 3 ? ` and ${n.length - 3} more` : ''}` : 'screening';
    }
    case 'decision': {
      const tx = p.transaction && typeof p.transaction === 'object' ? p.transaction : {};
      return `${tx.type || 'transaction'}${p.as_of ? ' as of ' + p.as_of : ''} → ${(p.outcome || '').replace(/_/g, ' ')}`;
    }
    case 'disposition': return [...alert, `proposed ${(p.disposition || '').replace(/_/g, ' ')}`, p.comment ? h('q', {}, p.comment) : null];
    case 'approval': return [...alert, `approved ${(p.disposition || '').replace(/_/g, ' ')} by ${p.disposed_by || '?'}`];
    case 'send_back': return [...alert, `sent back ${(p.disposition || '').replace(/_/g, ' ')} by ${p.disposed_by || '?'}`, p.comment ? h('q', {}, p.comment) : null];
    case 'import': return `${p.list_id || ''} version ${p.version ?? '?'}: ${p.entities ?? '?'} entities`;
    case 'key_created': return `key ${p.key_id || ''} for ${p.name || '?'} (${p.role || ''})`;
    case 'key_revoked': return `key ${p.key_id || ''} revoked`;
    default: return '';
  }
}

function payloadDetails(entry) {
  return h('details', { class: 'payload' }, h('summary', {}, 'Entry'),
    h('pre', { class: 'mono small' }, JSON.stringify(entry.payload, null, 2)),
    h('p', { class: 'small muted hash' }, 'hash ', h('code', {}, entry.hash), h('br'), 'previous ', h('code', {}, entry.prev_hash)));
}

async function verdictCard() {
  const box = h('section', { class: 'card verdict', 'aria-live': 'polite' }, h('h2', {}, 'Chain'));
  const message = h('div');
  const check = async () => {
    message.replaceChildren(h('p', { class: 'muted' }, 'Verifying…'));
    try {
      const v = await api('GET', '/v1/audit/verify');
      message.replaceChildren(v.intact
        ? h('p', { class: 'chain-ok' }, h('span', { class: 'badge state-closed' }, 'intact'),
          ` Every one of the ${v.entries.toLocaleString()} entries holds the hash of the one before it, and each entry's content matches its own hash.`)
        : h('p', { class: 'chain-broken', role: 'alert' }, h('span', { class: 'badge outcome-blocked' }, 'broken'),
          ` At entry ${v.first_broken}: ${v.reason}. Entries before it verify; nothing after it can be trusted until this is explained.`));
    } catch (error) { message.replaceChildren(errorBox(error)); }
  };
  add(box, [message, h('button', { type: 'button', class: 'quiet', onclick: check }, 'Verify again')]);
  await check();
  return box;
}

export async function auditView() {
  const results = h('div', { 'aria-live': 'polite' });
  const kind = h('select', { id: 'a-kind' }, [h('option', { value: '' }, 'any kind'),
    ...KINDS.map((k) => h('option', { value: k, selected: filters.kind === k }, k.replace(/_/g, ' ')))]);
  const actor = h('input', { id: 'a-actor', autocomplete: 'off', value: filters.actor, placeholder: 'key id' });
  const since = h('input', { id: 'a-since', type: 'date', value: filters.since });
  const until = h('input', { id: 'a-until', type: 'date', value: filters.until });
  let before = '';
  let latest = 0;  // a filter changed while a request was out: only the newest answer is shown
  const load = async (more) => {
    const mine = ++latest;
    Object.assign(filters, { kind: kind.value, actor: actor.value.trim(), since: since.value, until: until.value });
    const params = new URLSearchParams({ limit: '50' });
    for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
    if (more && before) params.set('before', before);
    try {
      const page = await api('GET', '/v1/audit?' + params.toString());
      if (mine !== latest) return;
      const rows = page.entries || [];
      before = page.next ? String(page.next) : '';
      const body = table([
        { label: 'Entry', cell: (e) => String(e.seq), class: 'num' },
        { label: 'When (UTC)', cell: (e) => (e.at || '').replace('T', ' ').slice(0, 19) },
        { label: 'Kind', cell: (e) => h('span', { class: 'badge' }, e.kind.replace(/_/g, ' ')) },
        { label: 'Who', cell: (e) => [e.actor_name || e.actor, e.actor_name ? h('span', { class: 'muted small' }, ' ', e.actor) : null] },
        { label: 'What', cell: (e) => [h('div', {}, summary(e)), payloadDetails(e)] },
      ], rows);
      if (more) results.querySelector('tbody').append(...body.querySelectorAll('tbody tr'));
      else results.replaceChildren(rows.length ? body : h('p', { class: 'muted' }, 'No entries match these filters.'));
      results.querySelector('.more')?.remove();
      if (before) add(results, h('button', { type: 'button', class: 'more quiet', onclick: () => load(true) }, 'Older entries'));
    } catch (error) {
      if (mine === latest) results.replaceChildren(errorBox(error));
    }
  };
  const form = h('form', { class: 'filters card', onsubmit: (e) => { e.preventDefault(); load(false); } },
    h('div', { class: 'field' }, h('label', { for: 'a-kind' }, 'Kind'), kind),
    h('div', { class: 'field' }, h('label', { for: 'a-actor' }, 'Actor'), actor),
    h('div', { class: 'field' }, h('label', { for: 'a-since' }, 'From'), since),
    h('div', { class: 'field' }, h('label', { for: 'a-until' }, 'Until'), until),
    h('button', { type: 'submit' }, 'Filter'));
  kind.addEventListener('change', () => load(false));
  const [verdict] = await Promise.all([verdictCard(), load(false)]);
  return h('div', {}, h('h1', {}, 'Audit trail'),
    h('p', { class: 'muted' }, 'Every screening and decision made through the API, every disposition, approval and send-back, list imports and key changes — each entry chained to the one before it by its SHA-256.'),
    verdict, form, results);
}
