// Calls to the console's JSON API: the session's CSRF token goes with every POST.
let csrf;
let serverNow;

async function call(method, path, body) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET') {
    if (!csrf) await me();
    headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = csrf;
  }
  const res = await fetch(`api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (res.status === 401) {
    location.href = 'login';
    throw new Error('logged out');
  }
  const json = await res.json().catch(() => ({}));
  if (!res.ok && res.status !== 404) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json;
}

/** The session's CSRF token and the server's clock. */
export async function me() {
  const answer = await call('GET', 'me');
  csrf = answer.csrf;
  serverNow = answer.now;
  return answer;
}

export const now = () => serverNow;
export const get = (path) => call('GET', path);
export const post = (path, body = {}) => call('POST', path, body);
