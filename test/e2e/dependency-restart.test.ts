// Postgres restarts during batch writes, Redis during chat turns: each on its own server for this file (the rest of
// the suite keeps the shared ones). Activities retry through the outage; nothing is lost or written twice, and
// what a user sees meanwhile is a clear error with a stable code, never a stack trace.
import { chmodSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuotaStore } from '../../activities/security/quota.js';
import { signToken } from '../../lib/auth.js';
import { migrate } from '../../lib/migrate.js';
import { startPostgres, startRedis } from '../../scripts/stack/components.js';
import type { Managed } from '../../scripts/stack/process.js';
import { ApiClient } from '../support/api-client.js';
import { startApp, type App } from '../support/app.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { freePort } from '../support/ports.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';
import { createPool, type Db } from '../../lib/db.js';
import { createRedis, type RedisClient } from '../../lib/redis.js';

const dir = mkdtempSync(join(process.env.SPARKLE_TEST_DATA_DIR!, 'dependency-restart-'));
chmodSync(dir, 0o755); // as root, Postgres runs as the 'postgres' user and must reach its data directory
let s: Services;
let fake: FakeOpenAI;
let llm: string;

beforeAll(async () => {
  s = await connectServices();
  fake = new FakeOpenAI();
  llm = await fake.start();
});

afterAll(async () => {
  await fake?.stop();
  await s?.close();
});

const llmEnv = () => ({ LLM_BASE_URL: llm, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model' });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Postgres restart during batch writes', () => {
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
    app = await startApp({ jobs: true, worker: false, env: { ...llmEnv(), DATABASE_URL: url, KNOWLEDGE_IMPORT_CHUNK: '100' } });
  });

  afterAll(async () => {
    await app?.stop();
    await db?.end();
    await pg?.stop();
  });

  it('finishes the import and the notes once Postgres is back, each row once; meanwhile reads answer 503', async () => {
    const user = uniqueId('pgr');
    const api = await ApiClient.as(app.url, user);
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ title: `Fact ${i}`, content: `Fact ${i}: case ${i * 7919} of ${i % 97}.` })).join('\n');
    const imported = await api.request('POST', '/knowledge-nodes/import', lines, { 'content-type': 'application/x-ndjson' });
    expect(imported.status).toBe(202);
    const source = `import:${imported.body.importId}`;
    const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_nodes WHERE source = $1', [source])).rows[0]!.n;
    while ((await count()) < 300) await pause(50);

    pg.child.kill('SIGINT'); // fast shutdown: open connections are cut, in-flight transactions roll back
    await new Promise((r) => pg.child.once('exit', r));
    const notes = await Promise.all([0, 1, 2].map((i) => api.post('/knowledge-nodes', { title: `Outage note ${i}`, content: `Written while the database was down (${i}).` })));
    expect(notes.map((n) => n.status)).toEqual([202, 202, 202]); // accepted: the jobs wait in Temporal, not in Postgres
    const read = await api.get('/knowledge-nodes');
    expect(read.status).toBe(503);
    expect(read.body.error.code).toBe('DEPENDENCY_DOWN');
    expect(read.headers.get('retry-after')).toMatch(/^\d+$/);
    await pause(3_000);
    pg = await startPostgres(server);

    const results = await Promise.all([imported.body.workflowId, ...notes.map((n) => n.body.workflowId)].map((id) => s.temporal.workflow.getHandle(id).result()));
    expect(results[0].created + results[0].merged + results[0].blocked).toBe(3000);
    expect(results.slice(1).map((r) => r.status)).toEqual(['created', 'created', 'created']);
    const { rows } = await db.query<{ source: string; n: number; ids: number }>(
      'SELECT source, count(*)::int AS n, count(DISTINCT id)::int AS ids FROM knowledge_nodes WHERE user_id = $1 GROUP BY source ORDER BY source', [user]);
    expect(rows).toEqual([{ source: 'api', n: 3, ids: 3 }, { source, n: 3000, ids: 3000 }]);
    expect((await api.get('/knowledge-nodes')).status).toBe(200);
    expect(app.jobsWorker!.child.exitCode).toBeNull(); // the same worker rode it out: a lost connection never crashes it
  }, 180_000);
});

describe('Redis restart during chat turns', () => {
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

  it('completes the turns in flight once, bills them once, and answers clear errors meanwhile', async () => {
    const user = uniqueId('rr');
    const sock = await TestSocket.open(app.wsUrl, await signToken(user));
    fake.chunkDelayMs = 60;
    try {
      for (const id of ['a', 'b']) sock.send({ type: 'chat.send', id, text: `How do plants drink water? (${id})` });
      const accepted = await Promise.all(['a', 'b'].map((id) => sock.next((f) => f.id === id && f.type === 'chat.accepted')));
      await sock.next((f) => f.type === 'chat.delta');

      await redisProc.stop(); // SIGTERM: Redis writes its append-only file and exits
      const during = await ApiClient.as(app.url, user).then((api) => api.post('/knowledge-nodes', { title: 'x', content: 'y' }));
      expect([202, 503]).toContain(during.status); // the job rate limit fails open; never a 500
      await pause(3_000);
      redisProc = await startRedis(server);

      const results = await Promise.all(accepted.map((f) => s.temporal.workflow.getHandle(f.workflowId as string).result()));
      for (const r of results) expect(r.status).toBe('done');
      for (const id of ['a', 'b']) {
        const { deltas, end } = await sock.turn(id);
        if (end.type === 'chat.done') expect(end.text).toBe(deltas.join(''));
        else expect(end).toMatchObject({ type: 'error', code: 'DEPENDENCY_DOWN' });
      }
      const { rows } = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE user_id = $1', [user]);
      expect(rows[0]!.n).toBe(4);
      // Billed once each: today's usage is exactly the two turns' settled tokens.
      const day = new Date().toISOString().slice(0, 10);
      const billed = results.reduce((n, r) => n + r.usage.promptTokens + r.usage.completionTokens, 0);
      expect(await new QuotaStore(redis, { dailyTokens: 1, requestsPerMinute: 1, concurrentTurns: 1, leaseMs: 1 }).usedToday(user, day)).toBe(billed);

      sock.send({ type: 'chat.send', id: 'after', text: 'And what about cacti?' });
      expect((await sock.turn('after')).end.type).toBe('chat.done');
    } finally {
      fake.chunkDelayMs = 5;
      sock.close();
    }
  }, 180_000);
});
