// The conversations API end to end: a user's conversations (newest first) and a conversation's messages (newest
// page first, each page in chronological order), keyset-paged with opaque cursors, isolated per user, with stable
// 400s for bad parameters; and the plans of its queries, which must read the indexes rather than sort the tables.
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import type { Db } from '../../lib/db.js';
import { listConversations, listMessages, messagesQuery, conversationsQuery } from '../../gateway/routes/conversations.js';
import { ApiClient } from '../support/api-client.js';
import { e2eFixture } from '../support/e2e.js';
import { uniqueId } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';

const e = e2eFixture();

interface Conversation {
  id: string;
  title: string | null;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
}
interface Message {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
}

/** One real chat turn over the WebSocket; resolves once it is answered (and so persisted). */
async function chat(sock: TestSocket, text: string, conversationId?: string): Promise<string> {
  const id = uniqueId('m');
  sock.send({ type: 'chat.send', id, text, ...(conversationId ? { conversationId } : {}) });
  const { accepted, end } = await sock.turn(id);
  expect(end.type).toBe('chat.done');
  return accepted!.conversationId as string;
}

/** Conversations written straight into Postgres, at times chosen to the microsecond (ties included). */
async function seedConversations(user: string, rows: { id: string; title?: string; updatedAt: string }[]) {
  await e.s.db.query('INSERT INTO users (id) VALUES ($1) ON CONFLICT DO NOTHING', [user]);
  for (const r of rows) {
    await e.s.db.query('INSERT INTO conversations (user_id, id, title, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)', [
      user,
      r.id,
      r.title ?? null,
      r.updatedAt,
    ]);
  }
}

async function seedMessages(user: string, conversationId: string, rows: { id: string; role: 'user' | 'assistant'; content: string; at: string }[]) {
  for (const r of rows) {
    await e.s.db.query(`INSERT INTO messages (id, user_id, conversation_id, workflow_id, role, content, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      r.id,
      user,
      conversationId,
      `seed:${conversationId}`,
      r.role,
      r.content,
      r.at,
    ]);
  }
}

/** Follows nextCursor from the first page to the last. */
async function allPages<T>(api: ApiClient, path: (cursor?: string) => string): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const res = await api.get(path(cursor));
    expect(res.status).toBe(200);
    pages.push(res.body.items);
    cursor = res.body.nextCursor;
    expect(pages.length).toBeLessThan(50);
  } while (cursor);
  return pages;
}

describe('GET /api/conversations', () => {
  it("lists the caller's conversations, most recently updated first, with derived titles and message counts", async () => {
    const alice = uniqueId('conv');
    const bob = uniqueId('conv');
    const api = await ApiClient.as(e.app.url, alice);
    const sock = await TestSocket.open(e.app.wsUrl, await signToken(alice));
    const bobSock = await TestSocket.open(e.app.wsUrl, await signToken(bob));
    const long = `  \n Why does ice float on water, when almost every other solid sinks in its own liquid? ${'Please explain. '.repeat(10)}`;
    const physics = await chat(sock, long, 'physics-1');
    const other = await chat(sock, 'What is a prime number?'); // the gateway picks the id
    await chat(sock, 'And why is it less dense?', physics); // reopened: now the most recent
    await chat(bobSock, 'Bob asks about volcanoes.', 'physics-1'); // the same id, bob's own conversation
    sock.close();
    bobSock.close();

    const res = await api.get('/conversations');
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeUndefined();
    const items: Conversation[] = res.body.items;
    expect(items.map((c) => c.id)).toEqual([physics, other]);
    expect(items.map((c) => c.messageCount)).toEqual([4, 2]);
    expect(items[1]!.title).toBe('What is a prime number?');
    const title = items[0]!.title!;
    expect(Array.from(title)).toHaveLength(80);
    expect(title.startsWith('Why does ice float on water, when almost every other solid sinks')).toBe(true);
    expect(title.endsWith('…')).toBe(true);
    expect(title).not.toMatch(/\n|^\s/);
    for (const c of items) {
      expect(Date.parse(c.updatedAt)).toBeGreaterThanOrEqual(Date.parse(c.createdAt));
      expect(Object.keys(c).sort()).toEqual(['createdAt', 'id', 'messageCount', 'title', 'updatedAt']);
    }
    expect(Date.parse(items[0]!.updatedAt)).toBeGreaterThan(Date.parse(items[1]!.updatedAt));

    const bobs = (await (await ApiClient.as(e.app.url, bob)).get('/conversations')).body.items as Conversation[];
    expect(bobs).toEqual([expect.objectContaining({ id: 'physics-1', title: 'Bob asks about volcanoes.', messageCount: 2 })]);
  });

  it('pages with an opaque cursor: every conversation once, in order, ties in time broken by id, to the microsecond', async () => {
    const user = uniqueId('conv');
    // Out of insertion order; b and c share a time; d and e differ by one microsecond (a millisecond cursor would
    // skip one of them or repeat it).
    await seedConversations(user, [
      { id: 'a', updatedAt: '2025-03-01T10:00:00.000000Z' },
      { id: 'c', updatedAt: '2025-03-02T10:00:00.000000Z' },
      { id: 'b', updatedAt: '2025-03-02T10:00:00.000000Z', title: 'A stored title' },
      { id: 'e', updatedAt: '2025-03-03T10:00:00.000002Z' },
      { id: 'd', updatedAt: '2025-03-03T10:00:00.000001Z' },
      { id: 'f', updatedAt: '2025-03-04T10:00:00.000000Z' },
      { id: 'g', updatedAt: '2025-03-05T10:00:00.000000Z' },
    ]);
    const want = ['g', 'f', 'e', 'd', 'c', 'b', 'a'];
    const api = await ApiClient.as(e.app.url, user);
    expect(((await api.get('/conversations')).body.items as Conversation[]).map((c) => c.id)).toEqual(want);
    for (const limit of [1, 2, 3]) {
      const pages = await allPages<Conversation>(api, (cursor) => `/conversations?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(pages.map((p) => p.length)).toEqual(Array.from({ length: Math.ceil(7 / limit) }, (_, i) => Math.min(limit, 7 - i * limit)));
      expect(pages.flat().map((c) => c.id)).toEqual(want);
    }
    const exact = await api.get('/conversations?limit=7'); // a full last page says there is no more
    expect(exact.body.items).toHaveLength(7);
    expect(exact.body.nextCursor).toBeUndefined();
    const items = exact.body.items as Conversation[];
    expect(items.find((c) => c.id === 'b')).toMatchObject({ title: 'A stored title', messageCount: 0 });
    expect(items.find((c) => c.id === 'a')).toMatchObject({ title: null, messageCount: 0, updatedAt: '2025-03-01T10:00:00.000Z' });
  });
});

describe('GET /api/conversations/:id/messages', () => {
  const user = uniqueId('conv');
  const at = (sec: number, micro = 0) => `2025-04-01T09:00:${String(sec).padStart(2, '0')}.${String(micro).padStart(6, '0')}Z`;
  const seeded = [
    { id: 'm1', role: 'user' as const, content: 'first question', at: at(1) },
    { id: 'm2', role: 'assistant' as const, content: 'first answer', at: at(2) },
    { id: 'm3', role: 'user' as const, content: 'second question', at: at(3) },
    { id: 'm4a', role: 'assistant' as const, content: 'tie one', at: at(4) },
    { id: 'm4b', role: 'assistant' as const, content: 'tie two', at: at(4) },
    { id: 'm5', role: 'user' as const, content: 'a microsecond before', at: at(5, 1) },
    { id: 'm6', role: 'assistant' as const, content: 'a microsecond after', at: at(5, 2) },
  ];
  const ids = seeded.map((m) => m.id);
  beforeAll(async () => {
    await seedConversations(user, [{ id: 'long-one', updatedAt: at(6) }]);
    await seedMessages(user, 'long-one', seeded);
  });

  it('answers the newest page in chronological order; nextCursor walks back to the first message', async () => {
    const api = await ApiClient.as(e.app.url, user);
    const all = await api.get('/conversations/long-one/messages');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      conversationId: 'long-one',
      items: seeded.map((m) => ({ id: m.id, role: m.role, content: m.content, createdAt: expect.any(String) })),
    });
    expect((all.body.items as Message[])[0]!.createdAt).toBe('2025-04-01T09:00:01.000Z');

    const first = await api.get('/conversations/long-one/messages?limit=3');
    expect((first.body.items as Message[]).map((m) => m.id)).toEqual(['m4b', 'm5', 'm6']); // the newest three, oldest first
    for (const limit of [1, 2, 3, 7]) {
      const pages = await allPages<Message>(api, (before) => `/conversations/long-one/messages?limit=${limit}${before ? `&before=${before}` : ''}`);
      expect(pages.length).toBe(Math.ceil(7 / limit));
      for (const p of pages) expect(p.map((m) => m.id)).toEqual([...p].sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id)).map((m) => m.id));
      expect(
        pages
          .reverse()
          .flat()
          .map((m) => m.id),
      ).toEqual(ids); // older pages, put before newer ones: the whole conversation
    }
  });

  it("answers another user's conversation exactly like an unknown one, and a cursor moves only within the caller's rows", async () => {
    const owner = await ApiClient.as(e.app.url, user);
    const mallory = uniqueId('conv');
    const other = await ApiClient.as(e.app.url, mallory);
    const theirs = await other.get('/conversations/long-one/messages');
    const unknown = await other.get('/conversations/no-such-conversation/messages');
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual({ error: { code: 'NOT_FOUND', message: 'no such conversation' } });
    expect(unknown.body).toEqual(theirs.body);
    expect((await owner.get('/conversations/no-such-conversation/messages')).body).toEqual(theirs.body);
    expect((await other.get('/conversations')).body).toEqual({ items: [] });

    // The owner's cursors, replayed by someone else, show nothing of the owner's.
    const ownerPage = (await owner.get('/conversations/long-one/messages?limit=2')).body;
    expect(ownerPage.nextCursor).toEqual(expect.any(String));
    expect((await other.get(`/conversations/long-one/messages?before=${ownerPage.nextCursor}`)).status).toBe(404);
    await seedConversations(mallory, [{ id: 'mine', updatedAt: at(0) }]);
    await seedConversations(user, [{ id: 'later', updatedAt: at(7) }]);
    const ownerList = (await owner.get('/conversations?limit=1')).body;
    expect(ownerList.items.map((c: Conversation) => c.id)).toEqual(['later']);
    expect((await other.get(`/conversations?cursor=${ownerList.nextCursor}`)).body.items.map((c: Conversation) => c.id)).toEqual(['mine']);
  });

  it('answers 400 BAD_REQUEST for bad parameters (before looking the conversation up), and 401 without a token', async () => {
    const api = await ApiClient.as(e.app.url, user);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const badCursors = [
      'not-a-cursor',
      b64({ t: 1 }),
      b64(['2025-13-01T00:00:00.000000Z', 'x']),
      b64(['2025-01-01T00:00:00Z', 'x']),
      b64(['2025-01-01T00:00:00.000000Z', '']),
      'x'.repeat(2000),
    ];
    const bad = [
      ...['0', '101', 'abc', '1.5', '-1', ''].map((l) => `/conversations?limit=${l}`),
      '/conversations?limit=1&limit=2',
      '/conversations?offset=10',
      ...badCursors.map((c) => `/conversations?cursor=${c}`),
      ...['0', '201', 'ten'].map((l) => `/conversations/long-one/messages?limit=${l}`),
      ...badCursors.map((c) => `/conversations/long-one/messages?before=${c}`),
      '/conversations/long-one/messages?cursor=abc', // the messages' cursor is `before`
      `/conversations/${'x'.repeat(65)}/messages`,
      '/conversations/bad%20id/messages',
      '/conversations/no-such-one/messages?limit=0', // 400, not 404: the parameters are checked first
    ];
    for (const path of bad) {
      const res = await api.get(path);
      expect([path, res.status, res.body?.error?.code]).toEqual([path, 400, 'BAD_REQUEST']);
      expect(res.body.error.message).not.toMatch(/\n\s+at /);
    }
    expect((await api.get('/conversations?limit=100')).status).toBe(200);
    expect((await api.get('/conversations/long-one/messages?limit=200')).status).toBe(200);
    const anonymous = await ApiClient.as(e.app.url, undefined);
    for (const path of ['/conversations', '/conversations/long-one/messages']) {
      const res = await anonymous.get(path);
      expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    }
  });
});

describe('query plans', () => {
  /** The SQL a listing runs, captured on its way to the real pool. */
  async function statements(run: (db: Db) => Promise<unknown>): Promise<{ text: string; values: unknown[] }[]> {
    const seen: { text: string; values: unknown[] }[] = [];
    const spy = { query: (text: string, values: unknown[]) => (seen.push({ text, values }), e.s.db.query(text, values)) } as unknown as Db;
    await run(spy);
    return seen;
  }

  /** A Sort node (which reads all its input first); an Incremental Sort over index order is fine. */
  const FULL_SORT = /(?<!Incremental )Sort {2}\(cost/;

  /** EXPLAIN with sequential scans priced out: what the planner does once the tables are too big to scan. */
  async function plan(text: string, values: unknown[]): Promise<string> {
    const client = await e.s.db.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query(`EXPLAIN ${text}`, values);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it('reads conversations_recent and messages_conversation_time, never sorting a whole table', async () => {
    const user = uniqueId('conv');
    const cursor = Buffer.from(JSON.stringify(['2025-03-01T10:00:00.000000Z', 'a'])).toString('base64url');
    const lists = await statements((db) => listConversations(db, user, conversationsQuery.parse({ limit: '5', cursor })));
    const listPlan = await plan(lists[0]!.text, lists[0]!.values);
    expect(listPlan).toMatch(/Index (Only )?Scan Backward using conversations_recent on conversations/);
    expect(listPlan).toMatch(/Index Cond: \(\(user_id = .+\) AND \(ROW\(updated_at, id\) < ROW\(/);
    expect(listPlan).not.toMatch(FULL_SORT);
    expect(listPlan).toMatch(/messages_conversation_time/); // the count and the first question

    await seedConversations(user, [{ id: 'c1', updatedAt: '2025-03-01T10:00:00.000000Z' }]);
    const reads = await statements((db) => listMessages(db, user, 'c1', messagesQuery.parse({ limit: '5', before: cursor })));
    expect(reads).toHaveLength(2); // the ownership check, then the page
    // The point lookup stays inside the user's rows of an index: the planner takes the primary key or, on tables this
    // small, conversations_recent (user_id leads both) — either way no table is scanned or sorted.
    const ownerPlan = await plan(reads[0]!.text, reads[0]!.values);
    expect(ownerPlan).toMatch(/Index Only Scan using conversations_(pkey|recent) on conversations\b.*\n\s+Index Cond: \(\(user_id = /);
    expect(ownerPlan).not.toMatch(FULL_SORT);
    const pagePlan = await plan(reads[1]!.text, reads[1]!.values);
    expect(pagePlan).toMatch(/Index Scan using messages_conversation_time on messages/);
    expect(pagePlan).toMatch(/Index Cond: \(\(user_id = .+\) AND \(conversation_id = .+\) AND \(created_at <= /);
    // Ordered by the index; the id only orders rows that share a time (an incremental sort, never a full one).
    expect(pagePlan).not.toMatch(FULL_SORT);
  });
});
