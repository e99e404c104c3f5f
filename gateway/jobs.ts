// Starts background jobs on the jobs task queue, tagged with the search attributes the tasks API lists by.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { uuidFromName } from '../lib/ids.js';

export const USER_ID_ATTR = defineSearchAttributeKey('UserId', SearchAttributeType.KEYWORD);
export const TASK_KIND_ATTR = defineSearchAttributeKey('TaskKind', SearchAttributeType.KEYWORD);

export class JobStarter {
  constructor(
    private readonly temporal: Client,
    private readonly taskQueue: string,
  ) {}

  /** Starts `workflowType` once per id: a repeated request (same Idempotency-Key) finds the same job. */
  async start(workflowType: string, workflowId: string, kind: string, userId: string, arg: unknown): Promise<void> {
    try {
      await this.temporal.workflow.start(workflowType, {
        args: [arg],
        taskQueue: this.taskQueue,
        workflowId,
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [{ key: USER_ID_ATTR, value: userId }, { key: TASK_KIND_ATTR, value: kind }],
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
