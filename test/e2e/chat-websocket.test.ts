// End to end over a real WebSocket: gateway and worker as child processes, real Temporal, Postgres and Redis,
// the fake OpenAI server standing in for the paid API.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import { startApp, type App } from '../support/app.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { freePort } from '../support/ports.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';

let app: App;
let fake: FakeOpenAI;
let s: Services;
const MAX_PAYLOAD = 4096;

beforeAll(async () => {
  s = await connectServices();
  fake = new FakeOpenAI();
  const llm = await fake.start();
  app = await startApp({ env: { LLM_BASE_URL: llm, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model', WS_MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD) } });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await s?.close();
});

const messagesOf = async (user: string) => (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE user_id = $1', [user])).rows[0]!.n;

describe('WebSocket authentication', () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const refused = (token?: string) =>
    TestSocket.open(app.wsUrl, token).then(
      () => 0,
      (e: { status?: number }) => e.status,
    );

  it('refuses the upgrade with 401 for a missing, forged, alg-none, expired or foreign-issuer token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('sparkle-engine')
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode('some-other-secret-of-enough-length'));
    const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'mallory', iss: 'sparkle-engine', exp: now + 600 })}.`;
    const secret = new TextEncoder().encode(process.env.JWT_SECRET);
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer('sparkle-engine')
      .setExpirationTime(now - 60)
      .sign(secret);
    const otherIssuer = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer('elsewhere')
      .setExpirationTime(now + 600)
      .sign(secret);
    for (const token of [undefined, 'not-a-jwt', forged, algNone, expired, otherIssuer]) {
      expect(await refused(token)).toBe(401);
    }
  });

  it('accepts the token in the query string for browsers', async () => {
    const sock = await TestSocket.open(`${app.wsUrl}?token=${await signToken(uniqueId('u'))}`);
    sock.send({ type: 'ping' });
    await sock.next((f) => f.type === 'pong');
    sock.close();
  });
});

describe('chat turn over the WebSocket', () => {
  it('streams ordered deltas whose join equals chat.done, and persists the turn', async () => {
    const user = uniqueId('u');
    const sock = await TestSocket.open(app.wsUrl, await signToken(user));
    sock.send({ type: 'chat.send', id: 'hello-1', text: 'Why is the sky blue?' });
    const { accepted, deltas, end } = await sock.turn('hello-1');
    sock.close();

    expect(accepted).toMatchObject({ workflowId: expect.stringMatching(/^chat:/), conversationId: expect.any(String) });
    expect(end.type).toBe('chat.done');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(end.text);
    expect(end.text).toBe(fake.reply('Why is the sky blue?'));
    expect(end.usage).toMatchObject({ promptTokens: expect.any(Number), completionTokens: expect.any(Number) });
    expect((end.usage as { completionTokens: number }).completionTokens).toBeGreaterThan(0);
    expect(await messagesOf(user)).toBe(2);
  });

  it('answers a resend of the same message id with the same turn: no second answer, no second bill', async () => {
    const user = uniqueId('u');
    const token = await signToken(user);
    const first = await TestSocket.open(app.wsUrl, token);
    first.send({ type: 'chat.send', id: 'same', conversationId: 'conv-a', text: 'Explain photosynthesis' });
    const a = await first.turn('same');
    const calls = fake.requests.length;

    const second = await TestSocket.open(app.wsUrl, token);
    second.send({ type: 'chat.send', id: 'same', conversationId: 'conv-a', text: 'Explain photosynthesis' });
    const b = await second.turn('same');
    first.close();
    second.close();

    expect(b.accepted?.workflowId).toBe(a.accepted?.workflowId);
    expect(b.end.type).toBe('chat.done');
    expect(b.end.text).toBe(a.end.text);
    expect(b.deltas.join('')).toBe(b.end.text);
    expect(fake.requests.length).toBe(calls);
    expect(await messagesOf(user)).toBe(2);
  });

  it('joins a turn that is still streaming when the same message id arrives on another socket', async () => {
    const user = uniqueId('u');
    const token = await signToken(user);
    fake.chunkDelayMs = 40;
    try {
      const calls = fake.requests.length;
      const first = await TestSocket.open(app.wsUrl, token);
      first.send({ type: 'chat.send', id: 'live', text: 'Tell me about fractions' });
      await first.next((f) => f.id === 'live' && f.type === 'chat.delta');
      const second = await TestSocket.open(app.wsUrl, token);
      second.send({ type: 'chat.send', id: 'live', text: 'Tell me about fractions' });
      const [a, b] = await Promise.all([first.turn('live'), second.turn('live')]);
      first.close();
      second.close();

      expect(a.end.type).toBe('chat.done');
      expect(b.end.text).toBe(a.end.text);
      expect(a.deltas.join('')).toBe(a.end.text);
      expect(b.deltas.join('')).toBe(b.end.text);
      expect(fake.requests.length - calls).toBe(1);
      expect(await messagesOf(user)).toBe(2);
    } finally {
      fake.chunkDelayMs = 5;
    }
  });

  it('answers bad frames with error frames, keeps the connection, and writes nothing', async () => {
    const user = uniqueId('u');
    const sock = await TestSocket.open(app.wsUrl, await signToken(user));
    const calls = fake.requests.length;
    const cases: [unknown, string][] = [
      ['{not json', 'BAD_FRAME'],
      ['[1,2,3]', 'BAD_FRAME'],
      [{ type: 'chat.delete', id: 'x' }, 'UNKNOWN_FRAME'],
      [{ type: 'chat.send', id: 'no-text' }, 'BAD_FRAME'],
      [{ type: 'chat.send', id: 'bad id!', text: 'hi' }, 'BAD_FRAME'],
      [{ type: 'chat.send', id: 'empty', text: '   ' }, 'BAD_FRAME'],
      [{ type: 'chat.send', id: 'huge', text: 'x'.repeat(MAX_PAYLOAD * 2) }, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [frame, code] of cases) {
      const before = sock.frames.length;
      sock.send(frame);
      const err = await sock.next((f) => sock.frames.indexOf(f) >= before && f.type === 'error');
      expect(err.code, JSON.stringify(frame).slice(0, 60)).toBe(code);
      expect(typeof err.message).toBe('string');
      expect(String(err.message)).not.toMatch(/at .*\.ts:\d+/);
    }
    sock.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await sock.next((f) => f.type === 'error' && f.message === 'binary frames are not supported; send JSON text');
    sock.send({ type: 'ping' });
    await sock.next((f) => f.type === 'pong');
    sock.close();
    expect(fake.requests.length).toBe(calls);
    expect(await messagesOf(user)).toBe(0);
  });

  it('limits the frame rate of one connection without dropping it', async () => {
    const sock = await TestSocket.open(app.wsUrl, await signToken(uniqueId('u')));
    for (let i = 0; i < 60; i++) sock.send({ type: 'ping' });
    await sock.next((f) => f.type === 'error' && f.code === 'RATE_LIMITED');
    const pongs = () => sock.frames.filter((f) => f.type === 'pong').length;
    await new Promise((r) => setTimeout(r, 300));
    expect(pongs()).toBeGreaterThan(0);
    expect(pongs()).toBeLessThan(60);
    await new Promise((r) => setTimeout(r, 1_000)); // the bucket refills
    const before = pongs();
    sock.send({ type: 'ping' });
    await sock.next(() => pongs() > before);
    sock.close();
  });

  it('reports a provider failure as an error frame with a stable code', async () => {
    const user = uniqueId('u');
    fake.failNext({ kind: 'status', status: 401 });
    const sock = await TestSocket.open(app.wsUrl, await signToken(user));
    sock.send({ type: 'chat.send', id: 'will-fail', text: 'hello?' });
    const { end } = await sock.turn('will-fail');
    sock.close();
    expect(end).toMatchObject({ type: 'error', code: 'LLM_AUTH' });
    expect(await messagesOf(user)).toBe(0);
  });
});

describe('HTTP', () => {
  it('serves health, readiness and metrics', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { temporal: 'up', postgres: 'up', redis: 'up', workers: 'up' } });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^chat_turns_total\{outcome="done"\} [1-9]/m);
    expect(metrics).toContain('ws_connections');
  });

  it('answers unknown routes and malformed bodies with JSON errors', async () => {
    const missing = await fetch(`${app.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no such route' } });
    const bad = await fetch(`${app.url}/nope`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('BAD_REQUEST');
  });

  it('answers /readyz with 503 naming the dependencies that are down (here Redis, and the chat worker)', async () => {
    const down = await startApp({ worker: false, env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` } });
    try {
      const res = await fetch(`${down.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        status: 'unavailable',
        down: ['redis', 'workers'],
        checks: { temporal: 'up', postgres: 'up', redis: 'down', workers: 'down' },
      });
    } finally {
      await down.stop();
    }
  });
});
