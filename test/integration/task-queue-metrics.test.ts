// task_queue_backlog / _pollers from a real Temporal: workflows started on a queue nobody polls are counted as its
// backlog, and a worker polling the queue is counted as a poller.
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../lib/metrics.js';
import { watchTaskQueues } from '../../gateway/task-queue-metrics.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let s: Services;
let unwatch: () => void;
const queue = uniqueId('tq-metrics');

/** The gauge's value for this test's queue and a task type, as a scrape sees it. */
async function sample(metric: string, taskType: string): Promise<number | undefined> {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === metric);
  return m?.values.find((v) => v.labels.task_queue === queue && v.labels.task_type === taskType)?.value;
}

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  s = await connectServices();
  unwatch = watchTaskQueues(s.temporal, 'default', [queue]);
});

afterAll(async () => {
  unwatch?.();
  await s?.close();
});

describe('task queue metrics', () => {
  it('counts workflows nobody picks up as backlog, with its age, and a polling worker as a poller', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `${queue}-wf-${i}`);
    for (const id of ids) await s.temporal.workflow.start('noSuchWorkflow', { taskQueue: queue, workflowId: id });
    try {
      await eventually('a backlog of 5 workflow tasks', async () => (await sample('task_queue_backlog', 'workflow')) === 5);
      expect(await sample('task_queue_pollers', 'workflow')).toBe(0);
      await eventually('the backlog to age', async () => ((await sample('task_queue_backlog_age_seconds', 'workflow')) ?? 0) > 0);

      // An activity-only worker polls the queue's activity tasks (no workflow bundle needed).
      const worker = await Worker.create({ connection: s.nativeConnection, taskQueue: queue, activities: { noop: async () => undefined } });
      const running = worker.run();
      try {
        await eventually('one activity poller', async () => (await sample('task_queue_pollers', 'activity')) === 1);
      } finally {
        worker.shutdown();
        await running;
      }
    } finally {
      await Promise.allSettled(ids.map((id) => s.temporal.workflow.getHandle(id).terminate('test done')));
    }
  });
});
