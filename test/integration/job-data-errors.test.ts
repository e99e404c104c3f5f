// A job step whose write Postgres refuses fails at once with a stable code (the same write would fail on every
// retry), while a step that cannot reach Postgres keeps retrying (the outage may end). Real Temporal and Postgres,
// the real code-run workflow and activities on in-process workers; the outage is a pool pointed at a closed port.
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWriters } from '../../activities/writers.js';
import { JobStarter } from '../../gateway/jobs.js';
import { CODE_RUN_WORKFLOW, codeRunWorkflowId, type CodeRunInput } from '../../lib/contracts/code-runs.js';
import { config } from '../../lib/config.js';
import { createPool, type Db } from '../../lib/db.js';
import { knownFailure } from '../../lib/contracts/tasks.js';
import { buildWorker } from '../../workers/build.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { EventType, historyEvents, ofType } from '../support/history.js';
import { freePort } from '../support/ports.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let s: Services;
let deadDb: Db;
const workers: { worker: Worker; running: Promise<void>; deps: ReturnType<typeof buildActivityDeps>; jobs: JobStarter }[] = [];

async function startWorker(db: Db) {
  const deps = buildActivityDeps(config(), { db, redis: s.redis });
  const taskQueue = uniqueId('data-errors');
  const worker = await buildWorker({
    connection: s.nativeConnection,
    namespace: 'default',
    taskQueue,
    deps,
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! },
  });
  const w = { worker, running: worker.run(), deps, jobs: new JobStarter(s.temporal, taskQueue) };
  workers.push(w);
  return w;
}

beforeAll(async () => {
  s = await connectServices();
  deadDb = createPool(`postgres://postgres@127.0.0.1:${await freePort()}/sparkle`, 1);
});

afterAll(async () => {
  for (const w of workers) w.worker.shutdown();
  await Promise.all(workers.map((w) => w.running));
  await Promise.all(workers.map((w) => closeWriters(w.deps.writers)));
  await deadDb?.end();
  await s?.close();
});

// Code the validator refuses goes straight to recordCodeRun, a JOB_STEP write (no sandbox run on the way).
const REFUSED = 'import os\n';

describe('job steps and database errors', () => {
  it('a value Postgres refuses fails the job at once with DATA_REJECTED; an unreachable Postgres is retried', async () => {
    const { jobs } = await startWorker(s.db);
    const userId = uniqueId('data');
    // A run id only Postgres refuses (the uuid column: SQLSTATE 22P02); the gateway always makes UUIDs.
    const bad: CodeRunInput = { userId, runId: 'not-a-uuid', code: REFUSED };
    const badId = codeRunWorkflowId(userId, bad.runId);
    await jobs.start(CODE_RUN_WORKFLOW, badId, 'code-run', userId, bad);
    const err = await s.temporal.workflow
      .getHandle(badId)
      .result()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    // What GET /api/tasks/:id answers for it: our code and a message naming only the SQLSTATE.
    expect(knownFailure(err)).toEqual({ code: 'DATA_REJECTED', message: 'the database refused a value of this job (SQLSTATE 22P02)' });
    let cause: unknown = err;
    while (cause instanceof Error && !(cause instanceof ApplicationFailure)) cause = cause.cause;
    expect((cause as ApplicationFailure).nonRetryable).toBe(true);
    const started = ofType(await historyEvents(s.temporal.workflow.getHandle(badId)), EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED);
    expect(started.at(-1)!.activityTaskStartedEventAttributes!.attempt).toBe(1);

    // The same step with Postgres out of reach: attempt after attempt, each failure retryable.
    const outage = await startWorker(deadDb);
    const good: CodeRunInput = { userId, runId: randomUUID(), code: REFUSED };
    const goodId = codeRunWorkflowId(userId, good.runId);
    await outage.jobs.start(CODE_RUN_WORKFLOW, goodId, 'code-run', userId, good);
    const handle = s.temporal.workflow.getHandle(goodId);
    let pending = (await handle.describe()).raw.pendingActivities?.[0];
    while (!(pending?.activityType?.name === 'recordCodeRun' && (pending.attempt ?? 0) >= 3)) {
      await new Promise((r) => setTimeout(r, 200));
      pending = (await handle.describe()).raw.pendingActivities?.[0];
    }
    expect(pending.lastFailure?.applicationFailureInfo?.nonRetryable ?? false).toBe(false);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.terminate('test over');
  }, 120_000);
});
