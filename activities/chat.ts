// The chat turn's database steps: read the context, persist both messages.
import type { Db } from '../lib/db.js';
import type { ChatMessage, LlmReply } from '../lib/chat.js';

export const SYSTEM_PROMPT =
  'You are Sparkle, a patient tutor for students. Explain step by step, check understanding, and never ' +
  'just hand over answers to graded work. Keep answers short unless asked for more.';

export interface ChatDeps {
  db: Db;
  contextMessages: number;
}

export function createChatActivities({ db, contextMessages }: ChatDeps) {
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
