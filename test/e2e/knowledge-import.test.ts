// Bulk import: a JSON-lines upload is validated and staged atomically; the import workflow works through it in
// checkpointed chunks. Two jobs workers poll its queue: when the one running the import is killed (SIGKILL, no
// draining), the other takes the activity over once its heartbeat timeout passes and resumes from the last
// checkpoint without writing any line twice.
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowFailedError } from '@temporalio/client';
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../scripts/stack/process.js';
import { ApiClient } from '../support/api-client.js';
import { startApp, type App } from '../support/app.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let app: App;
let s: Services;
const CHUNK = 100;
const MAX_LINE_BYTES = 64 * 1024;
/** workflows/knowledge-import.ts: the import activity's heartbeat timeout. */
const HEARTBEAT_TIMEOUT_MS = 15_000;

beforeAll(async () => {
  s = await connectServices();
  // The offline embedder: no model endpoint is needed for imports.
  app = await startApp({
    jobs: 2,
    worker: false,
    env: { KNOWLEDGE_IMPORT_CHUNK: String(CHUNK), KNOWLEDGE_IMPORT_MAX_LINES: '5000', KNOWLEDGE_IMPORT_MAX_LINE_BYTES: String(MAX_LINE_BYTES) },
  });
});

afterAll(async () => {
  await app?.stop();
  await s?.close();
});

const TOPICS = ['cell', 'atom', 'river', 'poem', 'market', 'planet', 'engine', 'forest', 'law', 'melody'];
const WORDS = ['energy', 'structure', 'history', 'pattern', 'growth', 'balance', 'signal', 'motion', 'memory', 'surface', 'cycle', 'language'];

/** Distinct notes (each line names its own number and a word mix), plus exact repeats at known lines. */
function ndjson(lines: number, repeatEvery = 0): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const n = repeatEvery && i % repeatEvery === repeatEvery - 1 ? i - 1 : i;
    const words = [0, 3, 7].map((k) => WORDS[(n * (k + 1) + k) % WORDS.length]).join(' ');
    out.push(
      JSON.stringify({
        title: `Note ${n} about the ${TOPICS[n % TOPICS.length]}`,
        content: `Entry number ${n}: the ${TOPICS[(n * 7) % TOPICS.length]} shows ${words} in case ${n * 13}, code ${(n * 7919) % 100_003}, ref ${(n * 104_729) % 99_991}.`,
        tags: ['import'],
      }),
    );
  }
  return out.join('\n') + '\n';
}

const rowsOf = async (importId: string) =>
  (
    await s.db.query<{ n: number; ids: number; merged: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids, count(duplicate_of)::int AS merged FROM knowledge_nodes WHERE source = $1`,
      [`import:${importId}`],
    )
  ).rows[0]!;

const NDJSON = { 'content-type': 'application/x-ndjson' };

/**
 * Holds a lock that lets knowledge_nodes be read but not written, until release(): an import's chunk then stalls
 * at its write for as long as the test likes, the way a slow database or embedding would stall it.
 */
async function blockNodeWrites(): Promise<{ stalled(): Promise<void>; release(): Promise<void> }> {
  const locker: PoolClient = await s.db.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE knowledge_nodes IN SHARE ROW EXCLUSIVE MODE');
  return {
    stalled: () =>
      waitUntil(
        'a write to knowledge_nodes waiting for the lock',
        async () => ((await s.db.query(`SELECT 1 FROM pg_locks WHERE relation = 'knowledge_nodes'::regclass AND NOT granted`)).rowCount ?? 0) > 0,
        { timeoutMs: 60_000 },
      ),
    async release() {
      await locker.query('COMMIT');
      locker.release();
    },
  };
}

/** The attempt each activity of the workflow completed in, by activity type. */
async function attemptsOf(workflowId: string): Promise<Record<string, number>> {
  const events = (await s.temporal.workflow.getHandle(workflowId).fetchHistory()).events!;
  const types = new Map(
    events.filter((e) => e.activityTaskScheduledEventAttributes).map((e) => [String(e.eventId), e.activityTaskScheduledEventAttributes!.activityType!.name!]),
  );
  return Object.fromEntries(
    events
      .filter((e) => e.activityTaskStartedEventAttributes)
      .map((e) => [types.get(String(e.activityTaskStartedEventAttributes!.scheduledEventId)), e.activityTaskStartedEventAttributes!.attempt]),
  );
}

describe('bulk import under faults', () => {
  it('heartbeats through a chunk slower than its heartbeat timeout: one attempt, every line once', async () => {
    const api = await ApiClient.as(app.url, uniqueId('imp'));
    const writes = await blockNodeWrites();
    let res;
    try {
      res = await api.post('/knowledge-nodes/import', ndjson(3 * CHUNK), NDJSON);
      expect(res.status).toBe(202);
      await writes.stalled();
      await sleep(HEARTBEAT_TIMEOUT_MS + 5_000); // the first chunk now takes longer than the heartbeat timeout
    } finally {
      await writes.release();
    }
    const result = await s.temporal.workflow.getHandle(res.body.workflowId).result();
    // No second attempt was started beside the first (today's only attempt was 1), and nothing was redone.
    expect((await attemptsOf(res.body.workflowId)).importKnowledgeLines).toBe(1);
    expect(result).toMatchObject({ created: 3 * CHUNK, merged: 0, resumedFrom: 0 });
    expect(await rowsOf(res.body.importId)).toEqual({ n: 3 * CHUNK, ids: 3 * CHUNK, merged: 0 });
  }, 120_000);

  it('fails naming the lines when staged lines are missing, instead of reporting success without them', async () => {
    const user = uniqueId('imp');
    const api = await ApiClient.as(app.url, user);
    const writes = await blockNodeWrites();
    let res;
    try {
      res = await api.post('/knowledge-nodes/import', ndjson(3 * CHUNK), NDJSON);
      await writes.stalled(); // the first chunk is read and being written
      // Lines of the second chunk vanish (purged as abandoned, say) before the import reaches them.
      await s.db.query('DELETE FROM knowledge_import_lines WHERE import_id = $1 AND line_no >= $2 AND line_no < $3', [
        res.body.importId,
        1.5 * CHUNK,
        2 * CHUNK,
      ]);
    } finally {
      await writes.release();
    }
    const err = await s.temporal.workflow
      .getHandle(res.body.workflowId)
      .result()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = JSON.stringify((err as WorkflowFailedError).cause);
    expect(cause).toContain('IMPORT_INCOMPLETE');
    expect(cause).toContain(`lines ${CHUNK + 1}-${2 * CHUNK}`);
    expect((await rowsOf(res.body.importId)).n).toBe(CHUNK); // the first chunk, nothing after the gap
    const task = await api.get(`/tasks/${encodeURIComponent(res.body.workflowId)}`);
    expect(task.body).toMatchObject({ status: 'failed', error: { code: 'IMPORT_INCOMPLETE' } });
  }, 120_000);

  it('keeps one original per note when imports and single notes of one user race', async () => {
    const user = uniqueId('imp');
    const api = await ApiClient.as(app.url, user);
    const LINES = 5 * CHUNK;
    const body = ndjson(LINES);
    const first = JSON.parse(body.split('\n')[0]!) as { title: string; content: string };
    const answers = await Promise.all([
      api.post('/knowledge-nodes/import', body, { ...NDJSON, 'idempotency-key': 'twin-a' }),
      api.post('/knowledge-nodes/import', body, { ...NDJSON, 'idempotency-key': 'twin-b' }),
      ...Array.from({ length: 4 }, () => api.post('/knowledge-nodes', first)),
    ]);
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(202));
    await Promise.all(answers.map((a) => s.temporal.workflow.getHandle(a.body.workflowId).result()));
    const { rows } = await s.db.query<{ title: string; n: number; originals: number; misplaced: number }>(
      `SELECT d.title, count(*)::int AS n, count(*) FILTER (WHERE d.duplicate_of IS NULL)::int AS originals,
              count(*) FILTER (WHERE d.duplicate_of IS NOT NULL AND o.title IS DISTINCT FROM d.title)::int AS misplaced
         FROM knowledge_nodes d LEFT JOIN knowledge_nodes o ON o.id = d.duplicate_of
        WHERE d.user_id = $1 GROUP BY d.title`,
      [user],
    );
    expect(rows).toHaveLength(LINES);
    const wrong = rows.filter((r) => r.originals !== 1 || r.misplaced !== 0 || r.n !== (r.title === first.title ? 6 : 2));
    expect(wrong).toEqual([]);
  }, 120_000);
});

describe('bulk import', () => {
  it('is taken over by the other worker after the one running it is killed, writing every line exactly once', async () => {
    const LINES = 3000;
    const api = await ApiClient.as(app.url, uniqueId('imp'));
    const res = await api.post('/knowledge-nodes/import', ndjson(LINES, 50), { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(202);
    expect(res.body.lines).toBe(LINES);
    const handle = s.temporal.workflow.getHandle(res.body.workflowId);

    // Once a few chunks are committed, stall the import at its next write, and kill its worker as soon as the
    // server holds a checkpoint past line 0 (the SDK throttles heartbeats to one per ~0.8 heartbeat timeout).
    const deadline = Date.now() + 60_000;
    while ((await rowsOf(res.body.importId)).n < 6 * CHUNK && Date.now() < deadline) await sleep(50);
    const writes = await blockNodeWrites();
    let victim, killedAt;
    try {
      await writes.stalled();
      const checkpoint = async () => ((await api.get(`/tasks/${encodeURIComponent(res.body.workflowId)}`)).body.progress?.details?.nextLine ?? 0) as number;
      await waitUntil('a checkpoint heartbeat past line 0', async () => (await checkpoint()) > 0, { timeoutMs: 60_000 });
      const before = (await rowsOf(res.body.importId)).n;
      expect(before).toBeGreaterThanOrEqual(6 * CHUNK);
      expect(before).toBeLessThan(LINES);
      // The pending activity names the worker running it (identity `<pid>@<host>`): kill exactly that process.
      const running = (await handle.describe()).raw.pendingActivities?.[0];
      expect(running?.activityType?.name).toBe('importKnowledgeLines');
      const pid = Number(running!.lastWorkerIdentity!.split('@')[0]);
      victim = app.killJobsWorker(pid);
      expect(victim.child.pid).toBe(pid);
      killedAt = Date.now();
    } finally {
      await writes.release();
    }
    const survivor = app.jobsWorkers[0]!;

    const result = await handle.result();
    expect(result.resumedFrom).toBeGreaterThan(0); // the retry started from a checkpoint, not from line 0
    // Taken over by the survivor, and only after the activity's heartbeat timeout (15 s) exposed the dead worker.
    const started = (await handle.fetchHistory()).events!.filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!);
    const last = started.filter((a) => a.attempt! > 1).at(-1);
    expect(last?.identity).toBe(`${survivor.child.pid}@${hostname()}`);
    expect(Date.now() - killedAt).toBeGreaterThan(10_000);
    const rows = await rowsOf(res.body.importId);
    expect(rows).toEqual({ n: LINES, ids: LINES, merged: LINES / 50 });
    expect(result).toMatchObject({ created: LINES - LINES / 50, merged: LINES / 50, blocked: 0 });
    const staged = await s.db.query('SELECT 1 FROM knowledge_import_lines WHERE import_id = $1', [res.body.importId]);
    expect(staged.rowCount).toBe(0);
    // Line 50 repeats line 49: stored, linked to it, and shown once by search.
    const note49 = JSON.parse(ndjson(50).split('\n')[48]!) as { title: string; content: string };
    const dup = await s.db.query<{ linked: boolean }>(
      `SELECT d.duplicate_of = o.id AS linked FROM knowledge_nodes d JOIN knowledge_nodes o ON o.source = d.source AND o.duplicate_of IS NULL AND o.title = d.title
        WHERE d.source = $1 AND d.title = $2 AND d.duplicate_of IS NOT NULL`,
      [`import:${res.body.importId}`, note49.title],
    );
    expect(dup.rows).toEqual([{ linked: true }]);
    const found = await api.get(`/knowledge-nodes?q=${encodeURIComponent(`${note49.title}\n\n${note49.content}`)}&limit=5`);
    expect(found.body.items[0].title).toBe(note49.title);
    expect(found.body.items.filter((i: { title: string }) => i.title === note49.title)).toHaveLength(1);
  }, 180_000);

  it('rejects a file with a bad line, naming it, and stages nothing', async () => {
    const user = uniqueId('imp');
    const api = await ApiClient.as(app.url, user);
    const good = ndjson(1500).split('\n');
    const cases: [string, string, RegExp][] = [
      [[...good.slice(0, 1200), '{"title": "broken"', ...good.slice(1200)].join('\n'), 'IMPORT_INVALID', /line 1201: not valid JSON/],
      [[...good.slice(0, 10), JSON.stringify({ title: 'x', content: '' }), ...good.slice(10)].join('\n'), 'IMPORT_INVALID', /line 11: content/],
      [
        [...good.slice(0, 3), JSON.stringify({ title: 'x', content: 'y', embedding: [1, 2] })].join('\n'),
        'EMBEDDING_DIMENSIONS',
        /line 4: embedding has 2 dimensions/,
      ],
      ['\n\n', 'IMPORT_INVALID', /no nodes/],
      [ndjson(5001), 'IMPORT_INVALID', /more than 5000/],
    ];
    for (const [body, code, message] of cases) {
      const res = await api.post('/knowledge-nodes/import', body, { 'content-type': 'application/x-ndjson' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(message);
    }
    // A line past KNOWLEDGE_IMPORT_MAX_LINE_BYTES, after a whole staged batch, and a body with no newline at all.
    const long = JSON.stringify({ title: 'long', content: 'x'.repeat(4 * MAX_LINE_BYTES) });
    for (const [body, line] of [
      [[...good.slice(0, 1200), long, ...good.slice(1200)].join('\n'), 1201],
      ['y'.repeat(64 * MAX_LINE_BYTES), 1],
    ] as const) {
      const res = await api.post('/knowledge-nodes/import', body, { 'content-type': 'application/x-ndjson' });
      expect([res.status, res.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(res.body.error.message).toBe(`line ${line} is longer than ${MAX_LINE_BYTES} bytes`);
    }
    const wrongType = await api.post('/knowledge-nodes/import', ndjson(2), { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    const { rows } = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_imports WHERE user_id = $1', [user]);
    expect(rows[0]!.n).toBe(0);
  });

  it('stages an upload once when the same Idempotency-Key arrives twice at once', async () => {
    const user = uniqueId('imp');
    const api = await ApiClient.as(app.url, user);
    const body = ndjson(2000);
    const headers = { 'content-type': 'application/x-ndjson', 'idempotency-key': 'upload-1' };
    const [a, b] = await Promise.all([api.post('/knowledge-nodes/import', body, headers), api.post('/knowledge-nodes/import', body, headers)]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.body).toEqual(a.body);
    expect(a.body.lines).toBe(2000);
    await s.temporal.workflow.getHandle(a.body.workflowId).result();
    expect((await rowsOf(a.body.importId)).n).toBe(2000);
  });
});
