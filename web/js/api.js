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
// means the key is not valid; the approve route names the role when it refuses (403), and
// answers 400 for the impossible alert id 0 when the role suffices (approver or admin).
export async function probeRole(key) {
  await api('GET', '/v1/lists', undefined, { key });
  try {
    await api('POST', '/v1/alerts/0/approve', '', { key });
  } catch (error) {
    if (error.status === 403) {
      const named = /role \((\w+)\)/.exec(error.message);
      return named && ROLES.includes(named[1]) ? named[1] : 'screener';
    }
    if (error.status === 400 || error.status === 404) return 'approver';
    throw error;
  }
  return 'approver';
}
