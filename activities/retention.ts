// Conversation retention: restart a conversation's idle clock after each turn, and delete it when it runs out.
import { Context } from '@temporalio/activity';
import { RETENTION_WORKFLOW, retentionWorkflowId, type RetentionInput } from '../lib/chat.js';
import type { Db } from '../lib/db.js';

export interface RetentionDeps {
  db: Db;
  /** 0 turns retention off. */
  retentionMs: number;
}

export function createRetentionActivities({ db, retentionMs }: RetentionDeps) {
  return {
    async touchConversation(input: { userId: string; conversationId: string }): Promise<void> {
      if (retentionMs <= 0) return;
      const { client, info } = Context.current();
      const args: [RetentionInput] = [{ ...input, idleMs: retentionMs }];
      await client.workflow.signalWithStart(RETENTION_WORKFLOW, {
        workflowId: retentionWorkflowId(input.userId, input.conversationId),
        taskQueue: info.taskQueue,
        args,
        signal: 'touch',
      });
    },

    /** Deletes the conversation and its messages; returns how many messages went. Idempotent. */
    async purgeConversation(input: { userId: string; conversationId: string }): Promise<number> {
      const { rows } = await db.query<{ n: number }>(
        `WITH gone AS (DELETE FROM messages WHERE user_id = $1 AND conversation_id = $2 RETURNING 1),
              conv AS (DELETE FROM conversations WHERE user_id = $1 AND id = $2)
         SELECT count(*)::int AS n FROM gone`,
        [input.userId, input.conversationId],
      );
      return rows[0]?.n ?? 0;
    },
  };
}
