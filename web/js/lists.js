// Lists: the active version of each list, and every version of one.
import { api } from './api.js';
import { h, add, entityLink, section, table } from './dom.js';

function age(date) {
  if (!date) return '';
  const days = Math.floor((Date.now() - Date.parse(date)) / 86400000);
  return Number.isFinite(days) ? days + ' d' : '';
}

export async function listsView() {
  const data = await api('GET', '/v1/lists');
  const versions = h('div', { 'aria-live': 'polite' });
  const diff = h('div', { 'aria-live': 'polite' });
  const showDiff = async (id, from, to) => {
    const params = new URLSearchParams({ from: String(from), to: String(to) });
    const d = await api('GET', '/v1/lists/' + encodeURIComponent(id) + '/diff?' + params.toString());
    const counts = d.counts || {};
    diff.replaceChildren(section(`Changes in ${id} from version ${d.from} to ${d.to}`,
      h('p', {}, `${counts.added ?? 0} added, ${counts.removed ?? 0} removed, ${counts.changed ?? 0} changed, ${counts.unchanged ?? 0} unchanged`),
      (d.added || []).length ? table([
        { label: 'Added', cell: (e) => entityLink(e.id, e.name || e.id) },
        { label: 'Entity', cell: (e) => e.id },
      ], d.added) : null,
      (d.removed || []).length ? table([
        { label: 'Removed', cell: (e) => entityLink(e.id, e.name || e.id) },
        { label: 'Entity', cell: (e) => e.id },
      ], d.removed) : null,
      (d.changed || []).length ? table([
        { label: 'Changed', cell: (c) => entityLink(c.entity.id, c.entity.name || c.entity.id) },
        { label: 'Field', cell: (c) => c.field },
        { label: 'Before', cell: (c) => h('del', {}, c.old ?? '') },
        { label: 'After', cell: (c) => h('ins', {}, c.new ?? '') },
      ], (d.changed || []).flatMap((e) => (e.changes || []).map((c) => ({ ...c, entity: e })))) : null));
  };
  const show = async (id) => {
    const result = await api('GET', '/v1/lists/' + encodeURIComponent(id) + '/versions');
    const rows = (result.versions || []).slice().sort((a, b) => b.version - a.version);
    diff.replaceChildren();
    versions.replaceChildren(section('Versions of ' + id, table([
      { label: 'Version', cell: (v) => String(v.version), class: 'num' },
      { label: 'Active', cell: (v) => (v.active ? 'active' : '') },
      { label: 'Entities', cell: (v) => (v.entities ?? '').toLocaleString(), class: 'num' },
      { label: 'Published', cell: (v) => v.published || '—' },
      { label: 'Imported', cell: (v) => (v.imported_at || '').replace('T', ' ').replace('Z', ' UTC') },
      { label: 'Changes', cell: (v) => {
        const previous = rows.find((other) => other.version < v.version);
        return previous
          ? h('button', { type: 'button', class: 'linklike', onclick: () => showDiff(id, previous.version, v.version) }, `from version ${previous.version}`)
          : 'first version';
      } },
    ], rows)), diff);
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
