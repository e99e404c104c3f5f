// The gateway's edges under hostile or careless clients, end to end (gateway and workers as processes, real
// Temporal, Postgres and Redis): the per-user socket cap under parallel upgrades, garbage on the notification
// channel, a client that stops reading, text Postgres cannot store, vectors float4 cannot hold, Idempotency-Keys
// reused with another body, and rate limits that count only what costs (valid job starts, embedded searches).
import { describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import { offlineEmbedding } from '../../lib/embeddings/offline-embedder.js';
import { userNotifyChannel } from '../../lib/contracts/notify.js';
import { waitUntil } from '../../scripts/stack/process.js';
import { ApiClient } from '../support/api-client.js';
import { e2eFixture } from '../support/e2e.js';
import { uniqueId } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';

const MAX_SOCKETS = 3;
const JOBS_PER_MINUTE = 5;
const SEARCHES_PER_MINUTE = 2;
const e = e2eFixture({
  env: {
    WS_MAX_CONNECTIONS_PER_USER: String(MAX_SOCKETS),
    WS_MAX_BUFFERED_BYTES: String(64 * 1024),
    API_JOBS_PER_MINUTE: String(JOBS_PER_MINUTE),
    API_SEARCHES_PER_MINUTE: String(SEARCHES_PER_MINUTE),
  },
});

/** A counter or gauge of the gateway's /metrics (0 when absent): `series` is its name with labels, as printed. */
const gatewayMetric = async (series: string) => {
  const text = await (await fetch(`${e.app.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

/** The rate limits count per wall-clock minute: a test that counts up to one starts early in a minute, to end in it. */
const freshMinute = async () => {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 100));
};

const api = (user = uniqueId('edge')) => ApiClient.as(e.app.url, user);
const NOTE = { title: 'Fractions', content: 'A fraction names parts of a whole.' };

describe('WebSocket edges', () => {
  it('never opens more sockets for one user than the cap, however many upgrades arrive at once', async () => {
    const token = await signToken(uniqueId('cap'));
    const attempts = await Promise.allSettled(Array.from({ length: 12 }, () => TestSocket.open(e.app.wsUrl, token)));
    const open = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const refusals = attempts.flatMap((a) => (a.status === 'rejected' ? [(a.reason as { status?: number }).status] : []));
    expect(open).toHaveLength(MAX_SOCKETS);
    expect(refusals).toEqual(Array(12 - MAX_SOCKETS).fill(429));
    // Closing gives the slots back.
    for (const s of open) s.close();
    await waitUntil('a slot freed', () => TestSocket.open(e.app.wsUrl, token).then((s) => (s.close(), true)), { timeoutMs: 10_000 });
  });

  it('drops malformed notifications (counted), and every socket of the user still gets the next good one', async () => {
    const user = uniqueId('notify');
    const token = await signToken(user);
    const [a, b] = [await TestSocket.open(e.app.wsUrl, token), await TestSocket.open(e.app.wsUrl, token)];
    const channel = userNotifyChannel(user);
    await waitUntil('the gateway subscribed', async () => Number(((await e.s.redis.pubsub('NUMSUB', channel)) as [string, number])[1]) > 0, {
      timeoutMs: 10_000,
    });
    const dropped = await gatewayMetric('pubsub_messages_dropped_total{reason="malformed"}');

    const garbage = ['not json', 'null', '[]', '{"event":1,"data":{}}', '{"event":"x"}', '{"event":"x","data":"y"}'];
    for (const g of garbage) await e.s.redis.publish(channel, g);
    await e.s.redis.publish(channel, JSON.stringify({ event: 'test.after-garbage', data: { n: 1 } }));

    for (const sock of [a, b]) {
      const note = await sock.next((f) => f.type === 'notify');
      expect(note).toEqual({ type: 'notify', event: 'test.after-garbage', data: { n: 1 } });
      sock.close();
    }
    expect(await gatewayMetric('pubsub_messages_dropped_total{reason="malformed"}')).toBe(dropped + garbage.length * 2);
    expect((await fetch(`${e.app.url}/healthz`)).status).toBe(200);
  });

  it('closes a socket that stops reading while it floods bad frames, instead of queueing every reply', async () => {
    const sock = await TestSocket.open(e.app.wsUrl, await signToken(uniqueId('slow')));
    const tcp = (sock.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    const closedBefore = await gatewayMetric('ws_slow_consumers_closed_total');
    tcp.pause(); // the client reads nothing more; the gateway answers each bad frame with an error frame
    const SENT = 300_000;
    for (let i = 0; i < SENT; i++) sock.ws.send('x');
    await waitUntil('the gateway closed the slow consumer', async () => (await gatewayMetric('ws_slow_consumers_closed_total')) > closedBefore, {
      timeoutMs: 45_000,
      proc: e.app.gateway,
    });

    const closed = new Promise<number>((resolve) => sock.ws.once('close', (code) => resolve(code)));
    tcp.resume();
    expect(await closed).toBe(1013);
    // What was queued for it is bounded by the limit (plus what the kernel's socket buffers held), not by what it sent.
    expect(sock.frames.length).toBeLessThan(SENT / 2);
    expect(sock.frames.every((f) => f.type === 'error')).toBe(true);
  }, 120_000);

  it('refuses chat text with a NUL or an unpaired surrogate as a bad frame naming the field', async () => {
    const sock = await TestSocket.open(e.app.wsUrl, await signToken(uniqueId('nul')));
    for (const [id, text] of [
      ['nul', 'hi\u0000there'],
      ['lone', 'broken \ud83d emoji'],
    ]) {
      sock.send({ type: 'chat.send', id, text });
      const err = await sock.next((f) => f.id === id);
      expect(err).toMatchObject({ type: 'error', code: 'BAD_FRAME', message: expect.stringContaining('text:') });
    }
    sock.close();
  });
});

describe('REST edges', () => {
  it('refuses NUL and unpaired surrogates in every stored text field with 400 naming the field', async () => {
    const client = await api();
    const cases: [string, unknown, string][] = [
      ['/knowledge-nodes', { ...NOTE, title: 'a\u0000b' }, 'body.title'],
      ['/knowledge-nodes', { ...NOTE, content: 'half a pair: \ud83d' }, 'body.content'],
      ['/knowledge-nodes', { ...NOTE, tags: ['fine', 'lone low \udc00'] }, 'body.tags.1'],
      ['/error-book', { question: '1/2+1/3?', wrongAnswer: '2/5\u0000', correctAnswer: '5/6' }, 'body.wrongAnswer'],
      ['/error-book', { question: '1/2+1/3?', wrongAnswer: '2/5', correctAnswer: '5/6', subject: '\udc00math' }, 'body.subject'],
    ];
    for (const [path, body, field] of cases) {
      const res = await client.post(path, body);
      expect(res.status, field).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(res.body.error.message).toContain(`${field}:`);
    }
    expect((await client.get(`/knowledge-nodes?q=${encodeURIComponent('a\u0000b')}`)).status).toBe(400);
    // A surrogate pair is a character like any other.
    expect((await client.post('/knowledge-nodes', { ...NOTE, title: 'Fractions 🍕' })).status).toBe(202);
  });

  it('refuses embedding values a 32-bit float cannot hold', async () => {
    const client = await api();
    for (const bad of [1e39, -1e39, 3.5e38]) {
      const embedding = offlineEmbedding('a client vector', 384);
      embedding[7] = bad;
      const res = await client.post('/knowledge-nodes', { ...NOTE, embedding });
      expect(res.status, String(bad)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('body.embedding') });
    }
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for a key reused with another body; the same body (in any key order) finds the same job', async () => {
    await freshMinute();
    const client = await api();
    const key = { 'idempotency-key': 'note-1' };
    const first = await client.post('/knowledge-nodes', { ...NOTE, tags: ['math'] }, key);
    const again = await client.post('/knowledge-nodes', { tags: ['math'], content: NOTE.content, title: NOTE.title }, key);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    const other = await client.post('/knowledge-nodes', { ...NOTE, content: 'Something else entirely.' }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // The same on a run route, where the resource is the run itself.
    const runner = await api();
    const run = await runner.post('/code-runs', { code: 'print(1)\n' }, { 'idempotency-key': 'run-1' });
    expect(run.status).toBe(202);
    const changed = await runner.post('/code-runs', { code: 'print(2)\n' }, { 'idempotency-key': 'run-1' });
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('counts only valid job starts against the job rate limit', async () => {
    await freshMinute();
    const client = await api();
    for (let i = 0; i < 3 * JOBS_PER_MINUTE; i++) {
      const res = await (i % 2 ? client.post('/knowledge-nodes', { title: 'no content' }) : client.post('/error-book', { question: 'only a question' }));
      expect(res.status).toBe(400);
    }
    for (let i = 0; i < JOBS_PER_MINUTE; i++) expect((await client.post('/knowledge-nodes', { ...NOTE, title: `Note ${i}` })).status).toBe(202);
    const over = await client.post('/knowledge-nodes', NOTE);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rate-limits searches by meaning before their query is embedded with the provider', async () => {
    await freshMinute();
    const client = await api();
    const embeddings = e.fake.embeddingRequests.length;
    for (let i = 0; i < SEARCHES_PER_MINUTE; i++) expect((await client.get(`/knowledge-nodes?q=question+${i}`)).status).toBe(200);
    const over = await client.get('/knowledge-nodes?q=one+too+many');
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(e.fake.embeddingRequests.length).toBe(embeddings + SEARCHES_PER_MINUTE);
    // Listing (no query, no embedding) is not a search.
    expect((await client.get('/knowledge-nodes')).status).toBe(200);
  });
});
