// The tasks API: a user's workflows (chat turns and jobs) as tasks they can list, inspect and cancel, read from
// Temporal itself (visibility for the list, describe for one task), and the operators' view of live workers.
// Ownership is the UserId search attribute every user-visible workflow is started with; a task of another user
// answers 404 exactly like an unknown id, so ids cannot be probed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { optionalTsToMs } from '@temporalio/common/lib/time.js';
// A CommonJS package whose named exports Node's ESM loader cannot see: take the namespace from its default.
import protoPackage from '@temporalio/proto';
import type { temporal } from '@temporalio/proto';
import type express from 'express';
import type { Config } from '../../lib/config.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { isKnownCode, knownFailure, TASK_KIND_ATTR, USER_ID_ATTR, type TaskKind, type TaskStatus } from '../../lib/contracts/tasks.js';
import { parse, tasksQuery, workflowIdParam } from '../api-schemas.js';
import { notFound, route } from '../route.js';
import { describeWorkers } from '../task-queues.js';

const S = protoPackage.temporal.api.enums.v1.WorkflowExecutionStatus;
const STATUS: Partial<Record<temporal.api.enums.v1.WorkflowExecutionStatus, TaskStatus>> = {
  [S.WORKFLOW_EXECUTION_STATUS_RUNNING]: 'running',
  // The chain goes on in a new run; describe and list show the latest run, so this is rarely seen.
  [S.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW]: 'running',
  [S.WORKFLOW_EXECUTION_STATUS_COMPLETED]: 'completed',
  [S.WORKFLOW_EXECUTION_STATUS_FAILED]: 'failed',
  [S.WORKFLOW_EXECUTION_STATUS_CANCELED]: 'cancelled',
  [S.WORKFLOW_EXECUTION_STATUS_TERMINATED]: 'terminated',
  [S.WORKFLOW_EXECUTION_STATUS_TIMED_OUT]: 'timed_out',
};
/** The visibility query's names for the statuses a user can filter by. */
const STATUS_QUERY: Record<TaskStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Canceled',
  terminated: 'Terminated',
  timed_out: 'TimedOut',
};

export interface TaskSummary {
  workflowId: string;
  kind: TaskKind | null;
  status: TaskStatus;
  startedAt: string | null;
  closedAt: string | null;
  uiUrl: string;
}

/** What a running task is doing: its pending activity, the attempt, and the progress it last heartbeated. */
export interface TaskProgress {
  step: string;
  attempt: number;
  details?: unknown;
  /** The code of the last failed attempt, when it is one of ours (the task is retrying). */
  lastError?: string;
}

const iso = (ts: Parameters<typeof optionalTsToMs>[0]) => {
  const ms = optionalTsToMs(ts);
  return ms === undefined ? null : new Date(ms).toISOString();
};
const decode = (p: Payload | null | undefined): unknown => (p ? defaultPayloadConverter.fromPayload(p) : undefined);

export class TaskService {
  private readonly pageTokens: PageTokens;

  constructor(
    private readonly temporal: Client,
    private readonly c: Pick<Config, 'TEMPORAL_NAMESPACE' | 'TEMPORAL_UI_URL' | 'TASK_QUEUE_INTERACTIVE' | 'TASK_QUEUE_JOBS' | 'JWT_SECRET'>,
  ) {
    this.pageTokens = new PageTokens(c.JWT_SECRET);
  }

  uiUrl(workflowId: string, runId?: string | null): string {
    const base = `${this.c.TEMPORAL_UI_URL.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(this.c.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
    return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
  }

  /** The user's tasks, a page at a time (Temporal's page token, sealed to this query: see PageTokens). */
  async list(userId: string, q: { kind?: TaskKind; status?: TaskStatus; limit: number; pageToken?: string }) {
    // Both values are validated (user ids by USER_ID_PATTERN, kind and status by enum): no quoting tricks reach the query.
    const query = [`UserId = '${userId}'`, q.kind && `TaskKind = '${q.kind}'`, q.status && `ExecutionStatus = '${STATUS_QUERY[q.status]}'`]
      .filter(Boolean)
      .join(' AND ');
    const res = await this.temporal.workflowService.listWorkflowExecutions({
      namespace: this.c.TEMPORAL_NAMESPACE,
      query,
      pageSize: q.limit,
      nextPageToken: q.pageToken ? this.pageTokens.open(q.pageToken, query) : undefined,
    });
    const items: TaskSummary[] = (res.executions ?? []).map((e) => ({
      workflowId: e.execution?.workflowId ?? '',
      kind: (decode(e.searchAttributes?.indexedFields?.[TASK_KIND_ATTR.name]) as TaskKind | undefined) ?? null,
      status: STATUS[e.status ?? S.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED] ?? 'running',
      startedAt: iso(e.startTime),
      closedAt: iso(e.closeTime),
      uiUrl: this.uiUrl(e.execution?.workflowId ?? '', e.execution?.runId),
    }));
    const token = res.nextPageToken?.length ? this.pageTokens.seal(res.nextPageToken, query) : null;
    return { items, nextPageToken: token };
  }

  /** One task of this user, with progress while it runs and its result or error once it ended. */
  async get(userId: string, workflowId: string) {
    const { handle, desc } = await this.owned(userId, workflowId);
    const status = STATUS[desc.raw.workflowExecutionInfo?.status ?? S.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED] ?? 'running';
    const task: TaskSummary & { type: string; progress?: TaskProgress; result?: unknown; error?: { code: string; message: string } } = {
      workflowId,
      type: desc.type,
      kind: (desc.typedSearchAttributes.get(TASK_KIND_ATTR) as TaskKind | undefined) ?? null,
      status,
      startedAt: desc.startTime.toISOString(),
      closedAt: desc.closeTime?.toISOString() ?? null,
      uiUrl: this.uiUrl(workflowId, desc.runId),
    };
    if (status === 'running') {
      const pending = desc.raw.pendingActivities?.[0];
      if (pending) {
        const failureType = pending.lastFailure?.applicationFailureInfo?.type;
        task.progress = {
          step: pending.activityType?.name ?? 'unknown',
          attempt: pending.attempt ?? 1,
          ...(pending.heartbeatDetails?.payloads?.length ? { details: decode(pending.heartbeatDetails.payloads[0]) } : {}),
          ...(isKnownCode(failureType) ? { lastError: failureType } : {}),
        };
      }
    } else if (status === 'completed') {
      task.result = await handle.result();
    } else if (status === 'failed' || status === 'timed_out') {
      task.error = await handle.result().then(
        () => ({ code: ErrorCode.INTERNAL, message: 'the task failed' }),
        (err) => failureOf(err, status),
      );
    }
    return task;
  }

  /** Asks the workflow to cancel (it cleans up, e.g. releases reserved quota, and ends as `cancelled`). */
  async cancel(userId: string, workflowId: string) {
    const { handle, desc } = await this.owned(userId, workflowId);
    if (desc.status.name !== 'RUNNING') throw new AppError(ErrorCode.CONFLICT, `the task has already ended (${desc.status.name.toLowerCase()})`, 409);
    await handle.cancel();
    return { workflowId, status: 'cancelling' as const };
  }

  /** Live workers of each task queue, as Temporal sees their polls. */
  async workers() {
    const queues = [this.c.TASK_QUEUE_INTERACTIVE, this.c.TASK_QUEUE_JOBS];
    return { taskQueues: await Promise.all(queues.map((q) => describeWorkers(this.temporal, this.c.TEMPORAL_NAMESPACE, q))) };
  }

  private async owned(userId: string, workflowId: string) {
    const handle = this.temporal.workflow.getHandle(workflowId);
    const desc = await handle.describe().catch((err: unknown) => {
      throw err instanceof WorkflowNotFoundError ? notFound('task') : err;
    });
    if (desc.typedSearchAttributes.get(USER_ID_ATTR) !== userId) throw notFound('task');
    return { handle, desc };
  }
}

/**
 * Temporal's page tokens, sealed with an HMAC over the token and the query it pages: a token that is forged,
 * corrupted or taken from another query (another user's list) is refused with a 400 before it reaches
 * Temporal, which would answer a bad token with an opaque UNKNOWN error.
 */
class PageTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('sparkle tasks page token').digest();
  }

  seal(token: Uint8Array, query: string): string {
    return `${Buffer.from(token).toString('base64url')}.${this.mac(token, query).toString('base64url')}`;
  }

  open(sealed: string, query: string): Buffer {
    const [body, mac] = sealed.split('.');
    const token = Buffer.from(body ?? '', 'base64url');
    const given = Buffer.from(mac ?? '', 'base64url');
    const want = this.mac(token, query);
    if (token.length === 0 || given.length !== want.length || !timingSafeEqual(given, want)) {
      throw new AppError(ErrorCode.BAD_REQUEST, 'query.pageToken: must be the nextPageToken of a previous page of this list', 400);
    }
    return token;
  }

  private mac(token: Uint8Array, query: string): Buffer {
    return createHmac('sha256', this.key).update(query).update('\0').update(token).digest();
  }
}

/** A failed task's error: our code and message when the failure is one of ours, a generic one otherwise. */
function failureOf(err: unknown, status: TaskStatus): { code: string; message: string } {
  if (status === 'timed_out') return { code: ErrorCode.TIMED_OUT, message: 'the task ran out of time' };
  return knownFailure(err) ?? { code: ErrorCode.INTERNAL, message: 'the task failed' };
}

export function addTaskRoutes(api: express.Router, tasks: TaskService): void {
  api.get(
    '/tasks',
    route(async (req, res, user) => {
      res.json(await tasks.list(user.id, parse(tasksQuery, req.query, 'query')));
    }),
  );
  api.get(
    '/tasks/:id',
    route(async (req, res, user) => {
      res.json(await tasks.get(user.id, parse(workflowIdParam, req.params.id, 'id')));
    }),
  );
  api.post(
    '/tasks/:id/cancel',
    route(async (req, res, user) => {
      res.status(202).json(await tasks.cancel(user.id, parse(workflowIdParam, req.params.id, 'id')));
    }),
  );
  api.get(
    '/workers',
    route(
      async (_req, res) => {
        res.json(await tasks.workers());
      },
      { role: 'operator' },
    ),
  );
}
