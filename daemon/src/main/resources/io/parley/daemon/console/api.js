// The daemon's API as the console uses it: same-origin fetches carrying the session cookie,
// and the session's CSRF token on every state-changing call.
let csrf = null;

export function setCsrf(token) {
  csrf = token;
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const r = await fetch(path, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (r.status === 204) return null;
  const data = await r.json().catch(() => null);
  if (!r.ok) {
    const e = data && data.error ? data.error : {};
    throw new ApiError(r.status, e.code || 'http_' + r.status, e.message || r.statusText);
  }
  return data;
}

// Elements built from data with textContent only: peer-chosen text never becomes markup.
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) {
    if (c !== null && c !== undefined) e.append(c);
  }
  return e;
}

// Follows the event stream over the WebSocket, resuming after the last event seen.
export function followEvents(onEvent, onState) {
  let after = 'latest';
  let stopped = false;
  let socket = null;
  const open = () => {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(proto + '//' + location.host + '/v1/events/ws?after=' + after);
    socket.onopen = () => onState(true);
    socket.onmessage = (m) => {
      const ev = JSON.parse(m.data);
      after = String(ev.seq);
      onEvent(ev);
    };
    socket.onclose = () => {
      onState(false);
      if (!stopped) setTimeout(open, 2000);
    };
  };
  open();
  return () => { stopped = true; if (socket) socket.close(); };
}
