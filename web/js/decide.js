// Decide: a transaction from a form (parties with roles and owners, items with ECCN and origin,
// securities, devices) or pasted JSON; the outcome, every finding with its citation, the items'
// licence table, and the ownership chains with their percentages.
import { api } from './api.js';
import { h, add, entityLink, errorBox, section, table } from './dom.js';

const TYPES = ['export', 'reexport', 'transfer', 'payment', 'investment', 'procurement', 'onboarding'];
const ROLES = ['exporter', 'purchaser', 'intermediate_consignee', 'ultimate_consignee', 'end_user', 'forwarding_agent',
  'originator', 'beneficiary', 'originator_bank', 'beneficiary_bank', 'intermediary_bank', 'investor', 'issuer',
  'vendor', 'manufacturer', 'customer'];
let rowId = 0;

function partyRow(party = {}) {
  const n = ++rowId;
  const row = h('div', { class: 'row party' },
    h('div', { class: 'field' }, h('label', { for: 'p-role-' + n }, 'Role'),
      h('select', { id: 'p-role-' + n, class: 'p-role' }, ROLES.map((r) => h('option', { value: r, selected: r === (party.role || 'ultimate_consignee') }, r.replace(/_/g, ' '))))),
    h('div', { class: 'field grow' }, h('label', { for: 'p-name-' + n }, 'Name'), h('input', { id: 'p-name-' + n, class: 'p-name', autocomplete: 'off', value: party.name || '' })),
    h('div', { class: 'field narrow' }, h('label', { for: 'p-country-' + n }, 'Country'), h('input', { id: 'p-country-' + n, class: 'p-country', autocomplete: 'off', value: party.country || '' })),
    h('button', { type: 'button', class: 'quiet remove', 'aria-label': 'Remove party', onclick: () => row.remove() }, '×'),
    ownersBlock(party.owners, 0, '+ Owner'));
  return row;
}

// Owners (the OFAC 50 % rule, the BIS Affiliates rule): each with a share and, in turn, owners.
const MAX_OWNER_DEPTH = 4;

function ownersBlock(owners, depth, addText) {
  const list = h('div', { class: 'owners' }, (owners || []).map((o) => ownerRow(o, depth)));
  return h('div', { class: 'owners-block' }, list,
    h('button', { type: 'button', class: 'quiet add-owner', onclick: () => {
      const row = ownerRow({}, depth);
      list.append(row);
      row.querySelector('.o-name').focus();
    } }, addText));
}

function ownerRow(owner = {}, depth = 0) {
  const n = ++rowId;
  const row = h('div', { class: 'owner-row' },
    h('div', { class: 'row' },
      h('div', { class: 'field grow' }, h('label', { for: 'o-name-' + n }, 'Owner'), h('input', { id: 'o-name-' + n, class: 'o-name', autocomplete: 'off', value: owner.name || '' })),
      h('div', { class: 'field narrow' }, h('label', { for: 'o-pct-' + n }, 'Share %'), h('input', { id: 'o-pct-' + n, class: 'o-pct', type: 'number', min: 0, max: 100, step: 'any', inputmode: 'decimal', value: owner.percent ?? '' })),
      h('div', { class: 'field narrow' }, h('label', { for: 'o-country-' + n }, 'Owner country'), h('input', { id: 'o-country-' + n, class: 'o-country', autocomplete: 'off', value: owner.country || '' })),
      h('button', { type: 'button', class: 'quiet remove', 'aria-label': 'Remove owner', onclick: () => row.remove() }, '×')),
    depth + 1 < MAX_OWNER_DEPTH ? ownersBlock(owner.owners, depth + 1, '+ Owner of this owner') : null);
  return row;
}

// The owners under a block, as the transaction's "owners" arrays (rows without a name dropped).
function ownersOf(block) {
  const list = block && block.querySelector(':scope > .owners');
  if (!list) return [];
  return [...list.children].map((row) => {
    const o = { name: row.querySelector(':scope > .row .o-name').value.trim() };
    const pct = row.querySelector(':scope > .row .o-pct').value;
    o.percent = pct === '' ? 0 : Number(pct);
    const country = row.querySelector(':scope > .row .o-country').value.trim();
    if (country) o.country = country;
    const sub = ownersOf(row.querySelector(':scope > .owners-block'));
    if (sub.length) o.owners = sub;
    return o;
  }).filter((o) => o.name);
}

function itemRow(item = {}) {
  const n = ++rowId;
  const row = h('div', { class: 'row item' },
    h('div', { class: 'field grow' }, h('label', { for: 'i-desc-' + n }, 'Item'), h('input', { id: 'i-desc-' + n, class: 'i-desc', autocomplete: 'off', value: item.description || '' })),
    h('div', { class: 'field' }, h('label', { for: 'i-eccn-' + n }, 'ECCN'), h('input', { id: 'i-eccn-' + n, class: 'i-eccn', autocomplete: 'off', value: item.eccn || '', placeholder: 'EAR99' })),
    h('div', { class: 'field narrow' }, h('label', { for: 'i-origin-' + n }, 'Origin'), h('input', { id: 'i-origin-' + n, class: 'i-origin', autocomplete: 'off', value: item.origin || '' })),
    h('button', { type: 'button', class: 'quiet remove', 'aria-label': 'Remove item', onclick: () => row.remove() }, '×'));
  return row;
}

function securityRow(security = {}) {
  const n = ++rowId;
  const row = h('div', { class: 'row security' },
    h('div', { class: 'field grow' }, h('label', { for: 's-isin-' + n }, 'ISIN'), h('input', { id: 's-isin-' + n, class: 's-isin', autocomplete: 'off', value: security.isin || '', placeholder: 'CNE100000PM8' })),
    h('div', { class: 'field' }, h('label', { for: 's-action-' + n }, 'Action'),
      h('select', { id: 's-action-' + n, class: 's-action' }, ['buy', 'sell'].map((a) => h('option', { value: a }, a)))),
    h('button', { type: 'button', class: 'quiet remove', 'aria-label': 'Remove security', onclick: () => row.remove() }, '×'));
  return row;
}

function deviceRow(device = {}) {
  const n = ++rowId;
  const row = h('div', { class: 'row device' },
    h('div', { class: 'field' }, h('label', { for: 'v-mac-' + n }, 'MAC address'), h('input', { id: 'v-mac-' + n, class: 'v-mac', autocomplete: 'off', value: device.mac || '', placeholder: '44:19:B6:00:00:01' })),
    h('div', { class: 'field' }, h('label', { for: 'v-brand-' + n }, 'Brand'), h('input', { id: 'v-brand-' + n, class: 'v-brand', autocomplete: 'off', value: device.brand || '' })),
    h('div', { class: 'field grow' }, h('label', { for: 'v-model-' + n }, 'Model'), h('input', { id: 'v-model-' + n, class: 'v-model', autocomplete: 'off', value: device.model || '' })),
    h('button', { type: 'button', class: 'quiet remove', 'aria-label': 'Remove device', onclick: () => row.remove() }, '×'));
  return row;
}

function fromForm(form) {
  const tx = { type: form.querySelector('#t-type').value, date: form.querySelector('#t-date').value };
  const destination = form.querySelector('#t-dest').value.trim();
  if (destination) tx.destination = destination;
  // NDAA s.889 binds federal agencies, their contractors and grantees only (docs/rules.md).
  if (form.querySelector('#t-federal').checked) tx.federal = true;
  tx.parties = [...form.querySelectorAll('.party')].map((row) => {
    const p = { role: row.querySelector('.p-role').value, name: row.querySelector('.p-name').value.trim() };
    const c = row.querySelector('.p-country').value.trim();
    if (c) p.country = c;
    const owners = ownersOf(row.querySelector(':scope > .owners-block'));
    if (owners.length) p.owners = owners;
    return p;
  }).filter((p) => p.name);
  tx.items = [...form.querySelectorAll('.item')].map((row) => {
    const i = { description: row.querySelector('.i-desc').value.trim(), eccn: row.querySelector('.i-eccn').value.trim() };
    const o = row.querySelector('.i-origin').value.trim();
    if (o) i.origin = o;
    return i;
  }).filter((i) => i.description || i.eccn);
  if (tx.type === 'investment') {
    tx.securities = [...form.querySelectorAll('.security')].map((row) => ({
      isin: row.querySelector('.s-isin').value.trim(), action: row.querySelector('.s-action').value,
    })).filter((x) => x.isin);
  }
  if (tx.type === 'procurement') {
    tx.devices = [...form.querySelectorAll('.device')].map((row) => {
      const d = { mac: row.querySelector('.v-mac').value.trim() };
      const brand = row.querySelector('.v-brand').value.trim();
      const model = row.querySelector('.v-model').value.trim();
      if (brand) d.brand = brand;
      if (model) d.model = model;
      return d;
    }).filter((d) => d.mac || d.brand);
  }
  return tx;
}

export function decideView() {
  const result = h('div', { 'aria-live': 'polite', id: 'decision' });
  const parties = h('div', {}, partyRow({ role: 'exporter', name: '', country: 'US' }), partyRow());
  const items = h('div', {}, itemRow({ origin: 'US' }));
  const securities = h('div', {}, securityRow());
  const devices = h('div', {}, deviceRow());
  const securitiesPart = h('div', { hidden: true },
    h('h2', {}, 'Securities'), securities,
    h('button', { type: 'button', class: 'quiet', onclick: () => securities.append(securityRow()) }, '+ Security'));
  const devicesPart = h('div', { hidden: true },
    h('h2', {}, 'Devices'), devices,
    h('button', { type: 'button', class: 'quiet', onclick: () => devices.append(deviceRow()) }, '+ Device'));
  const typeSelect = h('select', { id: 't-type' }, TYPES.map((t) => h('option', { value: t }, t)));
  typeSelect.addEventListener('change', () => {
    securitiesPart.hidden = typeSelect.value !== 'investment';
    devicesPart.hidden = typeSelect.value !== 'procurement';
  });
  const json = h('textarea', { id: 't-json', rows: 12, spellcheck: 'false', class: 'mono' });
  const useJson = h('input', { type: 'checkbox', id: 't-use-json' });
  const formPart = h('div', { class: 'form-part' },
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 't-type' }, 'Transaction'), typeSelect),
      h('div', { class: 'field' }, h('label', { for: 't-date' }, 'Date'), h('input', { id: 't-date', type: 'date', value: new Date().toISOString().slice(0, 10) })),
      h('div', { class: 'field narrow' }, h('label', { for: 't-dest' }, 'Destination'), h('input', { id: 't-dest', autocomplete: 'off' }))),
    h('div', { class: 'radio' }, h('input', { type: 'checkbox', id: 't-federal' }),
      h('label', { for: 't-federal' }, 'Federal agency, contractor or grant involved (NDAA §889)')),
    h('h2', {}, 'Parties'), parties,
    h('button', { type: 'button', class: 'quiet', onclick: () => parties.append(partyRow()) }, '+ Party'),
    h('h2', {}, 'Items'), items,
    h('button', { type: 'button', class: 'quiet', onclick: () => items.append(itemRow()) }, '+ Item'),
    securitiesPart, devicesPart);
  const jsonPart = h('div', { class: 'json-part', hidden: true },
    h('label', { for: 't-json' }, 'Transaction as JSON (docs/architecture.md)'), json);
  useJson.addEventListener('change', () => {
    if (useJson.checked && !json.value) json.value = JSON.stringify(fromForm(form), null, 2);
    formPart.hidden = useJson.checked;
    jsonPart.hidden = !useJson.checked;
  });
  const form = h('form', { class: 'card decide', onsubmit: async (e) => {
    e.preventDefault();
    result.replaceChildren(h('p', { class: 'muted' }, 'Deciding…'));
    try {
      let body;
      if (useJson.checked) {
        try { body = JSON.parse(json.value); } catch (error) { throw new Error('The JSON does not parse: ' + error.message); }
      } else body = fromForm(form);
      const decision = await api('POST', '/v1/decide', body);
      result.replaceChildren(renderDecision(decision));
      const chains = await ownershipChains(body, decision);
      if (chains) result.append(chains);
    } catch (error) { result.replaceChildren(errorBox(error)); }
  } },
  h('div', { class: 'radio' }, useJson, h('label', { for: 't-use-json' }, 'Paste JSON instead of the form')),
  formPart, jsonPart,
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Decide')));
  return h('div', {}, h('h1', {}, 'Decide a transaction'),
    h('p', { class: 'muted' }, 'What the lists mean for this transaction on its date, with the rule and citation behind each finding.'),
    form, result);
}

function renderDecision(d) {
  const findings = [];
  for (const party of d.parties || []) {
    for (const f of party.findings || []) findings.push({ ...f, role: party.role, party: party.name });
  }
  for (const security of d.securities || []) {
    for (const f of security.findings || []) findings.push({ ...f, role: 'security · ' + (security.action || ''), party: security.isin || '' });
  }
  for (const device of d.devices || []) {
    const what = [device.brand, device.model, device.mac].filter(Boolean).join(' ');
    for (const f of device.findings || []) findings.push({ ...f, role: 'device', party: what });
  }
  return h('div', { class: 'decision' },
    h('section', { class: 'card outcome outcome-' + d.outcome },
      h('h2', {}, 'Outcome: ', h('span', { class: 'badge outcome-badge' }, (d.outcome || '').replace('_', ' '))),
      h('p', { class: 'muted' }, 'As of ', d.as_of || ''),
      h('details', {}, h('summary', {}, 'Full explanation'), h('p', { class: 'explanation' }, d.explanation || ''))),
    section('Findings', findings.length ? table([
      { label: 'Effect', cell: (f) => h('span', { class: 'badge outcome-' + f.effect }, (f.effect || '').replace('_', ' ')) },
      { label: 'Party', cell: (f) => [f.party || '', h('br'), h('span', { class: 'muted small' }, (f.role || '').replace(/_/g, ' '))] },
      { label: 'Listed as', cell: (f) => (f.entity_id ? entityLink(f.entity_id, f.entity_name || f.entity_id) : '') },
      { label: 'List', cell: (f) => f.list || '' },
      { label: 'Citation', cell: (f) => h('span', { class: 'citation' }, f.citation || '') },
      { label: 'Why', cell: (f) => h('span', { class: 'small' }, f.reason || '') },
    ], findings) : h('p', { class: 'muted' }, 'No findings: no party matched a list that affects this transaction.')),
    (d.items || []).length ? section('Items', table([
      { label: 'Item', cell: (i) => i.description || '' },
      { label: 'ECCN', cell: (i) => h('code', {}, i.eccn || '') },
      { label: 'Subject to EAR', cell: (i) => (i.subject_to_ear ? 'yes' : 'no') },
      { label: 'Licence', cell: (i) => (i.license_required ? 'required' : 'not required') },
      { label: 'Review policy', cell: (i) => (i.review_policy || '').replace(/_/g, ' ') },
      { label: 'Reason', cell: (i) => h('span', { class: 'small' }, i.reason || '') },
    ], d.items)) : null);
}

// The ownership chains of the submitted parties (the 50 % rules), with the percentages, each
// owner screened at the alert threshold to show who is listed, and under each chain the
// decision's own ownership findings (the aggregate the rules computed).
async function ownershipChains(tx, decision) {
  const all = Array.isArray(tx && tx.parties) ? tx.parties : [];
  const verdicts = new Map(all.map((p, i) => [p, ((decision.parties || [])[i] || {}).findings || []]));
  const parties = all.filter((p) => Array.isArray(p.owners) && p.owners.length);
  if (!parties.length) return null;
  const names = new Set();
  const collect = (owners, depth) => {
    for (const o of owners || []) {
      if (o && typeof o.name === 'string') names.add(o.name);
      if (depth < 8 && Array.isArray(o.owners)) collect(o.owners, depth + 1);
    }
  };
  for (const p of parties) collect(p.owners, 0);
  const listed = new Map();
  await Promise.all([...names].slice(0, 50).map(async (name) => {
    try {
      const r = await api('POST', '/v1/screen', { name, limit: 1 });
      if (r.hits && r.hits.length) listed.set(name, r.hits[0]);
    } catch { /* shown as not screened */ }
  }));
  const node = (o, depth) => {
    const hit = listed.get(o.name);
    return h('li', {},
      h('div', { class: 'owner' + (hit ? ' listed' : '') },
        h('span', { class: 'pct' }, typeof o.percent === 'number' ? o.percent + ' %' : '? %'),
        h('span', { class: 'owner-name' }, String(o.name ?? '')),
        hit ? h('span', { class: 'badge outcome-blocked' }, 'listed') : null,
        hit ? h('span', { class: 'small muted' }, ' as ', entityLink(hit.entity_id, hit.name), ` (${(hit.lists || []).join('; ')}, score ${hit.score.toFixed(2)})`) : null),
      depth < 8 && Array.isArray(o.owners) && o.owners.length ? h('ul', { class: 'tree' }, o.owners.map((c) => node(c, depth + 1))) : null);
  };
  return section('Ownership', h('p', { class: 'muted small' }, 'Who owns each party, as submitted; each owner screened against the lists at the alert threshold.'),
    parties.map((p) => h('ul', { class: 'tree root' }, h('li', {},
      h('div', { class: 'owner party-node' }, h('span', { class: 'owner-name' }, String(p.name ?? '')), h('span', { class: 'small muted' }, ' ', String(p.role ?? '').replace(/_/g, ' '))),
      h('ul', { class: 'tree' }, p.owners.map((o) => node(o, 0))),
      verdicts.get(p).filter((f) => /owned by listed parties/.test(f.reason || '')).map((f) =>
        h('p', { class: 'ownership-finding small' }, h('span', { class: 'badge outcome-' + f.effect }, (f.effect || '').replace(/_/g, ' ')), ' ', f.reason))))));
}
