// The Sparkle web client: WebSocket protocol v1 for chat, the REST API for notes and tasks. Everything it shows
// goes through textContent (never innerHTML), so a message cannot inject markup.
const $ = (id) => document.getElementById(id);
const store = sessionStorage;
let token = store.getItem('sparkle.token') ?? '';
let conversationId = store.getItem('sparkle.conversation') ?? undefined;
let ws;
let retries = 0;
/** Messages sent and not yet answered, by client message id: resent with the same id after a reconnect. */
const pending = new Map();

function node(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
const setStatus = (s) => ($('status').textContent = s);

async function api(path, init = {}) {
  const res = await fetch(`/api${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${res.status}`);
  return body;
}

function connect() {
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  ws = new WebSocket(`${proto}://${location.host}/ws?token=${encodeURIComponent(token)}`);
  ws.addEventListener('open', () => {
    retries = 0;
    setStatus('connected');
    for (const [id, p] of pending) sendFrame(id, p);
  });
  ws.addEventListener('message', (ev) => {
    try {
      onFrame(JSON.parse(ev.data));
    } catch {
      /* a frame we cannot read changes nothing on screen */
    }
  });
  ws.addEventListener('close', () => {
    setStatus('reconnecting…');
    setTimeout(connect, Math.min(10_000, 300 * 2 ** retries++));
  });
}

function sendFrame(id, p) {
  if (ws?.readyState !== WebSocket.OPEN) return; // sent on reconnect
  ws.send(JSON.stringify({ type: 'chat.send', id, text: p.text, ...(p.conversationId ? { conversationId: p.conversationId } : {}) }));
}

function bubble(id) {
  const p = pending.get(id);
  if (!p.el) {
    p.el = node('li', 'assistant');
    p.el.dataset.id = id;
    p.text$ = node('span', 'text', '');
    p.el.append(p.text$);
    $('messages').append(p.el);
  }
  return p;
}

function onFrame(f) {
  const p = f.id ? pending.get(f.id) : undefined;
  if (f.type === 'chat.accepted' && p) {
    conversationId = f.conversationId;
    store.setItem('sparkle.conversation', conversationId);
    bubble(f.id).text$.textContent = ''; // a resent message streams again from its start
  } else if (f.type === 'chat.delta' && p) {
    bubble(f.id).text$.textContent += f.text;
  } else if (f.type === 'chat.reset' && p) {
    bubble(f.id).text$.textContent = ''; // the model call was retried: its answer starts over
  } else if (f.type === 'chat.done' && p) {
    const b = bubble(f.id);
    b.text$.textContent = f.text;
    if (f.redactions?.length) b.el.append(node('span', 'meta', `redacted: ${f.redactions.map((r) => r.kind).join(', ')}`));
    b.el.classList.add('done');
    pending.delete(f.id);
  } else if (f.type === 'chat.blocked' && p) {
    const b = bubble(f.id);
    b.el.className = 'assistant blocked done';
    b.text$.textContent = `Blocked by the ${f.layer} layer: ${f.reason}`;
    pending.delete(f.id);
  } else if (f.type === 'error') {
    const li = node('li', 'assistant blocked', `${f.code}: ${f.message}`);
    $('messages').append(li);
    if (p) pending.delete(f.id);
  } else if (f.type === 'notify') {
    void refreshTasks();
  }
  $('messages').scrollTop = $('messages').scrollHeight;
}

function send(text) {
  const id = crypto.randomUUID();
  const li = node('li', 'user', text);
  $('messages').append(li);
  const p = { text, conversationId };
  pending.set(id, p);
  sendFrame(id, p);
}

async function refreshTasks() {
  const list = $('tasks');
  try {
    const { items } = await api('/tasks?limit=20');
    list.replaceChildren(...items.map((t) => {
      const li = node('li', undefined, `${t.kind ?? 'task'} · ${t.status} `);
      if (/^https?:\/\//.test(t.uiUrl ?? '')) {
        const a = node('a', undefined, 'history');
        a.href = t.uiUrl;
        a.rel = 'noopener noreferrer';
        a.target = '_blank';
        li.append(a);
      }
      return li;
    }));
  } catch (err) {
    list.replaceChildren(node('li', 'blocked', String(err.message)));
  }
}

async function signIn(t) {
  token = t.trim();
  try {
    await api('/tasks?limit=1'); // refuses a bad or expired token before we open a socket with it
  } catch (err) {
    setStatus(`sign-in failed (${err.message})`);
    return;
  }
  store.setItem('sparkle.token', token);
  $('signin').hidden = true;
  $('app').hidden = false;
  connect();
  void refreshTasks();
  $('input').focus();
}

$('signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void signIn($('token').value);
});
$('chat-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('input').value.trim();
  if (text) send(text);
  $('input').value = '';
});
$('input').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    $('chat-form').requestSubmit();
  }
});
$('new-chat').addEventListener('click', () => {
  conversationId = undefined;
  store.removeItem('sparkle.conversation');
  $('messages').replaceChildren();
});
$('note-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await api('/knowledge-nodes', { method: 'POST', body: JSON.stringify({ title: $('note-title').value, content: $('note-content').value }) });
    $('note-form').reset();
    setStatus('note saved');
  } catch (err) {
    setStatus(`note not saved (${err.message})`);
  }
});
$('search-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const { items } = await api(`/knowledge-nodes?q=${encodeURIComponent($('search').value)}&limit=5`);
    $('notes').replaceChildren(...items.map((n) => node('li', undefined, `${n.title} — ${n.content}`)));
  } catch (err) {
    $('notes').replaceChildren(node('li', 'blocked', err.message));
  }
});
$('refresh-tasks').addEventListener('click', () => void refreshTasks());
if (token) void signIn(token);
