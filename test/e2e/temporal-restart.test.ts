// The Temporal dev server restarts (its SQLite file survives) while chat turns, knowledge-node jobs and an import
// are in flight. The workers and the gateway reconnect by themselves; every workflow completes once the server is
// back, and every row is written exactly once.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import { startTemporal } from '../../scripts/stack/components.js';
import type { Managed } from '../../scripts/stack/process.js';
import { ApiClient } from '../support/api-client.js';
import { startApp, type App } from '../support/app.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { freePort } from '../support/ports.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';

let s: Services;
let fake: FakeOpenAI;
let temporal: Managed;
let app: App;
let client: Client;
const dir = mkdtempSync(join(process.env.SPARKLE_TEST_DATA_DIR!, 'temporal-restart-'));
const server = { port: 0, dbFile: join(dir, 'temporal.sqlite'), logDir: dir };

beforeAll(async () => {
  s = await connectServices();
  fake = new FakeOpenAI();
  const llm = await fake.start();
  server.port = await freePort();
  temporal = await startTemporal(server);
  const address = `127.0.0.1:${server.port}`;
  client = new Client({ connection: await Connection.connect({ address }) });
  app = await startApp({
    jobs: true,
    env: { TEMPORAL_ADDRESS: address, LLM_BASE_URL: llm, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model', KNOWLEDGE_IMPORT_CHUNK: '100' },
  });
});

afterAll(async () => {
  await app?.stop();
  await client?.connection.close();
  await temporal?.stop();
  await fake?.stop();
  await s?.close();
});

describe('Temporal dev server restart', () => {
  it('completes every in-flight workflow once the server is back, writing each row once', async () => {
    const user = uniqueId('tr');
    const api = await ApiClient.as(app.url, user);
    const sock = await TestSocket.open(app.wsUrl, await signToken(user));
    fake.chunkDelayMs = 60; // chat answers stream for ~2 s: the restart lands mid-stream

    const nodes = await Promise.all(
      [0, 1, 2].map((i) =>
        api.post('/knowledge-nodes', { title: `Restart note ${i}`, content: `Topic ${i}: ${['tides', 'orbits', 'magnets'][i]} and how they work.` }),
      ),
    );
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ title: `Line ${i}`, content: `Imported fact ${i}, case ${i * 7919}.` })).join('\n');
    const imported = await api.request('POST', '/knowledge-nodes/import', lines, { 'content-type': 'application/x-ndjson' });
    expect(imported.status).toBe(202);
    for (const id of ['c1', 'c2']) sock.send({ type: 'chat.send', id, text: `Explain photosynthesis simply (${id}).` });
    await sock.next((f) => f.type === 'chat.delta');

    // Really in flight: the import is part-way and no answer is complete when the server goes away.
    const part = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM knowledge_nodes WHERE source = $1`, [`import:${imported.body.importId}`]);
    expect(part.rows[0]!.n).toBeLessThan(2000);
    expect(sock.frames.filter((f) => f.type === 'chat.done')).toEqual([]);
    await temporal.stop(); // SIGTERM: the dev server shuts down cleanly, its SQLite file stays
    await new Promise((r) => setTimeout(r, 2_000));
    temporal = await startTemporal(server);

    const workflowIds = [...nodes.map((n) => n.body.workflowId as string), imported.body.workflowId as string];
    const results = await Promise.all(workflowIds.map((id) => client.workflow.getHandle(id).result()));
    expect(results.slice(0, 3).map((r) => r.status)).toEqual(['created', 'created', 'created']);
    expect(results[3].created + results[3].merged + results[3].blocked).toBe(2000);
    const { rows } = await s.db.query<{ source: string; n: number; ids: number }>(
      `SELECT source, count(*)::int AS n, count(DISTINCT id)::int AS ids FROM knowledge_nodes WHERE user_id = $1 GROUP BY source ORDER BY source`,
      [user],
    );
    expect(rows).toEqual([
      { source: 'api', n: 3, ids: 3 },
      { source: `import:${imported.body.importId}`, n: 2000, ids: 2000 },
    ]);

    // The chat turns: each completes in Temporal; the socket got either the answer or a clear error frame.
    for (const id of ['c1', 'c2']) {
      const accepted = await sock.next((f) => f.id === id && f.type === 'chat.accepted');
      expect(await client.workflow.getHandle(accepted.workflowId as string).result()).toMatchObject({ status: 'done' });
      const end = (await sock.turn(id)).end;
      expect(['chat.done', 'error']).toContain(end.type);
      if (end.type === 'error') expect(end.code).toBe('DEPENDENCY_DOWN');
    }
    const turns = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE user_id = $1`, [user]);
    expect(turns.rows[0]!.n).toBe(4); // two turns, a question and an answer each, once
    sock.close();
  }, 180_000);
});
