// The API client. The key lives in sessionStorage only (this tab, until it closes or the user
// signs out): never in a URL, a cookie or localStorage. Requests carry it as a bearer header,
// so a page on another site cannot make the browser send it (no CSRF).

const KEY = 'redflag.key';
const ROLE = 'redflag.role';
const KEY_ID = 'redflag.key_id';
const NAME = 'redflag.name';
const ROLES = ['screener', 'analyst', 'approver', 'admin'];

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || '';
    this.field = error.field || '';
  }
}

export const session = {
  get key() { return sessionStorage.getItem(KEY) || ''; },
  get role() { return sessionStorage.getItem(ROLE) || ''; },
  get keyId() { return sessionStorage.getItem(KEY_ID) || ''; },
  get name() { return sessionStorage.getItem(NAME) || ''; },
  can(role) { return ROLES.indexOf(this.role) >= ROLES.indexOf(role); },
  // `me` is GET /v1/whoami's answer for this key.
  set(key, me) {
    sessionStorage.setItem(KEY, key);
    sessionStorage.setItem(ROLE, ROLES.includes(me.role) ? me.role : 'screener');
    sessionStorage.setItem(KEY_ID, String(me.key_id || ''));
    sessionStorage.setItem(NAME, String(me.name || ''));
  },
  clear() { for (const item of [KEY, ROLE, KEY_ID, NAME]) sessionStorage.removeItem(item); },
};

export async function api(method, path, body, { key = session.key, signal } = {}) {
  const headers = { Authorization: 'Bearer ' + key, Accept: 'application/json' };
  const init = { method, headers, signal, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    init.body = body === undefined ? '' : (typeof body === 'string' ? body : JSON.stringify(body));
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

// Who a key is: its id, the name it was made for and its role (GET /v1/whoami). A 401 means the
// key is not valid.
export function whoAmI(key) {
  return api('GET', '/v1/whoami', undefined, { key });
}
