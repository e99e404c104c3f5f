// The chat turn's side effects: read context, stream the model's answer, persist both messages.
import { Context } from '@temporalio/activity';
import type { Db } from '../lib/db.js';
import type { RedisClient } from '../lib/redis.js';
import type { ChatMessage, LlmReply } from '../lib/chat.js';
import { AppError } from '../lib/errors.js';
import { llmCallsTotal, llmLatencySeconds, llmTokensTotal } from '../lib/metrics.js';
import { TurnPublisher } from '../lib/turn-stream.js';
import type { ChatModel } from './llm/index.js';

export const SYSTEM_PROMPT =
  'You are Sparkle, a patient tutor for students. Explain step by step, check understanding, and never ' +
  'just hand over answers to graded work. Keep answers short unless asked for more.';

export interface ChatDeps {
  db: Db;
  redis: RedisClient;
  model: ChatModel;
  contextMessages: number;
}

export function createChatActivities({ db, redis, model, contextMessages }: ChatDeps) {
  return {
    /** The system prompt and the latest messages of this user's conversation, oldest first. */
    async loadContext(input: { userId: string; conversationId: string }): Promise<ChatMessage[]> {
      const { rows } = await db.query<{ role: 'user' | 'assistant'; content: string }>(
        `SELECT role, content FROM messages WHERE user_id = $1 AND conversation_id = $2
         ORDER BY created_at DESC LIMIT $3`,
        [input.userId, input.conversationId, contextMessages],
      );
      return [{ role: 'system', content: SYSTEM_PROMPT }, ...rows.reverse()];
    },

    /** Streams the answer to Redis as it arrives, heartbeating so a dead worker is noticed quickly. */
    async llmStream(input: { workflowId: string; messages: ChatMessage[] }): Promise<LlmReply> {
      const ctx = Context.current();
      const publisher = new TurnPublisher(redis, input.workflowId);
      if (ctx.info.attempt > 1) await publisher.reset();
      const started = performance.now();
      let text = '';
      try {
        const stream = await model.stream(input.messages, ctx.cancellationSignal);
        for await (const piece of stream.deltas) {
          if (text === '') llmLatencySeconds.observe({ stage: 'first_token' }, (performance.now() - started) / 1000);
          text += piece;
          await publisher.publish(piece);
          ctx.heartbeat({ chars: text.length });
        }
        const usage = stream.usage();
        llmCallsTotal.inc({ provider: model.provider, model: model.model, outcome: 'ok' });
        llmTokensTotal.inc({ kind: 'prompt' }, usage.promptTokens);
        llmTokensTotal.inc({ kind: 'completion' }, usage.completionTokens);
        llmLatencySeconds.observe({ stage: 'total' }, (performance.now() - started) / 1000);
        return { text, usage, model: model.model, provider: model.provider };
      } catch (err) {
        llmCallsTotal.inc({ provider: model.provider, model: model.model, outcome: 'error' });
        throw err instanceof AppError ? err.toFailure() : err;
      }
    },

    /** Writes the user's message and the answer; ids come from the workflow id, so a retry writes nothing new. */
    async persistTurn(input: { workflowId: string; userId: string; conversationId: string; userText: string; reply: LlmReply }): Promise<void> {
      const { workflowId, userId, conversationId, userText, reply } = input;
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO users (id) VALUES ($1) ON CONFLICT DO NOTHING', [userId]);
        await client.query(
          `INSERT INTO conversations (user_id, id) VALUES ($1, $2)
           ON CONFLICT (user_id, id) DO UPDATE SET updated_at = now()`,
          [userId, conversationId],
        );
        await client.query(
          `INSERT INTO messages (id, user_id, conversation_id, workflow_id, role, content, prompt_tokens, completion_tokens, model, created_at)
           VALUES ($1, $3, $4, $5, 'user', $6, 0, 0, NULL, clock_timestamp()),
                  ($2, $3, $4, $5, 'assistant', $7, $8, $9, $10, clock_timestamp() + interval '1 microsecond')
           ON CONFLICT (id) DO NOTHING`,
          [`${workflowId}:user`, `${workflowId}:assistant`, userId, conversationId, workflowId, userText, reply.text,
            reply.usage.promptTokens, reply.usage.completionTokens, reply.model],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}
