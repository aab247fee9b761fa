// Alerts: the queue with filters, one alert with its hit and history, the disposition form
// (analyst), and four-eyes review: approve or send back with a comment (approver; never for
// one's own disposition).
import { api, session } from './api.js';
import { h, add, entityLink, errorBox, facts, link, percent, section, table } from './dom.js';
import { comparison } from './explain.js';

const filters = { state: 'open', customer_ref: '', list: '', since: '' };
const DISPOSITIONS = [
  ['false_positive', 'False positive — not the listed party'],
  ['true_match', 'True match — the listed party'],
  ['needs_information', 'Needs information — reopen after review'],
];

function when(t) {
  return t ? t.replace('T', ' ').slice(0, 19) + ' UTC' : '';
}

function stateBadge(state) {
  return h('span', { class: 'badge state-' + state }, state.replace('_', ' '));
}

export async function alertsView() {
  const results = h('div', { 'aria-live': 'polite' });
  const state = h('select', { id: 'f-state' }, [['', 'any state'], ['open', 'open'], ['pending_approval', 'pending approval'], ['closed', 'closed']]
    .map(([v, t]) => h('option', { value: v, selected: filters.state === v }, t)));
  const customer = h('input', { id: 'f-customer', autocomplete: 'off', value: filters.customer_ref });
  const list = h('input', { id: 'f-list', autocomplete: 'off', value: filters.list, placeholder: 'us_csl' });
  const since = h('input', { id: 'f-since', type: 'date', value: filters.since });

  let after = '';
  let latest = 0;  // a filter changed while a request was out: only the newest answer is shown
  const load = async (more) => {
    const mine = ++latest;
    Object.assign(filters, { state: state.value, customer_ref: customer.value.trim(), list: list.value.trim(), since: since.value });
    const params = new URLSearchParams({ limit: '50' });
    for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
    if (more && after) params.set('after', after);
    try {
      const page = await api('GET', '/v1/alerts?' + params.toString());
      if (mine !== latest) return;
      const rows = page.alerts || [];
      after = page.next ? String(page.next) : '';
      const body = table([
        { label: 'Alert', cell: (a) => link('/alerts/' + a.alert_id, '#' + a.alert_id), class: 'num' },
        { label: 'State', cell: (a) => stateBadge(a.state) },
        { label: 'Customer', cell: (a) => a.customer_ref },
        { label: 'Listed party', cell: (a) => entityLink(a.entity_id) },
        { label: 'List', cell: (a) => a.list_id },
        { label: 'Score', cell: (a) => percent(a.best_score), class: 'num' },
        { label: 'Seen', cell: (a) => String(a.occurrences), class: 'num' },
        { label: 'Pending', cell: (a) => (a.pending ? `${a.pending.disposition.replace('_', ' ')} by ${a.pending.by}` : a.disposition ? a.disposition.replace('_', ' ') : '') },
        { label: 'Updated', cell: (a) => (a.updated_at || '').replace('T', ' ').slice(0, 16) },
      ], rows);
      if (more) results.querySelector('tbody').append(...body.querySelectorAll('tbody tr'));
      else results.replaceChildren(rows.length ? body : h('p', { class: 'muted' }, 'No alerts match these filters.'));
      results.querySelector('.more')?.remove();
      if (after) add(results, h('button', { type: 'button', class: 'more quiet', onclick: () => load(true) }, 'Load more'));
    } catch (error) {
      if (mine === latest) results.replaceChildren(errorBox(error));
    }
  };
  const form = h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); load(false); } },
    h('div', { class: 'field' }, h('label', { for: 'f-state' }, 'State'), state),
    h('div', { class: 'field' }, h('label', { for: 'f-customer' }, 'Customer ref'), customer),
    h('div', { class: 'field' }, h('label', { for: 'f-list' }, 'List'), list),
    h('div', { class: 'field' }, h('label', { for: 'f-since' }, 'Since'), since),
    h('button', { type: 'submit' }, 'Filter'));
  state.addEventListener('change', () => load(false));
  const tabs = session.can('approver')
    ? h('p', {}, h('button', { type: 'button', class: 'quiet', onclick: () => { state.value = 'pending_approval'; load(false); } }, 'Waiting for my approval'))
    : null;
  await load(false);
  return h('div', {}, h('h1', {}, 'Alerts'),
    h('p', { class: 'muted' }, 'An alert is one customer and one listed party. A disposition takes effect when a second person approves it.'),
    form, tabs, results);
}

export async function alertView(id) {
  const alert = await api('GET', '/v1/alerts/' + id);
  const history = alert.history || [];
  const lastDisposition = [...history].reverse().find((e) => e.kind === 'disposition');
  // Four-eyes as the store checks it: the same key, or the same user under another key.
  const pendingBy = (alert.pending || {}).by;
  const mine = (lastDisposition && lastDisposition.key_id === session.keyId) || (pendingBy && pendingBy === session.name);
  const sentBack = history.length && history[history.length - 1].kind === 'sent_back' ? history[history.length - 1] : null;
  const actions = h('div', { 'aria-live': 'polite' });
  const refresh = () => window.dispatchEvent(new HashChangeEvent('hashchange'));

  if (alert.state === 'open' && sentBack) {
    const d = sentBack.detail && typeof sentBack.detail === 'object' ? sentBack.detail : {};
    add(actions, h('section', { class: 'card sent-back' }, h('h2', {}, 'Sent back'),
      h('p', {}, `${sentBack.user || sentBack.key_id} sent back the proposal “${(d.disposition || '').replace(/_/g, ' ')}”:`, h('q', {}, d.comment || '')),
      h('p', { class: 'muted small' }, 'Look again and submit a disposition.')));
  }
  if (alert.state === 'open' && session.can('analyst')) {
    const comment = h('textarea', { id: 'd-comment', rows: 3, maxlength: 2000 });
    const message = h('div');
    const choices = DISPOSITIONS.map(([value, text], i) => h('div', { class: 'radio' },
      h('input', { type: 'radio', name: 'disposition', id: 'd-' + value, value, checked: i === 0 }),
      h('label', { for: 'd-' + value }, text)));
    add(actions, section('Disposition', h('form', { class: 'dispose', onsubmit: async (e) => {
      e.preventDefault();
      const chosen = e.target.querySelector('input[name=disposition]:checked').value;
      try {
        await api('POST', `/v1/alerts/${alert.alert_id}/disposition`, { disposition: chosen, comment: comment.value });
        refresh();
      } catch (error) { message.replaceChildren(errorBox(error)); }
    } }, h('fieldset', {}, h('legend', {}, 'Your conclusion'), choices),
    h('label', { for: 'd-comment' }, 'Comment (why; kept in the audit trail)'), comment,
    h('button', { type: 'submit' }, 'Submit for approval'), message)));
  }
  if (alert.state === 'pending_approval') {
    const pending = alert.pending || {};
    const what = h('p', {}, `${(pending.disposition || '').replace('_', ' ')} proposed by ${pending.by || 'someone'}`,
      pending.comment ? h('q', {}, pending.comment) : null);
    if (!session.can('approver')) {
      add(actions, section('Waiting for approval', what, h('p', { class: 'muted' }, 'An approver must confirm it.')));
    } else if (mine) {
      add(actions, section('Waiting for approval', what, h('p', { class: 'muted' }, 'You proposed this disposition; a different approver must confirm it (four-eyes).')));
    } else {
      const message = h('div');
      const reason = h('textarea', { id: 'r-comment', rows: 2, maxlength: 2000, oninput: () => message.replaceChildren() });
      const review = async (path, body) => {
        try {
          await api('POST', `/v1/alerts/${alert.alert_id}/${path}`, body);
          refresh();
        } catch (error) { message.replaceChildren(errorBox(error)); }
      };
      add(actions, section('Review', what,
        h('div', { class: 'review' },
          h('button', { type: 'button', class: 'approve', onclick: () => review('approve', '') }, 'Approve disposition'),
          h('form', { class: 'send-back', onsubmit: (e) => {
            e.preventDefault();
            if (!reason.value.trim()) {
              message.replaceChildren(errorBox('Say why it goes back: the analyst reads this comment.'));
              reason.focus();
              return;
            }
            review('send-back', { comment: reason.value });
          } },
          h('label', { for: 'r-comment' }, 'Or send it back to the analyst — why?'), reason,
          h('button', { type: 'submit', class: 'quiet' }, 'Send back'))),
        message));
    }
  }
  const hit = alert.hit && typeof alert.hit === 'object' ? alert.hit : null;
  return h('div', {},
    h('p', { class: 'crumbs' }, link('/alerts', '← Alerts')),
    h('h1', {}, `Alert #${alert.alert_id}`, ' ', stateBadge(alert.state)),
    facts([['Customer', alert.customer_ref], ['Listed party', entityLink(alert.entity_id, hit ? hit.name : alert.entity_id)],
      ['List', alert.list_id], ['Best score', percent(alert.best_score)], ['Occurrences', String(alert.occurrences)],
      ['Opened', when(alert.opened_at)], ['Updated', when(alert.updated_at)], ['Disposition', (alert.disposition || '').replace('_', ' ')],
      ['Changed since false positive', alert.changed_since_false_positive ? JSON.stringify(alert.changed_since_false_positive) : '']]),
    actions,
    hit ? section('Hit', h('p', {}, hit.name, ' ', h('span', { class: 'muted' }, (hit.lists || []).join('; '))),
      comparison(hit.explanation ? hit.explanation.query_normalized || '' : '', hit.explanation)) : null,
    section('History', table([
      { label: 'When', cell: (e) => (e.at || '').replace('T', ' ').slice(0, 19) },
      { label: 'What', cell: (e) => e.kind },
      { label: 'Who', cell: (e) => `${e.user || ''} (${e.key_id || ''})` },
      { label: 'Detail', cell: (e) => (e.detail && typeof e.detail === 'object'
        ? Object.entries(e.detail).filter(([k]) => k !== 'alert_id').map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('; ')
        : String(e.detail ?? '')) },
    ], history)));
}
