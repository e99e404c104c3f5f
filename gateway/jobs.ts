// Starts background jobs on the jobs task queue, tagged with the search attributes the tasks API lists by and
// with their kind's priority; and keeps each Idempotency-Key to the body it first came with.
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '../lib/db.js';
import { AppError, ErrorCode } from '../lib/errors.js';
import { uuidFromName } from '../lib/ids.js';
import { TASK_PRIORITY, taskSearchAttributes, type TaskKind } from '../lib/contracts/tasks.js';

export class JobStarter {
  constructor(
    private readonly temporal: Client,
    private readonly taskQueue: string,
  ) {}

  /** Starts `workflowType` once per id: a repeated request (same Idempotency-Key) finds the same job. */
  async start(workflowType: string, workflowId: string, kind: TaskKind, userId: string, arg: unknown): Promise<void> {
    try {
      await this.temporal.workflow.start(workflowType, {
        args: [arg],
        taskQueue: this.taskQueue,
        workflowId,
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: taskSearchAttributes(userId, kind),
        priority: { priorityKey: TASK_PRIORITY[kind] },
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}

/**
 * The id of a new resource: derived from the user and the request's Idempotency-Key when it has one (so a retried
 * POST names the same resource and job), random otherwise.
 */
export function resourceId(userId: string, idempotencyKey: string | undefined, kind: string): string {
  return idempotencyKey ? uuidFromName(`${kind}\0${userId}\0${idempotencyKey}`) : randomUUID();
}

/** JSON with every object's keys sorted, so the same body hashes the same whatever order its fields came in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/**
 * Records the body a keyed resource was first asked for, or checks a repeat against it: the same body is a retry
 * (it finds the same job), another body under the same key is a client bug and answers 422, as payment APIs do.
 */
export async function claimIdempotencyKey(db: Db, id: string, userId: string, body: unknown): Promise<void> {
  const hash = createHash('sha256').update(canonicalJson(body)).digest();
  const inserted = await db.query('INSERT INTO idempotency_keys (id, user_id, body_sha256) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
    id,
    userId,
    hash,
  ]);
  if (inserted.rowCount === 1) return;
  // A separate statement: it sees the row a concurrent first request has just committed.
  const { rows } = await db.query<{ body_sha256: Buffer }>('SELECT body_sha256 FROM idempotency_keys WHERE id = $1', [id]);
  if (rows[0] && !rows[0].body_sha256.equals(hash)) {
    throw new AppError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'this Idempotency-Key was already used with a different body', 422);
  }
}
