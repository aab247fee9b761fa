// Lists: the active version of each list, and every version of one.
import { api } from './api.js';
import { h, add, section, table } from './dom.js';

function age(date) {
  if (!date) return '';
  const days = Math.floor((Date.now() - Date.parse(date)) / 86400000);
  return Number.isFinite(days) ? days + ' d' : '';
}

export async function listsView() {
  const data = await api('GET', '/v1/lists');
  const versions = h('div', { 'aria-live': 'polite' });
  const show = async (id) => {
    const result = await api('GET', '/v1/lists/' + encodeURIComponent(id) + '/versions');
    const rows = result.versions || result.lists || [];
    versions.replaceChildren(section('Versions of ' + id, table([
      { label: 'Version', cell: (v) => String(v.version), class: 'num' },
      { label: 'Active', cell: (v) => (v.active ? 'active' : '') },
      { label: 'Entities', cell: (v) => (v.entities ?? '').toLocaleString(), class: 'num' },
      { label: 'Published', cell: (v) => v.published || '—' },
      { label: 'Imported', cell: (v) => (v.imported_at || '').replace('T', ' ').replace('Z', ' UTC') },
    ], rows)));
  };
  const rows = (data.lists || []).slice().sort((a, b) => a.list_id.localeCompare(b.list_id));
  return h('div', {},
    h('h1', {}, 'Lists'),
    h('p', { class: 'muted' }, 'The active version of each list being served. Age counts from the publication date.'),
    table([
      { label: 'List', cell: (l) => h('button', { type: 'button', class: 'linklike', onclick: () => show(l.list_id) }, l.list_id) },
      { label: 'Format', cell: (l) => l.format || '' },
      { label: 'Version', cell: (l) => String(l.version), class: 'num' },
      { label: 'Entities', cell: (l) => (l.entities ?? 0).toLocaleString(), class: 'num' },
      { label: 'Names', cell: (l) => (l.names ?? 0).toLocaleString(), class: 'num' },
      { label: 'Published', cell: (l) => l.published || '—' },
      { label: 'Age', cell: (l) => age(l.published), class: 'num' },
      { label: 'Imported', cell: (l) => (l.imported_at || '').replace('T', ' ').replace('Z', ' UTC') },
      { label: 'Warnings', cell: (l) => String(l.warnings ?? 0), class: 'num' },
    ], rows),
    add(versions, []));
}
