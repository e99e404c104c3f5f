// task_queue_backlog / _backlog_age_seconds / _pollers on the gateway's /metrics: the app's task queues as
// Temporal describes them, read when Prometheus scrapes. One refresh serves scrapes that arrive together or within
// MAX_AGE_MS, and a slow or unreachable Temporal costs one timeout and leaves no stale samples behind.
import type { Client } from '@temporalio/client';
import { setTaskQueueProbe, taskQueueBacklog, taskQueueBacklogAgeSeconds, taskQueuePollers } from '../lib/metrics.js';
import { logger } from '../lib/logger.js';
import { withTimeout } from '../lib/timeout.js';
import { describeQueue, TASK_TYPES, type QueueDescription } from './task-queues.js';

const MAX_AGE_MS = 5_000;
const TIMEOUT_MS = 3_000;

/** Installs the scrape-time probe for `queues`; answers a function that removes it. */
export function watchTaskQueues(temporal: Client, namespace: string, queues: string[]): () => void {
  let inFlight: Promise<void> | undefined;
  let refreshedAt = 0;

  const refresh = async () => {
    const samples = await Promise.all(
      queues.flatMap((queue) =>
        TASK_TYPES.map(async ([taskType, type]) => {
          try {
            return { queue, taskType, d: await withTimeout(describeQueue(temporal, namespace, queue, type, true), TIMEOUT_MS) };
          } catch (err) {
            logger.warn({ taskQueue: queue, taskType, err: err instanceof Error ? err.message : String(err) }, 'task queue metrics: describe failed');
            return { queue, taskType, d: undefined as QueueDescription | undefined };
          }
        }),
      ),
    );
    for (const g of [taskQueueBacklog, taskQueueBacklogAgeSeconds, taskQueuePollers]) g.reset();
    for (const { queue, taskType, d } of samples) {
      if (!d) continue;
      const labels = { task_queue: queue, task_type: taskType };
      taskQueuePollers.set(labels, new Set(d.pollers.filter((p) => p.live).map((p) => p.identity)).size);
      if (d.backlog) {
        taskQueueBacklog.set(labels, d.backlog.count);
        taskQueueBacklogAgeSeconds.set(labels, d.backlog.oldestAgeSeconds);
      }
    }
    refreshedAt = Date.now();
  };

  setTaskQueueProbe(() => {
    if (Date.now() - refreshedAt < MAX_AGE_MS) return Promise.resolve();
    inFlight ??= refresh().finally(() => (inFlight = undefined));
    return inFlight;
  });
  return () => setTaskQueueProbe(undefined);
}
