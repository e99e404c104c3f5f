// Background jobs under load, on real services: the engine's fast task (a student saves a note: POST
// /api/knowledge-nodes -> guard, embedding, dedup and write, notify) against the ceiling (a no-op workflow with one
// no-op activity on the same Temporal server, workers with the same slot counts); 30 % transient embedding
// failures; a high-priority note under a burst of low-priority imports; RSS growth of the gateway and a jobs
// worker; 50 long heartbeating imports with one of the two jobs workers killed (SIGKILL) halfway.
// Embeddings come from the fake OpenAI-compatible server, so a provider that fails at random can be had.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPool } from '../lib/db.js';
import { connectClient } from '../lib/temporal.js';
import { startScratchStack } from '../scripts/stack/scratch.js';
import { startProcess, waitUntil } from '../scripts/stack/process.js';
import { startApp } from '../test/support/app.js';
import { FakeOpenAI } from '../test/support/fake-openai.js';
import { cpuDuring, formatCpu } from './cpu.js';
import { complete, outcome, upload } from './jobs/imports.js';
import { apiClients, burst, noopTask, noteTask, type TaskRun } from './jobs/load.js';
import { OURS, resultRow, type ResultRow } from './report/rows.js';
import { percentile, rssMB, Teardown, writeResult } from './stats.js';

const QUICK = process.env.BENCH_QUICK === '1';
const FAST = QUICK ? 300 : 1000;
const TRANSIENT = QUICK ? 300 : 1000;
const RSS_TASKS = QUICK ? 0 : 10_000; // the quick run reports growth over the tasks it ran anyway
const LONG = 50;
const LONG_LINES = QUICK ? 60 : 200;
const BURST = QUICK ? 60 : 200;

const fake = new FakeOpenAI();
const down = new Teardown();

/** The stack, the engine (gateway and two jobs workers) and the ceiling's two workers. */
async function setUp() {
  const stack = down.add(await startScratchStack('jobs', { temporal: true, redis: true }), (x) => x.stop());
  const fakeURL = await fake.start();
  down.add(fake, (f) => f.stop());
  const app = down.add(
    await startApp({
      worker: false,
      jobs: 2,
      env: {
        EMBEDDING_BASE_URL: fakeURL,
        EMBEDDING_API_KEY: 'bench',
        EMBEDDING_MODEL: 'fake-embedding',
        API_JOBS_PER_MINUTE: '1000000',
        // Checkpoints every 20 lines, so a killed import resumes from one rather than from its start.
        KNOWLEDGE_IMPORT_CHUNK: '20',
      },
    }),
    (a) => a.stop(),
  );
  const client = down.add(await connectClient(stack.env.TEMPORAL_ADDRESS, 'default'), (c) => c.connection.close());
  const db = down.add(createPool(stack.env.DATABASE_URL, 2), (d) => d.end());
  const noopQueue = `${app.taskQueue}-noop`;
  for (let i = 0; i < 2; i++) {
    const logFile = join(stack.dataDir, `noop-${i}.log`);
    const proc = down.add(
      startProcess(`noop-${i}`, process.execPath, ['--import', 'tsx', fileURLToPath(new URL('jobs/noop-worker.ts', import.meta.url))], {
        logFile,
        env: { ...process.env, TASK_QUEUE: noopQueue },
      }),
      (p) => p.stop(),
    );
    await waitUntil(proc.name, async () => readFileSync(logFile, 'utf8').includes('ready'), { timeoutMs: 60_000, proc, logFile });
  }
  return { app, client, db, noopQueue };
}
const { app, client, db, noopQueue } = await setUp().catch(async (err: unknown) => {
  await down.run();
  throw err;
});

const rows: ResultRow[] = [];
const row = (scenario: string, system: string, metric: string, value: number, unit: string, note?: string) =>
  rows.push(resultRow.parse({ scenario, system, metric, value: Math.round(value * 10) / 10, unit, ...(note ? { note } : {}) }));
const ratesAndLatency = (scenario: string, system: string, run: TaskRun, note: string) => {
  row(scenario, system, 'throughput', run.latenciesMs.length / run.wallSeconds, 'tasks/s', note);
  for (const p of [50, 95, 99]) row(scenario, system, `latency p${p}`, percentile(run.latenciesMs, p), 'ms', note);
  if (run.failures) row(scenario, system, 'failed tasks', run.failures, 'tasks', note);
};
const ours = (label: string, users = 100) => apiClients(app.url, label, users).then((apis) => noteTask(client, apis, label));

try {
  await burst(40, noopTask(client, noopQueue, 'warm-noop'));
  await burst(40, await ours('warm'));
  const watched = { gateway: app.gateway, 'jobs worker': app.jobsWorkers[1]! };
  const rss0 = Object.fromEntries(Object.entries(watched).map(([k, p]) => [k, rssMB(p.child.pid!)]));
  let tasksRun = 0;

  // 1. Fast tasks: the ceiling, then ours, the same number, submitted the same way.
  const { result: ceiling, cpu: ceilingCpu } = await cpuDuring(() => burst(FAST, noopTask(client, noopQueue, 'noop')));
  ratesAndLatency('fast tasks', 'temporal no-op ceiling', ceiling, 'no-op workflow + one no-op activity; durable (full history)');
  const noteTasks = await ours('fast');
  const { result: fast, cpu: fastCpu } = await cpuDuring(() => burst(FAST, noteTasks));
  ratesAndLatency('fast tasks', OURS, fast, 'a note: HTTP, guard, embedding call, dedup + write in Postgres, notify; durable');
  tasksRun += FAST;
  console.log(`fast tasks: ceiling ${(FAST / ceiling.wallSeconds).toFixed(0)}/s (CPU: ${formatCpu(ceilingCpu)})`);
  console.log(`            ours ${(fast.latenciesMs.length / fast.wallSeconds).toFixed(0)}/s (CPU: ${formatCpu(fastCpu)})`);

  // 2. Transient failures: 30 % of embedding calls answer 503; activity retries (JOB_STEP) must carry every note.
  fake.embeddingFailureRate = 0.3;
  const flaky = await burst(TRANSIENT, await ours('flaky'));
  fake.embeddingFailureRate = 0;
  // Saved, as an original or linked to one it repeats; a note the guard blocked or that failed is not.
  const ok = flaky.results.filter((r) => ['created', 'merged'].includes((r as { status?: string } | undefined)?.status ?? '')).length;
  row(
    'transient failures',
    OURS,
    'success',
    (100 * ok) / TRANSIENT,
    '%',
    `${fake.randomEmbeddingFailures} of the embedding calls failed (503) and were retried`,
  );
  row('transient failures', OURS, 'latency p99', percentile(flaky.latenciesMs, 99), 'ms', 'retries back off from 1 s');
  tasksRun += TRANSIENT;
  console.log(`transient failures: ${ok}/${TRANSIENT} saved, ${fake.randomEmbeddingFailures} failed embedding calls`);

  // 3. Priority: a burst of low-priority imports is queued, then students save notes (high priority).
  const importer = await apiClients(app.url, 'burst', 20);
  const idle = await burst(20, await ours('idle-notes', 20));
  const backlog = await Promise.all(Array.from({ length: BURST }, (_, i) => upload(importer[i % importer.length]!, `burst-${i}`, 20)));
  const importsDone = backlog.map((id) => outcome(client, id, 20).then((o) => ({ o, at: performance.now() })));
  const urgent = await burst(20, await ours('urgent', 20));
  const notesDoneAt = performance.now();
  const finished = await Promise.all(importsDone);
  const imports = finished.map((f) => f.o);
  row('priority under a burst', OURS, 'high-priority note p95, idle', percentile(idle.latenciesMs, 95), 'ms');
  row(
    'priority under a burst',
    OURS,
    'high-priority note p95, under the burst',
    percentile(urgent.latenciesMs, 95),
    'ms',
    `${BURST} imports of 20 lines (priority 4) queued first; notes have priority 2`,
  );
  // The notes overtook the backlog when imports queued before them were still finishing after the last note.
  row(
    'priority under a burst',
    OURS,
    'imports queued before the notes, done after them',
    finished.filter((f) => f.at > notesDoneAt).length,
    'imports',
    `of ${BURST}`,
  );
  row('priority under a burst', OURS, 'imports all done', imports.filter(complete).length, 'imports');
  tasksRun += 40 + BURST;

  // 4. RSS growth over many tasks (the full run tops the count up to RSS_TASKS).
  if (RSS_TASKS > tasksRun) await burst(RSS_TASKS - tasksRun, await ours('rss'));
  tasksRun = Math.max(tasksRun, RSS_TASKS);
  for (const [name, proc] of Object.entries(watched))
    row('rss growth', OURS, `${name} RSS growth`, rssMB(proc.child.pid!) - rss0[name]!, 'MB', `over ${tasksRun} tasks`);

  // 5. Long tasks, one worker killed halfway: the survivor takes over from the heartbeat checkpoints.
  const longApis = await apiClients(app.url, 'long', LONG);
  const t0 = performance.now();
  const longIds = await Promise.all(longApis.map((api, i) => upload(api, `long-${i}`, LONG_LINES)));
  const longDone = Promise.all(longIds.map((id) => outcome(client, id, LONG_LINES)));
  const total = LONG * LONG_LINES;
  const longNodes = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM knowledge_nodes WHERE user_id LIKE 'long-%'`)).rows[0]!.n);
  await waitUntil('half the long imports', async () => (await longNodes()) >= total / 2, { timeoutMs: 600_000 });
  app.killJobsWorker(app.jobsWorkers[0]!.child.pid);
  const longs = await longDone;
  const resumed = longs.filter((o) => (o.result?.resumedFrom ?? 0) > 0).length;
  const written = longs.reduce((n, o) => n + (o.result ? o.result.created + o.result.merged : 0), 0);
  row(
    'long tasks, worker killed',
    OURS,
    'nodes lost or written twice',
    Math.abs((await longNodes()) - written),
    'nodes',
    "rows in Postgres against the imports' own counts",
  );
  row(
    'long tasks, worker killed',
    OURS,
    'success',
    (100 * longs.filter(complete).length) / LONG,
    '%',
    `${LONG} imports of ${LONG_LINES} lines; ${resumed} resumed from a checkpoint on the surviving worker`,
  );
  row('long tasks, worker killed', OURS, 'wall time', (performance.now() - t0) / 1000, 's', 'includes the 15 s heartbeat timeout that detects the dead worker');
  console.log(`long tasks: ${longs.filter(complete).length}/${LONG} complete, ${resumed} resumed`);

  console.log(
    `written to ${writeResult('jobs', { bench: 'jobs', when: new Date().toISOString(), quick: QUICK, cpuSeconds: { ceiling: ceilingCpu, ours: fastCpu }, rows })}`,
  );
} finally {
  await down.run();
}
