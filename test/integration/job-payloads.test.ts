// Background jobs at the largest inputs the API allows stay inside Temporal's limits (2 MB per payload, a history
// that must not grow with the size of the study): a walk-forward at the maximum series, grid and windows, and a code
// run whose 1 MB of output escapes to 6 MB of JSON. Real Temporal, Postgres and the bubblewrap sandbox; the jobs
// worker runs in this process so the walk-forward can put the whole grid in one sandbox run per window (the study's
// size is what matters here, not the sandbox's start-up cost).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWriters } from '../../activities/writers.js';
import { JobStarter } from '../../gateway/jobs.js';
import { CODE_RUN_WORKFLOW, RESULT_OUTPUT_BYTES, codeRunWorkflowId, type CodeRunResult } from '../../lib/contracts/code-runs.js';
import { config } from '../../lib/config.js';
import { WALK_FORWARD_WORKFLOW, walkForwardWorkflowId, type WalkForwardInput } from '../../lib/contracts/strategy-lab.js';
import { WalkForwardBodySchema } from '../../gateway/api-schemas.js';
import { LIMITS } from '../../lib/strategy-lab.js';
import { syntheticSeries } from '../../lib/synthetic-series.js';
import { buildWorker } from '../../workers/build.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { EventType, historyEvents, ofType, type HistoryEvent } from '../support/history.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let s: Services;
let deps: ReturnType<typeof buildActivityDeps>;
let worker: Worker;
let running: Promise<void>;
let jobs: JobStarter;

beforeAll(async () => {
  s = await connectServices();
  // The whole grid (500 sets) in one sandbox run: 2 runs per window instead of 21 keep the test to minutes.
  deps = buildActivityDeps(config(), s, { setsPerRun: LIMITS.gridCombos });
  const taskQueue = uniqueId('payloads');
  jobs = new JobStarter(s.temporal, taskQueue);
  worker = await buildWorker({
    connection: s.nativeConnection,
    namespace: 'default',
    taskQueue,
    deps,
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! },
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await closeWriters(deps.writers);
  await s?.close();
});

const eventBytes = (e: HistoryEvent) => temporal.api.history.v1.HistoryEvent.encode(e).finish().length;

/** Every run of a workflow, first to last, read back from the latest one's start event. */
async function runHistories(workflowId: string): Promise<HistoryEvent[][]> {
  const runs: HistoryEvent[][] = [];
  let handle: WorkflowHandle = s.temporal.workflow.getHandle(workflowId);
  for (;;) {
    const events = await historyEvents(handle);
    runs.unshift(events);
    const previous = events[0]!.workflowExecutionStartedEventAttributes!.continuedExecutionRunId;
    if (!previous) return runs;
    handle = s.temporal.workflow.getHandle(workflowId, previous);
  }
}

describe('job payloads at the allowed maxima', () => {
  it("a walk-forward of 100 windows x 500 sets over 20k bars keeps every run's history small and continues as new", async () => {
    const strategy = readFileSync(new URL('../../sandbox/strategy/examples/ma_crossover.py', import.meta.url), 'utf8');
    // The longest code allowed, padded with quotes (2 bytes each in JSON) in a comment.
    const code = `${strategy}\n# ${'"'.repeat(LIMITS.codeChars - strategy.length - 3)}`;
    const body = {
      code,
      series: syntheticSeries(3, { length: LIMITS.seriesPoints }),
      grid: { fast: Array.from({ length: 20 }, (_, i) => i + 2), slow: Array.from({ length: 25 }, (_, i) => 25 + 2 * i) },
      windows: { mode: 'rolling' as const, inSample: 100, outOfSample: 199, warmup: 60 },
    };
    const parsed = WalkForwardBodySchema.parse(body); // the gateway would take it: every figure is at its maximum
    expect([parsed.code.length, parsed.series!.length, 20 * 25]).toEqual([LIMITS.codeChars, LIMITS.seriesPoints, LIMITS.gridCombos]);
    const userId = uniqueId('wf-max');
    const runId = randomUUID();
    const input: WalkForwardInput = { userId, runId, code: parsed.code, series: parsed.series, grid: parsed.grid, windows: parsed.windows };
    const workflowId = walkForwardWorkflowId(userId, runId);
    await jobs.start(WALK_FORWARD_WORKFLOW, workflowId, 'walk-forward', userId, input);
    const handle = s.temporal.workflow.getHandle(workflowId);

    // The progress query answers for the whole study from whichever run is current.
    let progress = await handle.query<{ windowsDone: number; windows: number; evaluations: number }>('progress');
    while (progress.windowsDone <= 10) {
      await new Promise((r) => setTimeout(r, 500));
      progress = await handle.query('progress');
    }
    expect(progress.windows).toBe(LIMITS.windows);
    expect(progress.evaluations).toBeGreaterThanOrEqual(progress.windowsDone * LIMITS.gridCombos);

    const done = (await handle.result()) as { windows: { params: Record<string, number> }[]; bars: number; report: { windows: number } };
    expect(done.windows).toHaveLength(LIMITS.windows);
    expect(done).toMatchObject({ bars: LIMITS.seriesPoints, report: { windows: LIMITS.windows } });

    const runs = await runHistories(workflowId);
    expect(runs.length).toBeGreaterThanOrEqual(LIMITS.windows / 10);
    for (const events of runs.slice(0, -1)) expect(events.at(-1)!.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    const sizes = runs.map((events) => events.map(eventBytes));
    // The first run holds the input twice (the start, and planning storing it): ~0.5 MB each at these maxima.
    expect(Math.max(...sizes.flat())).toBeLessThan(1024 * 1024);
    for (const run of sizes) expect(run.reduce((a, b) => a + b, 0)).toBeLessThan(2 * 1024 * 1024);
    // No evaluation carries the code or the bars.
    const scheduled = runs.flatMap((events) => ofType(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED));
    const evaluations = scheduled.filter((e) => e.activityTaskScheduledEventAttributes!.activityType!.name === 'evaluateStrategy');
    expect(evaluations).toHaveLength(2 * LIMITS.windows);
    for (const e of evaluations) {
      const arg = defaultPayloadConverter.fromPayload<Record<string, unknown>>(e.activityTaskScheduledEventAttributes!.input!.payloads![0]!);
      expect(Object.keys(arg).sort()).toEqual(['params', 'phase', 'range', 'runId', 'userId', 'warmup', 'window']);
    }
    const total = sizes.flat().reduce((a, b) => a + b, 0);
    console.log(`walk-forward at the maxima: ${runs.length} runs, ${(total / 1e6).toFixed(2)} MB of history in all`);
  }, 900_000);

  it('a code run printing 1 MB of characters that escape to 6 bytes each completes, with all of it recorded', async () => {
    const userId = uniqueId('code-max');
    const run = async (code: string) => {
      const runId = randomUUID();
      const workflowId = codeRunWorkflowId(userId, runId);
      await jobs.start(CODE_RUN_WORKFLOW, workflowId, 'code-run', userId, { userId, runId, code });
      const result = (await s.temporal.workflow.getHandle(workflowId).result()) as CodeRunResult;
      // What GET /api/code-runs/:id reads.
      const { rows } = await s.db.query<{ status: string; stdout: string; truncated: boolean }>(
        'SELECT status, stdout, truncated FROM code_runs WHERE id = $1 AND user_id = $2',
        [runId, userId],
      );
      return { result, row: rows[0]!, history: await historyEvents(s.temporal.workflow.getHandle(workflowId)) };
    };
    const n = config().SANDBOX_OUTPUT_BYTES - 1024;
    const escaped = await run(`print("\\x01" * ${n}, end="")\n`);
    expect(escaped.result).toMatchObject({ status: 'completed', exitCode: 0, truncated: false, outputCapped: true });
    expect(Buffer.byteLength(JSON.stringify(escaped.result.stdout))).toBeLessThanOrEqual(RESULT_OUTPUT_BYTES);
    expect(escaped.result.stdout).toBe('\x01'.repeat(escaped.result.stdout.length));
    expect(escaped.row).toMatchObject({ status: 'completed', truncated: false });
    expect(escaped.row.stdout).toBe('\x01'.repeat(n));
    expect(Math.max(...escaped.history.map(eventBytes))).toBeLessThan(4 * RESULT_OUTPUT_BYTES);

    // Postgres text cannot hold NUL: the run is recorded (NUL shown as U+FFFD), not a job failing on its own row.
    const nul = await run('print("a\\0b")\n');
    expect(nul.result).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(nul.row.stdout).toBe('a\uFFFDb\n');
  }, 120_000);
});
