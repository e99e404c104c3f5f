// The maintenance workflow and its schedule on the real Temporal dev server and Postgres.
import type { Worker } from '@temporalio/worker';
import pgvector from 'pgvector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWriters } from '../../activities/writers.js';
import { config } from '../../lib/config.js';
import { offlineEmbedding } from '../../lib/embeddings/offline-embedder.js';
import { buildWorker } from '../../workers/build.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { MAINTENANCE_SCHEDULE_ID, ensureMaintenanceSchedule } from '../../workers/schedules.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let s: Services;
let worker: Worker;
let running: Promise<void>;
let deps: ReturnType<typeof buildActivityDeps>;
const taskQueue = uniqueId('maint');

beforeAll(async () => {
  s = await connectServices();
  deps = buildActivityDeps(config(), s);
  worker = await buildWorker({
    connection: s.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! },
    deps,
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await closeWriters(deps.writers);
  await s?.close();
});

describe('maintenance', () => {
  it('deletes expired cache entries and abandoned import staging, and keeps the rest', async () => {
    const user = uniqueId('maint');
    const vector = pgvector.toSql(offlineEmbedding('question', 384));
    await s.db.query(
      `INSERT INTO semantic_cache (id, user_id, embedding, embedding_space, answer, model, expires_at) VALUES
         ($1, $3, $4, 'test', 'old', 'm', now() - interval '1 minute'), ($2, $3, $4, 'test', 'fresh', 'm', now() + interval '1 hour')`,
      [`${user}:old`, `${user}:fresh`, user, vector],
    );
    const [oldImport, newImport] = [crypto.randomUUID(), crypto.randomUUID()];
    await s.db.query(
      `INSERT INTO knowledge_imports (id, user_id, total_lines, workflow_id, created_at) VALUES
         ($1, $3, 2, 'w1', now() - interval '8 days'), ($2, $3, 2, 'w2', now())`,
      [oldImport, newImport, user],
    );
    await s.db.query(
      `INSERT INTO knowledge_import_lines (import_id, line_no, title, content)
       SELECT i, n, 't', 'c' FROM unnest($1::uuid[]) AS i, generate_series(0, 1) AS n`,
      [[oldImport, newImport]],
    );

    const result = await s.temporal.workflow.execute('maintenanceWorkflow', { taskQueue, workflowId: uniqueId('maintenance') });
    expect(result.cacheEntries).toBeGreaterThanOrEqual(1);
    expect(result.stagedImportLines).toBeGreaterThanOrEqual(2);
    const cache = await s.db.query('SELECT answer FROM semantic_cache WHERE user_id = $1', [user]);
    expect(cache.rows).toEqual([{ answer: 'fresh' }]);
    const staged = await s.db.query('SELECT DISTINCT import_id FROM knowledge_import_lines WHERE import_id = ANY($1::uuid[])', [[oldImport, newImport]]);
    expect(staged.rows).toEqual([{ import_id: newImport }]);
  });

  it('creates the hourly schedule once, and finds it on the next start', async () => {
    await ensureMaintenanceSchedule(s.temporal, taskQueue);
    await ensureMaintenanceSchedule(s.temporal, taskQueue); // a second worker start: no error, no second schedule
    const d = await s.temporal.schedule.getHandle(MAINTENANCE_SCHEDULE_ID).describe();
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'maintenanceWorkflow' });
    expect(d.spec.intervals?.[0]?.every).toBe(3_600_000);
  });
});
