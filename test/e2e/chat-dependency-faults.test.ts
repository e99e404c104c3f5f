// Chat turns while Redis or Postgres goes away at a chosen point, each on its own server for this file (the rest
// of the suite keeps the shared ones). A turn whose model call succeeded completes with its answer whatever is
// down; what it still owes (settle, persist) is settled durably once the server is back; a failure never hides
// behind its compensation. Invariants as in test/support/turn-invariants.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import { startApp, type App } from '../support/app.js';
import { modelFixture } from '../support/e2e.js';
import { ownPostgres, ownRedis } from '../support/own-servers.js';
import { billedToday, clientView, expectTurnHeld, startTurn, storedTurn } from '../support/turn-invariants.js';
import { TestSocket } from '../support/ws-client.js';

const m = modelFixture((fake) => {
  fake.varyAnswers = true;
  fake.chunkDelayMs = 40; // an answer streams for a few seconds: long enough to stop a server in the middle
});
const settlement = (workflowId: string, label: 'finish' | 'release') => m.s.temporal.workflow.getHandle(`${workflowId}:settlement:${label}`);

describe('Redis goes away during a chat turn', () => {
  const redis = ownRedis('chat-redis-faults');
  let app: App;
  beforeAll(async () => {
    app = await startApp({ env: { ...m.llmEnv(), REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('mid-stream: the answer completes while Redis is down, from one model call, and is billed once when it is back', async () => {
    const before = m.fake.requests.length;
    const t = await startTurn(app.wsUrl, 'Why does ice float on water?');
    await t.sock.next((f) => f.id === t.id && f.type === 'chat.delta');
    await redis.stop(); // SIGTERM: Redis writes its append-only file and exits

    const { end } = await t.sock.turn(t.id); // Redis is still down
    expect(end.type).toBe('chat.done');
    expect(clientView(t.sock, t.id).text).toBe(end.text); // live deltas stopped; chat.done carried the rest
    expect(m.fake.requests.length - before).toBe(1);
    expect(await storedTurn(m.s.db, t.workflowId)).toEqual({ rows: 2, answer: end.text });

    await redis.start();
    await settlement(t.workflowId, 'finish').result(); // the quota's settlement, handed off while Redis was down
    await expectTurnHeld({ ...t, db: m.s.db, redis: redis.client });
    t.sock.close();
  }, 120_000);

  it("a reservation that cannot be released now never hides the turn's own error, and is released later", async () => {
    const before = m.fake.requests.length;
    m.fake.failNext({ kind: 'status', status: 400, afterMs: 2_000 }); // our request is wrong: not retryable
    const t = await startTurn(app.wsUrl, 'What is the capital of Australia?');
    await t.sock.next((f) => f.id === t.id && f.type === 'chat.accepted');
    while (m.fake.requests.length === before) await new Promise((r) => setTimeout(r, 20));
    expect(await billedToday(redis.client, t.userId)).toBeGreaterThan(0); // the reservation
    await redis.stop();

    const { end } = await t.sock.turn(t.id);
    expect(end).toMatchObject({ type: 'error', code: 'LLM_BAD_REQUEST' });
    expect(JSON.stringify(end)).not.toMatch(/redis|ECONNREFUSED|stack/i);

    await redis.start();
    await settlement(t.workflowId, 'release').result();
    expect(await billedToday(redis.client, t.userId)).toBe(0);
    expect(await storedTurn(m.s.db, t.workflowId)).toEqual({ rows: 0 });
    t.sock.close();
  }, 120_000);
});

describe('Postgres goes away after the answer has begun', () => {
  const pg = ownPostgres('chat-postgres-faults');
  let app: App;
  beforeAll(async () => {
    app = await startApp({ env: { ...m.llmEnv(), DATABASE_URL: pg.url } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('the turn completes with its answer, a resend returns it, and it is persisted once when Postgres is back', async () => {
    const before = m.fake.requests.length;
    const t = await startTurn(app.wsUrl, 'How do vaccines train the immune system?');
    await t.sock.next((f) => f.id === t.id && f.type === 'chat.delta');
    await pg.kill();

    const { end } = await t.sock.turn(t.id); // Postgres is still down
    expect(end.type).toBe('chat.done');
    expect(clientView(t.sock, t.id).text).toBe(end.text);
    // A resend (a reconnecting client) gets the same answer, from the same model call.
    const again = await TestSocket.open(app.wsUrl, await signToken(t.userId));
    again.send({ type: 'chat.send', id: t.id, text: 'How do vaccines train the immune system?' });
    expect((await again.turn(t.id)).end).toMatchObject({ type: 'chat.done', text: end.text });
    expect(m.fake.requests.length - before).toBe(1);

    await pg.start();
    await settlement(t.workflowId, 'finish').result();
    await expectTurnHeld({ ...t, db: pg.db, redis: m.s.redis });
    again.close();
    t.sock.close();
  }, 120_000);
});
