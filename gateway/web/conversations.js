// My conversations (newest first, a page at a time) and the messages of the one that is open (its newest page,
// then older pages on demand), read from GET /api/conversations and GET /api/conversations/:id/messages.
import { $, api, node, when } from './common.js';

let listCursor; // the list's next page
let earlierCursor; // the open conversation's older messages
let openId;
let onSelect = () => {};

/** `select(id, title)` is called when the reader picks a conversation from the list. */
export function initConversations(select) {
  onSelect = select;
  $('more-conversations').addEventListener('click', () => void loadConversations(true));
  $('earlier').addEventListener('click', () => void loadEarlier());
}

function item(c) {
  const li = node('li');
  const b = node('button', 'conversation');
  b.type = 'button';
  b.dataset.id = c.id;
  b.append(node('span', 'title', c.title ?? '(untitled)'), node('span', 'meta', `${when(c.updatedAt)} · ${c.messageCount} messages`));
  if (c.id === openId) b.setAttribute('aria-current', 'true');
  b.addEventListener('click', () => onSelect(c.id, c.title));
  li.append(b);
  return li;
}

/** The first page again (`more` false), or the next page appended after the ones shown. */
export async function loadConversations(more = false) {
  const list = $('conversations');
  try {
    const q = new URLSearchParams({ limit: '20', ...(more && listCursor ? { cursor: listCursor } : {}) });
    const page = await api(`/conversations?${q}`);
    const items = page.items.map(item);
    if (more) list.append(...items);
    else list.replaceChildren(...items);
    listCursor = page.nextCursor;
    $('more-conversations').hidden = !listCursor;
    // The "more" button may have just disappeared under the keyboard's focus: go on from the first new entry.
    if (more && items[0] && !list.contains(document.activeElement)) items[0].querySelector('button').focus();
    if (!more && items.length === 0) list.replaceChildren(node('li', 'empty', 'No conversations yet.'));
  } catch (err) {
    list.replaceChildren(node('li', 'blocked', err.message));
  }
}

/** Highlights the open conversation in the list (none for a new one). */
export function markOpen(id) {
  openId = id;
  for (const b of $('conversations').querySelectorAll('button.conversation')) {
    if (b.dataset.id === id) b.setAttribute('aria-current', 'true');
    else b.removeAttribute('aria-current');
  }
}

/** A stored message, as the chat shows it. */
export function messageItem(m) {
  const li = node('li', m.role === 'user' ? 'user history' : 'assistant done history');
  if (m.role === 'user') li.textContent = m.content;
  else li.append(node('span', 'text', m.content));
  return li;
}

/** Shows the newest messages of a conversation; false when it is not there (not yet written, or not mine). */
export async function showConversation(id) {
  const page = await api(`/conversations/${encodeURIComponent(id)}/messages?limit=50`).catch((err) => {
    if (err.status === 404) return undefined;
    throw err;
  });
  if (!page) return false;
  $('messages').replaceChildren(...page.items.map(messageItem));
  earlierCursor = page.nextCursor;
  $('earlier').hidden = !earlierCursor;
  $('messages').scrollTop = $('messages').scrollHeight;
  return true;
}

async function loadEarlier() {
  if (!openId || !earlierCursor) return;
  const list = $('messages');
  try {
    const page = await api(`/conversations/${encodeURIComponent(openId)}/messages?limit=50&before=${encodeURIComponent(earlierCursor)}`);
    const fromBottom = list.scrollHeight - list.scrollTop; // keep what the reader was looking at in place
    list.prepend(...page.items.map(messageItem));
    list.scrollTop = list.scrollHeight - fromBottom;
    earlierCursor = page.nextCursor;
    $('earlier').hidden = !earlierCursor;
    if (!earlierCursor) $('input').focus();
  } catch (err) {
    list.prepend(node('li', 'assistant blocked', err.message));
  }
}

export function clearEarlier() {
  earlierCursor = undefined;
  $('earlier').hidden = true;
}
