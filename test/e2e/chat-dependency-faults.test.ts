// Chat turns while Redis or Postgres goes away at a chosen point, each on its own server for this file (the rest
// of the suite keeps the shared ones). A turn whose model call succeeded completes with its answer whatever is
// down; what it still owes (settle, persist) is settled durably once the server is back; a failure never hides
// behind its compensation. Invariants as in test/support/turn-invariants.ts.
import { chmodSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import { chatTurnWorkflowId, defaultConversationId } from '../../lib/chat.js';
import { createPool, type Db } from '../../lib/db.js';
import { migrate } from '../../lib/migrate.js';
import { createRedis, type RedisClient } from '../../lib/redis.js';
import { startPostgres, startRedis } from '../../scripts/stack/components.js';
import type { Managed } from '../../scripts/stack/process.js';
import { startApp, type App } from '../support/app.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { freePort } from '../support/ports.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';
import { billedToday, clientView, expectTurnHeld, storedTurn } from '../support/turn-invariants.js';
import { TestSocket } from '../support/ws-client.js';

const dir = mkdtempSync(join(process.env.SPARKLE_TEST_DATA_DIR!, 'chat-dependency-faults-'));
chmodSync(dir, 0o755); // as root, Postgres runs as the 'postgres' user and must reach its data directory
let s: Services;
let fake: FakeOpenAI;
let llm: string;

beforeAll(async () => {
  s = await connectServices();
  fake = new FakeOpenAI();
  fake.varyAnswers = true;
  fake.chunkDelayMs = 40; // an answer streams for a few seconds: long enough to stop a server in the middle
  llm = await fake.start();
});

afterAll(async () => {
  await fake?.stop();
  await s?.close();
});

const llmEnv = () => ({ LLM_BASE_URL: llm, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model' });
const settlement = (workflowId: string, label: 'finish' | 'release') => s.temporal.workflow.getHandle(`${workflowId}:settlement:${label}`);

async function turn(app: App, text: string) {
  const userId = uniqueId('dep');
  const id = 'm1';
  const sock = await TestSocket.open(app.wsUrl, await signToken(userId));
  const workflowId = chatTurnWorkflowId(userId, defaultConversationId(userId, id), id);
  sock.send({ type: 'chat.send', id, text });
  return { userId, id, sock, workflowId };
}

describe('Redis goes away during a chat turn', () => {
  let redisProc: Managed;
  let app: App;
  let redis: RedisClient;
  const server = { port: 0, dir: join(dir, 'redis'), logDir: dir, persist: true };

  beforeAll(async () => {
    server.port = await freePort();
    redisProc = await startRedis(server);
    const url = `redis://127.0.0.1:${server.port}`;
    redis = createRedis('test', url);
    app = await startApp({ env: { ...llmEnv(), REDIS_URL: url } });
  });

  afterAll(async () => {
    await app?.stop();
    redis?.disconnect();
    await redisProc?.stop();
  });

  it('mid-stream: the answer completes while Redis is down, from one model call, and is billed once when it is back', async () => {
    const before = fake.requests.length;
    const t = await turn(app, 'Why does ice float on water?');
    await t.sock.next((f) => f.id === t.id && f.type === 'chat.delta');
    await redisProc.stop(); // SIGTERM: Redis writes its append-only file and exits

    const { end } = await t.sock.turn(t.id); // Redis is still down
    expect(end.type).toBe('chat.done');
    expect(clientView(t.sock, t.id).text).toBe(end.text); // live deltas stopped; chat.done carried the rest
    expect(fake.requests.length - before).toBe(1);
    expect(await storedTurn(s.db, t.workflowId)).toEqual({ rows: 2, answer: end.text });

    redisProc = await startRedis(server);
    await settlement(t.workflowId, 'finish').result(); // the quota's settlement, handed off while Redis was down
    await expectTurnHeld({ ...t, db: s.db, redis });
    t.sock.close();
  }, 120_000);

  it('a reservation that cannot be released now never hides the turn\'s own error, and is released later', async () => {
    const before = fake.requests.length;
    fake.failNext({ kind: 'status', status: 400, afterMs: 2_000 }); // our request is wrong: not retryable
    const t = await turn(app, 'What is the capital of Australia?');
    await t.sock.next((f) => f.id === t.id && f.type === 'chat.accepted');
    while (fake.requests.length === before) await new Promise((r) => setTimeout(r, 20));
    expect(await billedToday(redis, t.userId)).toBeGreaterThan(0); // the reservation
    await redisProc.stop();

    const { end } = await t.sock.turn(t.id);
    expect(end).toMatchObject({ type: 'error', code: 'LLM_BAD_REQUEST' });
    expect(JSON.stringify(end)).not.toMatch(/redis|ECONNREFUSED|stack/i);

    redisProc = await startRedis(server);
    await settlement(t.workflowId, 'release').result();
    expect(await billedToday(redis, t.userId)).toBe(0);
    expect(await storedTurn(s.db, t.workflowId)).toEqual({ rows: 0 });
    t.sock.close();
  }, 120_000);
});

describe('Postgres goes away after the answer has begun', () => {
  let pg: Managed;
  let app: App;
  let db: Db;
  const server = { port: 0, dataDir: join(dir, 'postgres'), logDir: dir };

  beforeAll(async () => {
    server.port = await freePort();
    pg = await startPostgres(server);
    const url = `postgres://postgres@127.0.0.1:${server.port}/postgres`;
    await migrate(url);
    db = createPool(url, 2);
    app = await startApp({ env: { ...llmEnv(), DATABASE_URL: url } });
  });

  afterAll(async () => {
    await app?.stop();
    await db?.end();
    await pg?.stop();
  });

  it('the turn completes with its answer, a resend returns it, and it is persisted once when Postgres is back', async () => {
    const before = fake.requests.length;
    const t = await turn(app, 'How do vaccines train the immune system?');
    await t.sock.next((f) => f.id === t.id && f.type === 'chat.delta');
    pg.child.kill('SIGINT'); // fast shutdown: open connections are cut
    await new Promise((r) => pg.child.once('exit', r));

    const { end } = await t.sock.turn(t.id); // Postgres is still down
    expect(end.type).toBe('chat.done');
    expect(clientView(t.sock, t.id).text).toBe(end.text);
    // A resend (a reconnecting client) gets the same answer, from the same model call.
    const again = await TestSocket.open(app.wsUrl, await signToken(t.userId));
    again.send({ type: 'chat.send', id: t.id, text: 'How do vaccines train the immune system?' });
    expect((await again.turn(t.id)).end).toMatchObject({ type: 'chat.done', text: end.text });
    expect(fake.requests.length - before).toBe(1);

    pg = await startPostgres(server);
    await settlement(t.workflowId, 'finish').result();
    await expectTurnHeld({ ...t, db, redis: s.redis });
    again.close();
    t.sock.close();
  }, 120_000);
});
