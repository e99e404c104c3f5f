// The Sparkle web client: WebSocket protocol v1 for chat, the REST API for conversations, notes, the error book and
// tasks. Everything it shows goes through textContent (never innerHTML), so a message cannot inject markup.
import { $, api, getToken, node, setStatus, setToken } from './common.js';
import { clearEarlier, initConversations, loadConversations, markOpen, showConversation } from './conversations.js';
import { onNotify, refreshTasks, trackTask } from './tasks.js';

const store = sessionStorage;
let conversationId = store.getItem('sparkle.conversation') ?? undefined;
let ws;
let retries = 0;
/** Messages sent and not yet answered, by client message id: resent with the same id after a reconnect. */
const pending = new Map();

function connect() {
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  ws = new WebSocket(`${proto}://${location.host}/ws?token=${encodeURIComponent(getToken())}`);
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

/** The conversation the next message goes to (undefined: a new one, named when its first message is sent). */
function setConversation(id, title) {
  conversationId = id;
  if (id) store.setItem('sparkle.conversation', id);
  else store.removeItem('sparkle.conversation');
  markOpen(id);
  if (title !== undefined || !id) $('chat-title').textContent = title ?? (id ? 'Conversation' : 'New conversation');
}

function onFrame(f) {
  const p = f.id ? pending.get(f.id) : undefined;
  if (f.type === 'chat.accepted' && p) {
    bubble(f.id).text$.textContent = ''; // a resent message streams again from its start
  } else if (f.type === 'chat.delta' && p) {
    bubble(f.id).text$.textContent += f.text;
  } else if (f.type === 'chat.reset' && p) {
    bubble(f.id).text$.textContent = ''; // the model call was retried: its answer starts over
  } else if (f.type === 'chat.done' && p) {
    const b = bubble(f.id);
    b.text$.textContent = f.text;
    if (f.redactions?.length) b.el.append(node('span', 'meta', `redacted: ${f.redactions.map((r) => r.kind).join(', ')}`));
    if (f.sources?.length) b.el.append(node('span', 'meta sources', `from your notes: ${f.sources.map((n) => n.title).join('; ')}`));
    if (f.cached) b.el.append(node('span', 'meta', 'answered from your earlier, same question'));
    b.el.classList.add('done');
    pending.delete(f.id);
    void loadConversations(); // this conversation is now the most recent one
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
    onNotify();
  }
  $('messages').scrollTop = $('messages').scrollHeight;
}

function send(text) {
  // A new conversation is named here, not by the gateway: a second message sent before the first is answered
  // then joins the same conversation instead of starting another.
  if (!conversationId) setConversation(crypto.randomUUID(), Array.from(text.replace(/\s+/g, ' ')).slice(0, 80).join(''));
  const id = crypto.randomUUID();
  const li = node('li', 'user', text);
  $('messages').append(li);
  const p = { text, conversationId, userEl: li };
  pending.set(id, p);
  sendFrame(id, p);
  $('messages').scrollTop = $('messages').scrollHeight;
}

/** Reopens a conversation: its messages on screen, and the next message continues it. */
async function openConversation(id, title) {
  try {
    const found = await showConversation(id);
    if (!found) $('messages').replaceChildren();
    // What was sent to it while its history loaded stays on screen, after the history, and keeps streaming there.
    for (const p of pending.values()) if (p.conversationId === id) $('messages').append(...[p.userEl, p.el].filter(Boolean));
    setConversation(id, title);
  } catch (err) {
    setStatus(`conversation not loaded (${err.message})`);
    return;
  }
  $('input').focus();
}

function newConversation() {
  setConversation(undefined);
  clearEarlier();
  $('messages').replaceChildren();
  $('input').focus();
}

async function signIn(t) {
  const token = t.trim();
  setToken(token);
  try {
    await api('/tasks?limit=1'); // refuses a bad or expired token before we open a socket with it
  } catch (err) {
    setStatus(`sign-in failed (${err.message})`);
    return;
  }
  store.setItem('sparkle.token', token);
  $('signin').hidden = true;
  $('app').hidden = false;
  // After a reload, the conversation that was open is opened again, with its messages; unless a message sent while
  // the list loaded has started another one (it would be wiped by the history of a conversation it is not in).
  const reopen = conversationId;
  connect();
  void refreshTasks();
  await loadConversations();
  if (reopen && conversationId === reopen) await openConversation(reopen);
  $('input').focus();
}

/** A form whose submit is handled here (the CSP's form-action 'none' forbids a real submission anyway). */
const onSubmit = (id, fn) =>
  $(id).addEventListener('submit', (e) => {
    e.preventDefault();
    void fn();
  });

onSubmit('signin-form', () => signIn($('token').value));
onSubmit('dev-signin-form', async () => {
  const res = await fetch('/dev/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: $('dev-user').value.trim() }),
  });
  const body = await res.json().catch(() => ({}));
  if (res.ok) await signIn(body.token);
  else setStatus(`sign-in failed (${body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${res.status}`})`);
});
// Only a development gateway answers: in production the page offers the pasted token alone.
void fetch('/dev/sign-in').then(
  (res) => ($('dev-signin-form').hidden = !res.ok),
  () => undefined,
);
onSubmit('chat-form', () => {
  const text = $('input').value.trim();
  if (text) send(text);
  $('input').value = '';
});
$('input').addEventListener('keydown', (e) => {
  // Enter sends, Shift+Enter is a new line; not while an input method is composing (Chinese, Japanese...).
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    $('chat-form').requestSubmit();
  }
});
$('new-chat').addEventListener('click', newConversation);
initConversations((id, title) => void openConversation(id, title));
onSubmit('note-form', async () => {
  try {
    await api('/knowledge-nodes', { method: 'POST', body: JSON.stringify({ title: $('note-title').value, content: $('note-content').value }) });
    $('note-form').reset();
    setStatus('note saved');
  } catch (err) {
    setStatus(`note not saved (${err.message})`);
  }
});
onSubmit('search-form', async () => {
  try {
    const { items } = await api(`/knowledge-nodes?q=${encodeURIComponent($('search').value)}&limit=5`);
    $('notes').replaceChildren(...items.map((n) => node('li', undefined, `${n.title} — ${n.content}`)));
  } catch (err) {
    $('notes').replaceChildren(node('li', 'blocked', err.message));
  }
});
onSubmit('mistake-form', async () => {
  const subject = $('mistake-subject').value.trim();
  const body = {
    question: $('mistake-question').value,
    wrongAnswer: $('mistake-wrong').value,
    correctAnswer: $('mistake-correct').value,
    ...(subject ? { subject } : {}),
  };
  try {
    const { workflowId } = await api('/error-book', { method: 'POST', body: JSON.stringify(body) });
    $('mistake-form').reset();
    setStatus('mistake recorded: the analysis is running');
    trackTask(workflowId, 'error-book');
  } catch (err) {
    setStatus(`mistake not recorded (${err.message})`);
  }
});
$('refresh-tasks').addEventListener('click', () => void refreshTasks());
const saved = store.getItem('sparkle.token');
if (saved) void signIn(saved);
