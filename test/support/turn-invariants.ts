// The invariants every chat turn keeps, whatever fault it met: the client's text after its last chat.reset equals
// chat.done's text, which is the stored answer; the turn is persisted once and billed once.
import { expect } from 'vitest';
import { QuotaStore } from '../../activities/security/stores/quota.js';
import type { Db } from '../../lib/db.js';
import type { RedisClient } from '../../lib/redis.js';
import { signToken } from '../../lib/auth.js';
import { chatTurnWorkflowId, defaultConversationId } from '../../lib/contracts/chat.js';
import { uniqueId } from './services.js';
import { TestSocket, type Frame } from './ws-client.js';

/** Sends one message (id m1) as a new user on a new socket: what the checks below need to follow it. */
export async function startTurn(wsUrl: string, text: string) {
  const userId = uniqueId('turn');
  const id = 'm1';
  const sock = await TestSocket.open(wsUrl, await signToken(userId));
  const workflowId = chatTurnWorkflowId(userId, defaultConversationId(userId, id), id);
  sock.send({ type: 'chat.send', id, text });
  return { userId, id, sock, workflowId };
}

/** What the client shows for message `id`: the deltas after the last reset, joined, and the frames it got. */
export function clientView(sock: TestSocket, id: string): { text: string; resets: Frame[]; end?: Frame } {
  const mine = sock.frames.filter((f) => f.id === id);
  const lastReset = mine.map((f) => f.type).lastIndexOf('chat.reset');
  const text = mine
    .slice(lastReset + 1)
    .filter((f) => f.type === 'chat.delta')
    .map((f) => f.text as string)
    .join('');
  return { text, resets: mine.filter((f) => f.type === 'chat.reset'), end: mine.find((f) => ['chat.done', 'chat.blocked', 'error'].includes(f.type)) };
}

export const today = () => new Date().toISOString().slice(0, 10);

export async function billedToday(redis: RedisClient, userId: string): Promise<number> {
  return new QuotaStore(redis, { dailyTokens: 1, requestsPerMinute: 1, concurrentTurns: 1, leaseMs: 1 }).usedToday(userId, today());
}

export async function storedTurn(db: Db, workflowId: string): Promise<{ rows: number; answer?: string }> {
  const { rows } = await db.query<{ role: string; content: string }>('SELECT role, content FROM messages WHERE workflow_id = $1', [workflowId]);
  return { rows: rows.length, answer: rows.find((r) => r.role === 'assistant')?.content };
}

/**
 * The whole check for one finished turn: the client's text, chat.done, the stored answer and the bill agree, and
 * the turn was written once. `redis`/`db` may be the test's own servers (a fault test restarts them).
 */
export async function expectTurnHeld(opts: { sock: TestSocket; id: string; workflowId: string; userId: string; db: Db; redis: RedisClient }): Promise<Frame> {
  const view = clientView(opts.sock, opts.id);
  expect(view.end?.type, JSON.stringify(view.end)).toBe('chat.done');
  const done = view.end!;
  expect(view.text).toBe(done.text);
  const stored = await storedTurn(opts.db, opts.workflowId);
  expect(stored).toEqual({ rows: 2, answer: done.text });
  const usage = done.usage as { promptTokens: number; completionTokens: number };
  expect(await billedToday(opts.redis, opts.userId)).toBe(usage.promptTokens + usage.completionTokens);
  return done;
}
