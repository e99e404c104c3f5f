// Who polls a task queue, from Temporal's own task-queue description: the readiness check (is a chat worker
// there?) and the operators' GET /api/workers read the same answer.
import type { Client } from '@temporalio/client';
// A CommonJS package whose named exports Node's ESM loader cannot see: take the namespace from its default.
import protoPackage from '@temporalio/proto';
import type { temporal } from '@temporalio/proto';
import { optionalTsToMs } from '@temporalio/common/lib/time.js';

/** A poll seen this recently means a worker is there (a long poll can hold one request for about a minute). */
export const POLLER_FRESH_MS = 2 * 60_000;

export interface Poller {
  identity: string;
  lastPollAt: string | null;
  ratePerSecond: number;
  /** Polled within POLLER_FRESH_MS. */
  live: boolean;
}

export interface TaskQueueWorkers {
  taskQueue: string;
  workflowPollers: Poller[];
  activityPollers: Poller[];
}

const { TaskQueueType } = protoPackage.temporal.api.enums.v1;
export const TASK_TYPES = [
  ['workflow', TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW],
  ['activity', TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY],
] as const;

export interface QueueDescription {
  pollers: Poller[];
  /** Present when asked for and the server reports it. */
  backlog?: { count: number; oldestAgeSeconds: number };
}

/** One queue and task type as Temporal describes it: its pollers and, with `stats`, its backlog. */
export async function describeQueue(
  temporal: Client,
  namespace: string,
  taskQueue: string,
  type: temporal.api.enums.v1.TaskQueueType,
  stats = false,
): Promise<QueueDescription> {
  const res = await temporal.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType: type, reportStats: stats });
  const now = Date.now();
  const pollers = (res.pollers ?? []).map((p) => {
    const at = optionalTsToMs(p.lastAccessTime);
    return {
      identity: p.identity ?? '',
      lastPollAt: at === undefined ? null : new Date(at).toISOString(),
      ratePerSecond: p.ratePerSecond ?? 0,
      live: at !== undefined && now - at < POLLER_FRESH_MS,
    };
  });
  const st = res.stats;
  if (!st) return { pollers };
  return { pollers, backlog: { count: Number(st.approximateBacklogCount ?? 0), oldestAgeSeconds: (optionalTsToMs(st.approximateBacklogAge) ?? 0) / 1000 } };
}

const pollers = async (temporal: Client, namespace: string, taskQueue: string, type: temporal.api.enums.v1.TaskQueueType): Promise<Poller[]> =>
  (await describeQueue(temporal, namespace, taskQueue, type)).pollers;

export async function describeWorkers(temporal: Client, namespace: string, taskQueue: string): Promise<TaskQueueWorkers> {
  const [workflowPollers, activityPollers] = await Promise.all([
    pollers(temporal, namespace, taskQueue, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
    pollers(temporal, namespace, taskQueue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
  ]);
  return { taskQueue, workflowPollers, activityPollers };
}

/** Throws unless some worker polls the queue's workflow tasks: without one a started workflow would never run. */
export async function requireLiveWorker(temporal: Client, namespace: string, taskQueue: string): Promise<void> {
  const live = (await pollers(temporal, namespace, taskQueue, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)).some((p) => p.live);
  if (!live) throw new Error(`no worker polls ${taskQueue}`);
}
