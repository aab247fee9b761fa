// The API client. The key lives in sessionStorage only (this tab, until it closes or the user
// signs out): never in a URL, a cookie or localStorage. Requests carry it as a bearer header,
// so a page on another site cannot make the browser send it (no CSRF).

const KEY = 'redflag.key';
const ROLE = 'redflag.role';
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
  // The key id is the key's public part: rf_<key id>_<secret>.
  get keyId() { return (this.key.split('_')[1]) || ''; },
  can(role) { return ROLES.indexOf(this.role) >= ROLES.indexOf(role); },
  set(key, role) { sessionStorage.setItem(KEY, key); sessionStorage.setItem(ROLE, role); },
  clear() { sessionStorage.removeItem(KEY); sessionStorage.removeItem(ROLE); },
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

// The role of a key, from the API's own answers (the API has no "who am I" route yet): a 401
// means the key is not valid; POST /v1/lists/import is the admin's route, so a 403 there names
// the key's role, and an admin gets a 400 for the empty body. Nothing is imported either way.
export async function probeRole(key) {
  await api('GET', '/v1/lists', undefined, { key });
  try {
    await api('POST', '/v1/lists/import', '', { key });
  } catch (error) {
    if (error.status === 403) {
      const named = /role \((\w+)\)/.exec(error.message);
      if (named && ROLES.includes(named[1])) return named[1];
      return 'screener';
    }
    if (error.status === 400 || error.status === 422) return 'admin';
    throw error;
  }
  return 'admin';
}
