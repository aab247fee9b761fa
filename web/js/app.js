// The workbench shell: sign-in, navigation by role, and the router (#/search, #/entity/<id>,
// #/alerts, #/alerts/<id>, #/decide, #/lists, #/audit).
import { api, whoAmI, session } from './api.js';
import { h, add, errorBox } from './dom.js';
import { searchView } from './search.js';
import { entityView } from './entity.js';
import { alertsView, alertView } from './alerts.js';
import { decideView } from './decide.js';
import { listsView } from './lists.js';
import { auditView } from './audit.js';

const SECTIONS = [
  { route: '/search', label: 'Search', role: 'screener', view: searchView },
  { route: '/decide', label: 'Decide', role: 'screener', view: decideView },
  { route: '/alerts', label: 'Alerts', role: 'analyst', view: alertsView },
  { route: '/lists', label: 'Lists', role: 'screener', view: listsView },
  { route: '/audit', label: 'Audit', role: 'approver', view: auditView },
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

function renderChrome(current) {
  nav.replaceChildren();
  who.replaceChildren();
  if (!session.key) return;
  for (const section of SECTIONS) {
    if (!session.can(section.role)) continue;  // what a role may not do is not offered
    const active = current.startsWith(section.route);
    add(nav, h('a', { href: '#' + section.route, 'aria-current': active ? 'page' : null }, section.label));
  }
  add(who, [
    h('span', { class: 'user' }, session.name),
    h('span', { class: 'role', title: 'Key ' + session.keyId }, session.role),
    h('button', { type: 'button', class: 'quiet', onclick: signOut }, 'Sign out'),
  ]);
}

function signOut() {
  session.clear();
  location.hash = '#/search';
  route();
}

function signInView() {
  const input = h('input', { id: 'key', name: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: 'rf_…' });
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card signin', onsubmit: async (event) => {
    event.preventDefault();
    message.replaceChildren();
    const key = input.value.trim();
    try {
      session.set(key, await whoAmI(key));
      input.value = '';
      route();
    } catch (error) {
      add(message, errorBox(error.status === 401 ? 'This key is not valid (unknown, malformed or revoked).' : error));
    }
  } },
  h('h1', {}, 'Sign in'),
  h('p', { class: 'muted' }, 'Paste your API key. It is kept for this browser tab only and forgotten when you sign out or close the tab.'),
  h('label', { for: 'key' }, 'API key'), input,
  h('button', { type: 'submit' }, 'Sign in'), message);
  return form;
}

let generation = 0;
export async function route() {
  const mine = ++generation;
  const hash = location.hash.replace(/^#/, '') || '/search';
  renderChrome(hash);
  main.replaceChildren();
  if (!session.key) {
    document.title = 'Sign in — redflag';
    add(main, signInView());
    document.getElementById('key').focus();
    return;
  }
  let view;
  let arg = '';
  const entity = /^\/entity\/(.+)$/.exec(hash);
  const alert = /^\/alerts\/(\d+)$/.exec(hash);
  if (entity) { view = entityView; arg = decodeURIComponent(entity[1]); }
  else if (alert && session.can('analyst')) { view = alertView; arg = alert[1]; }
  else {
    const section = SECTIONS.find((s) => hash.startsWith(s.route) && session.can(s.role)) || SECTIONS[0];
    view = section.view;
  }
  try {
    const node = await view(arg, { isCurrent: () => mine === generation });
    if (mine !== generation) return;
    main.replaceChildren(node);
    const heading = main.querySelector('h1');
    document.title = (heading ? heading.textContent + ' — ' : '') + 'redflag';
    const focus = main.querySelector('[data-autofocus]');
    if (focus) focus.focus();
  } catch (error) {
    if (mine !== generation) return;
    if (error.status === 401) { session.clear(); route(); return; }
    main.replaceChildren(h('section', { class: 'card' }, h('h1', {}, 'Something went wrong'), errorBox(error)));
  }
}

// Keyboard: "/" focuses the search box from anywhere (not while typing in a field).
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
  event.preventDefault();
  const box = document.getElementById('search-name');
  if (box) box.focus();
  else location.hash = '#/search';
});

// The skip link moves focus to the content without changing the route (its #main is no route).
document.querySelector('a.skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', route);
export { api };
route();
