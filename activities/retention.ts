// Conversation retention: restart a conversation's idle clock after each turn, and delete it when it runs out.
import { Context } from '@temporalio/activity';
import { RETENTION_WORKFLOW, retentionWorkflowId, type RetentionInput } from '../lib/contracts/chat.js';
import type { Db } from '../lib/db.js';
import type { RedisClient } from '../lib/redis.js';

export interface RetentionDeps {
  db: Db;
  redis: RedisClient;
  /** 0 turns retention off. */
  retentionMs: number;
}

/**
 * A conversation's idle clock is restarted at most this often. Retention is counted in days, and a signal per
 * turn cost the Temporal server a workflow task per turn (bench/chat-load.ts). The clock is lengthened by the
 * same interval, so a conversation is never deleted before `retentionMs` of real idleness.
 */
export const touchEveryMs = (retentionMs: number) => Math.min(60 * 60_000, Math.ceil(retentionMs / 24));

export function createRetentionActivities({ db, redis, retentionMs }: RetentionDeps) {
  const every = touchEveryMs(retentionMs);
  const touchedKey = (userId: string, conversationId: string) => `retention:{${userId}}:${conversationId}:touched`;
  /** True when this conversation was touched less than `every` ago (Redis down: false, so the touch is sent). */
  const touchedRecently = async (key: string) => (await redis.set(key, '1', 'PX', every, 'NX').catch(() => 'OK')) === null;
  return {
    async touchConversation(input: { userId: string; conversationId: string }): Promise<void> {
      const key = touchedKey(input.userId, input.conversationId);
      if (retentionMs <= 0 || (await touchedRecently(key))) return;
      const { client, info } = Context.current();
      const args: [RetentionInput] = [{ ...input, idleMs: retentionMs + every }];
      try {
        await client.workflow.signalWithStart(RETENTION_WORKFLOW, {
          workflowId: retentionWorkflowId(input.userId, input.conversationId),
          taskQueue: info.taskQueue,
          args,
          signal: 'touch',
        });
      } catch (err) {
        // Not touched after all: the retry (or the next turn) must send it, or a new conversation would have no clock.
        await redis.del(key).catch(() => undefined);
        throw err;
      }
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
