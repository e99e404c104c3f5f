// Postgres restarts during batch writes, Redis during chat turns: each on its own server for this file (the rest of
// the suite keeps the shared ones). Activities retry through the outage; nothing is lost or written twice, and
// what a user sees meanwhile is a clear error with a stable code, never a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuotaStore } from '../../activities/security/stores/quota.js';
import { signToken } from '../../lib/auth.js';
import { ApiClient } from '../support/api-client.js';
import { startApp, type App } from '../support/app.js';
import { modelFixture } from '../support/e2e.js';
import { ownPostgres, ownRedis } from '../support/own-servers.js';
import { uniqueId } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';

const m = modelFixture();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Postgres restart during batch writes', () => {
  const pg = ownPostgres('dependency-restart');
  let app: App;

  beforeAll(async () => {
    app = await startApp({ jobs: true, worker: false, env: { ...m.llmEnv(), DATABASE_URL: pg.url, KNOWLEDGE_IMPORT_CHUNK: '100' } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('finishes the import and the notes once Postgres is back, each row once; meanwhile reads answer 503', async () => {
    const user = uniqueId('pgr');
    const api = await ApiClient.as(app.url, user);
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ title: `Fact ${i}`, content: `Fact ${i}: case ${i * 7919} of ${i % 97}.` })).join(
      '\n',
    );
    const imported = await api.request('POST', '/knowledge-nodes/import', lines, { 'content-type': 'application/x-ndjson' });
    expect(imported.status).toBe(202);
    const source = `import:${imported.body.importId}`;
    const count = async () => (await pg.db.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_nodes WHERE source = $1', [source])).rows[0]!.n;
    while ((await count()) < 300) await pause(50);

    await pg.kill(); // fast shutdown: open connections are cut, in-flight transactions roll back
    const notes = await Promise.all(
      [0, 1, 2].map((i) => api.post('/knowledge-nodes', { title: `Outage note ${i}`, content: `Written while the database was down (${i}).` })),
    );
    expect(notes.map((n) => n.status)).toEqual([202, 202, 202]); // accepted: the jobs wait in Temporal, not in Postgres
    const read = await api.get('/knowledge-nodes');
    expect(read.status).toBe(503);
    expect(read.body.error.code).toBe('DEPENDENCY_DOWN');
    expect(read.headers.get('retry-after')).toMatch(/^\d+$/);
    await pause(3_000);
    await pg.start();

    const results = await Promise.all(
      [imported.body.workflowId, ...notes.map((n) => n.body.workflowId)].map((id) => m.s.temporal.workflow.getHandle(id).result()),
    );
    expect(results[0].created + results[0].merged + results[0].blocked).toBe(3000);
    expect(results.slice(1).map((r) => r.status)).toEqual(['created', 'created', 'created']);
    const { rows } = await pg.db.query<{ source: string; n: number; ids: number }>(
      'SELECT source, count(*)::int AS n, count(DISTINCT id)::int AS ids FROM knowledge_nodes WHERE user_id = $1 GROUP BY source ORDER BY source',
      [user],
    );
    expect(rows).toEqual([
      { source: 'api', n: 3, ids: 3 },
      { source, n: 3000, ids: 3000 },
    ]);
    expect((await api.get('/knowledge-nodes')).status).toBe(200);
    expect(app.jobsWorker!.child.exitCode).toBeNull(); // the same worker rode it out: a lost connection never crashes it
  }, 180_000);
});

describe('Redis restart during chat turns', () => {
  const redis = ownRedis('dependency-restart');
  let app: App;

  beforeAll(async () => {
    app = await startApp({ env: { ...m.llmEnv(), REDIS_URL: redis.url } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('completes the turns in flight once, bills them once, and answers clear errors meanwhile', async () => {
    const user = uniqueId('rr');
    const sock = await TestSocket.open(app.wsUrl, await signToken(user));
    m.fake.chunkDelayMs = 60;
    try {
      for (const id of ['a', 'b']) sock.send({ type: 'chat.send', id, text: `How do plants drink water? (${id})` });
      const accepted = await Promise.all(['a', 'b'].map((id) => sock.next((f) => f.id === id && f.type === 'chat.accepted')));
      await sock.next((f) => f.type === 'chat.delta');

      await redis.stop(); // SIGTERM: Redis writes its append-only file and exits
      const during = await ApiClient.as(app.url, user).then((api) => api.post('/knowledge-nodes', { title: 'x', content: 'y' }));
      expect([202, 503]).toContain(during.status); // the job rate limit fails open; never a 500
      await pause(3_000);
      await redis.start();

      const results = await Promise.all(accepted.map((f) => m.s.temporal.workflow.getHandle(f.workflowId as string).result()));
      for (const r of results) expect(r.status).toBe('done');
      for (const id of ['a', 'b']) {
        const { deltas, end } = await sock.turn(id);
        if (end.type === 'chat.done') expect(end.text).toBe(deltas.join(''));
        else expect(end).toMatchObject({ type: 'error', code: 'DEPENDENCY_DOWN' });
      }
      const { rows } = await m.s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE user_id = $1', [user]);
      expect(rows[0]!.n).toBe(4);
      // Billed once each: today's usage is exactly the two turns' settled tokens.
      const day = new Date().toISOString().slice(0, 10);
      const billed = results.reduce((n, r) => n + r.usage.promptTokens + r.usage.completionTokens, 0);
      expect(await new QuotaStore(redis.client, { dailyTokens: 1, requestsPerMinute: 1, concurrentTurns: 1, leaseMs: 1 }).usedToday(user, day)).toBe(billed);

      sock.send({ type: 'chat.send', id: 'after', text: 'And what about cacti?' });
      expect((await sock.turn('after')).end.type).toBe('chat.done');
    } finally {
      m.fake.chunkDelayMs = 5;
      sock.close();
    }
  }, 180_000);
});
