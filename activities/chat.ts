// The chat turn's database steps: read the context, persist both messages (through the batch writer).
import type { Db } from '../lib/db.js';
import type { ChatMessage, LlmReply } from '../lib/contracts/chat.js';
import { TUTOR_SYSTEM_PROMPT } from '../lib/prompts.js';
import type { Writers } from './writers.js';

export interface ChatDeps {
  db: Db;
  writers: Writers;
  contextMessages: number;
}

export interface PersistTurnInput {
  workflowId: string;
  userId: string;
  conversationId: string;
  userText: string;
  reply: LlmReply;
  /** Fill in this turn's semantic-cache entry with the answer (written when the question was embedded). */
  cacheAnswer?: boolean;
  /** When the turn happened (workflow time, ms): orders the messages even if they are written much later. */
  at?: number;
}

export function createChatActivities({ db, writers, contextMessages }: ChatDeps) {
  return {
    /** The system prompt and the latest messages of this user's conversation, oldest first. */
    async loadContext(input: { userId: string; conversationId: string }): Promise<ChatMessage[]> {
      const { rows } = await db.query<{ role: 'user' | 'assistant'; content: string }>(
        `SELECT role, content FROM messages WHERE user_id = $1 AND conversation_id = $2
         ORDER BY created_at DESC LIMIT $3`,
        [input.userId, input.conversationId, contextMessages],
      );
      return [{ role: 'system', content: TUTOR_SYSTEM_PROMPT }, ...rows.reverse()];
    },

    /** Writes the user's message and the answer; ids come from the workflow id, so a retry writes nothing new. */
    async persistTurn(input: PersistTurnInput): Promise<void> {
      const { workflowId, userId, conversationId, userText, reply } = input;
      // The user and the conversation first (the messages reference them), in one statement.
      await db.query(
        `WITH u AS (INSERT INTO users (id) VALUES ($1) ON CONFLICT DO NOTHING)
         INSERT INTO conversations (user_id, id) VALUES ($1, $2)
         ON CONFLICT (user_id, id) DO UPDATE SET updated_at = now()`,
        [userId, conversationId],
      );
      const at = input.at ?? Date.now();
      const common = { user_id: userId, conversation_id: conversationId, workflow_id: workflowId };
      await Promise.all([
        writers.messages.write([
          {
            ...common,
            id: `${workflowId}:user`,
            role: 'user',
            content: userText,
            prompt_tokens: 0,
            completion_tokens: 0,
            model: null,
            created_at: new Date(at),
          },
          {
            ...common,
            id: `${workflowId}:assistant`,
            role: 'assistant',
            content: reply.text,
            prompt_tokens: reply.usage.promptTokens,
            completion_tokens: reply.usage.completionTokens,
            model: reply.model,
            created_at: new Date(at + 1),
          },
        ]),
        input.cacheAnswer && !reply.degraded
          ? writers.cacheAnswers.update([{ id: workflowId, user_id: userId, answer: reply.text, model: reply.model }])
          : undefined,
      ]);
    },
  };
}
