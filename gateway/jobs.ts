// Starts background jobs on the jobs task queue, tagged with the search attributes the tasks API lists by and
// with their kind's priority.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { uuidFromName } from '../lib/ids.js';
import { TASK_PRIORITY, taskSearchAttributes, type TaskKind } from '../lib/tasks.js';

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
