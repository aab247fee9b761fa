// Entity page: every field GET /v1/entities/{id} returns, the other lists of the same party, and
// its history across the versions of its list (GET /v1/entities/{id}/history) — also for an
// entity that is no longer listed.
import { api } from './api.js';
import { h, entityLink, errorBox, facts, safeUrl, section, table } from './dom.js';

const SHOWN = new Set(['id', 'list_id', 'native_id', 'type', 'name', 'names', 'addresses', 'identifiers',
  'birth_dates', 'places_of_birth', 'nationalities', 'citizenships', 'gender', 'titles', 'listings',
  'links', 'vessel', 'aircraft', 'same_party']);

function dateText(d) {
  if (typeof d !== 'object' || d === null) return String(d);
  const span = d.from && d.to && d.from !== d.to ? `${d.from} to ${d.to}` : (d.from || d.raw || '');
  return (d.circa ? 'circa ' : '') + span + (d.raw && d.raw !== span ? ` (“${d.raw}”)` : '');
}

function valueText(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function entityPath(id) {
  return '/v1/entities/' + encodeURIComponent(id).replace(/%3A/g, ':');
}

const KIND_TEXT = { added: 'added to the list', changed: 'changed', removed: 'removed from the list' };

// The history as a timeline, newest first: each version where something happened to the entity.
export async function historySection(id) {
  let data;
  try {
    data = await api('GET', entityPath(id) + '/history');
  } catch (error) {
    return section('History', errorBox(error));
  }
  const steps = (data.history || []).slice().reverse();
  const when = (s) => [s.published ? 'published ' + s.published : null,
    s.imported_at ? 'imported ' + s.imported_at.replace('T', ' ').slice(0, 16) + ' UTC' : null].filter(Boolean).join(', ');
  return section('History',
    h('p', { class: 'muted small' }, `Across ${data.versions_of_list} version${data.versions_of_list === 1 ? '' : 's'} of ${data.list_id}: every version in which this entity was added, changed or removed.`),
    h('ol', { class: 'timeline' }, steps.map((s) => h('li', { class: 'step step-' + s.kind },
      h('div', { class: 'step-head' }, h('span', { class: 'badge kind-' + s.kind }, KIND_TEXT[s.kind] || s.kind),
        ' ', h('strong', {}, 'version ' + s.version), ' ', h('span', { class: 'muted small' }, when(s))),
      (s.changes || []).length ? table([
        { label: 'Field', cell: (c) => h('code', {}, c.field) },
        { label: 'Before', cell: (c) => (c.old ? h('del', {}, c.old) : '—') },
        { label: 'After', cell: (c) => (c.new ? h('ins', {}, c.new) : '—') },
      ], s.changes) : null))));
}

export async function entityView(id) {
  let e;
  try {
    e = await api('GET', entityPath(id));
  } catch (error) {
    // Not in the active lists: it may have been removed; its history says when and what it was.
    if (error.status !== 404) throw error;
    return h('div', { class: 'entity' }, h('p', { class: 'crumbs' }, h('a', { href: '#/search' }, '← Search')),
      h('h1', {}, id), h('p', { class: 'muted' }, 'This entity is not in the lists being served.'), await historySection(id));
  }
  const parts = [h('p', { class: 'crumbs' }, h('a', { href: '#/search' }, '← Search')),
    h('h1', {}, e.name),
    facts([['Entity', e.id], ['List', e.list_id], ['Native id', e.native_id], ['Type', e.type],
      ['Gender', e.gender], ['Titles', e.titles], ['Nationalities', e.nationalities],
      ['Citizenships', e.citizenships], ['Born', (e.birth_dates || []).map(dateText)],
      ['Place of birth', e.places_of_birth]])];
  if (e.same_party && e.same_party.length) {
    parts.push(section('Same party on other lists', h('ul', { class: 'plain' }, e.same_party.map((other) => h('li', {}, entityLink(other))))));
  }
  if (e.names) {
    parts.push(section('Names', table([
      { label: 'Name', cell: (n) => h('span', { lang: n.language || null }, n.full) },
      { label: 'Kind', cell: (n) => n.kind.replace('_', ' ') },
      { label: 'Script', cell: (n) => n.script || '' },
      { label: 'Given / family', cell: (n) => [n.given, n.family].filter(Boolean).join(' / ') },
    ], e.names)));
  }
  for (const listing of e.listings || []) {
    parts.push(section('Listing: ' + (listing.list_name || listing.list_id), facts([
      ['List', listing.list_id + (listing.list_code ? ' (' + listing.list_code + ')' : '')],
      ['Programs', listing.programs], ['Listed since', listing.start], ['Listed until', listing.end],
      ['Divestment by', listing.divestment], ['Federal Register', listing.federal_register],
      ['Licence requirement', listing.license_requirement], ['Review policy', listing.license_policy],
      ['Standard order', listing.standard_order], ['Action', listing.action],
      ['Source', listing.source_url ? safeUrl(listing.source_url) : ''], ['Remarks', listing.remarks]])));
  }
  if (e.addresses) {
    parts.push(section('Addresses', table([
      { label: 'Address', cell: (a) => a.full || [a.street, a.city, a.state, a.postal_code].filter(Boolean).join(', ') },
      { label: 'Country', cell: (a) => a.country || a.country_raw || '' },
    ], e.addresses)));
  }
  if (e.identifiers) {
    parts.push(section('Identifiers', table([
      { label: 'Type', cell: (i) => i.type_raw || i.type },
      { label: 'Value', cell: (i) => h('code', {}, i.value) },
      { label: 'Country', cell: (i) => i.country || '' },
      { label: 'Note', cell: (i) => [i.scheme, i.note].filter(Boolean).join('; ') },
    ], e.identifiers)));
  }
  if (e.links) {
    parts.push(section('Links', table([
      { label: 'Relation', cell: (l) => l.relation.replace(/_/g, ' ') },
      { label: 'Party', cell: (l) => (l.target_id ? entityLink(l.target_id, l.target_name || l.target_id) : l.target_name || '') },
      { label: 'Share', cell: (l) => (typeof l.percent === 'number' ? l.percent + ' %' : '') },
    ], e.links)));
  }
  for (const key of ['vessel', 'aircraft']) {
    if (e[key]) parts.push(section(key === 'vessel' ? 'Vessel' : 'Aircraft', facts(Object.entries(e[key]).map(([k, v]) => [k.replace(/_/g, ' '), valueText(v)]))));
  }
  const other = Object.entries(e).filter(([k]) => !SHOWN.has(k));
  if (other.length) parts.push(section('Other fields', facts(other.map(([k, v]) => [k, valueText(v)]))));
  parts.push(await historySection(e.id));
  return h('div', { class: 'entity' }, parts);
}
