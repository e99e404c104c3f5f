// What every part of the page shares: element lookup, safe element building (text only, never markup) and the
// REST API with the signed-in user's token.
export const $ = (id) => document.getElementById(id);

/** An element whose content is text: whatever `text` holds is shown as characters, never parsed as HTML. */
export function node(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export const setStatus = (s) => ($('status').textContent = s);

let token = '';
export const setToken = (t) => (token = t);
export const getToken = () => token;

/** A JSON call under /api; a refusal throws with the API's stable code first ("NOT_FOUND: ..."). */
export async function api(path, init = {}) {
  const res = await fetch(`/api${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${res.status}`), { status: res.status });
  return body;
}

/** "3 May, 14:05" in the reader's own locale and time zone. */
export const when = (iso) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
