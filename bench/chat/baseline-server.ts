// The non-durable baseline of the chat-load benchmark: the same security chain and the same model as a chat turn
// (input guard, context, quota reserve, retrieval, model stream through the output guard, settle, persist, audit),
// called in order from a plain express + ws handler, with no Temporal and no Redis pub/sub between them. The
// difference between a turn here and one through the engine is the price of durability. It speaks the subset of
// the engine's WebSocket protocol the load generator uses (chat.send -> chat.accepted, chat.delta, chat.done).
// Run as its own process (like the gateway): `PORT=… node --import tsx bench/chat/baseline-server.ts`.
import { createServer } from 'node:http';
import express from 'express';
import { WebSocketServer, type WebSocket } from 'ws';
import { createActivities } from '../../activities/index.js';
import { StreamingRedactor } from '../../activities/security/output/engine.js';
import { bearerToken, verifyToken } from '../../lib/auth.js';
import { defaultConversationId, type ChatMessage, type SecurityEvent } from '../../lib/contracts/chat.js';
import { config } from '../../lib/config.js';
import { createPool } from '../../lib/db.js';
import { createRedis } from '../../lib/redis.js';
import { buildActivityDeps } from '../../workers/deps.js';

const c = config();
const db = createPool();
const redis = createRedis('baseline');
const deps = buildActivityDeps(c, { db, redis });
const acts = createActivities(deps);
const model = deps.models[0]!;

type Send = (frame: Record<string, unknown>) => void;

/** One turn, the steps of workflows/chat-turn.ts in the same order, minus what only durability needs. */
async function turn(userId: string, frame: { id: string; text: string; conversationId?: string }, send: Send): Promise<void> {
  const conversationId = frame.conversationId ?? defaultConversationId(userId, frame.id);
  const turnId = `baseline:${userId}:${conversationId}:${frame.id}`;
  send({ type: 'chat.accepted', id: frame.id, workflowId: turnId, conversationId });
  const guard = await acts.inputGuard({ text: frame.text });
  if (!guard.allowed) return send({ type: 'chat.blocked', id: frame.id, layer: 'input', reason: guard.reason, rules: guard.rules });
  const text = guard.sanitised ?? frame.text;
  const [system, ...history] = await acts.loadContext({ userId, conversationId });
  const day = new Date().toISOString().slice(0, 10);
  const question: ChatMessage = { role: 'user', content: text };
  const quota = await acts.quotaReserve({ userId, reservationId: turnId, day, messages: [system!, ...history, question], forRetrieval: true });
  if (!quota.allowed) return send({ type: 'chat.blocked', id: frame.id, layer: 'quota', reason: quota.reason, rules: quota.rules });
  const knowledge = await acts.retrieveKnowledge({ workflowId: turnId, userId, text });
  const notes: ChatMessage[] = knowledge.context ? [{ role: 'system', content: knowledge.context }] : [];
  const redactor = new StreamingRedactor();
  let answer = '';
  const emit = (safe: string) => {
    if (!safe) return;
    answer += safe;
    send({ type: 'chat.delta', id: frame.id, text: safe });
  };
  const stream = await model.stream([system!, ...notes, ...history, question], {
    signal: AbortSignal.timeout(c.LLM_TIMEOUT_MS),
    maxTokens: c.LLM_MAX_COMPLETION_TOKENS,
  });
  for await (const piece of stream.deltas) emit(redactor.push(piece));
  emit(redactor.end());
  const usage = stream.usage();
  const redactions = redactor.redactions.map((r) => ({ kind: r.kind, ruleId: r.ruleId }));
  const reply = { text: answer, usage, model: model.model, provider: model.provider, redactions };
  const events: SecurityEvent[] = redactions.length ? [{ layer: 'output', eventType: 'redacted', rules: [...new Set(redactions.map((r) => r.ruleId))] }] : [];
  await Promise.all([
    acts.quotaSettle({ userId, reservationId: turnId, day, tokens: usage.promptTokens + usage.completionTokens }),
    acts.persistTurn({ workflowId: turnId, userId, conversationId, userText: text, reply, at: Date.now(), cacheAnswer: knowledge.cacheable }),
    acts.recordSecurityEvents({ workflowId: turnId, userId, events }),
  ]);
  send({ type: 'chat.done', id: frame.id, text: answer, usage, redactions: redactions.map((r) => ({ kind: r.kind })), sources: knowledge.sources });
}

function serve(ws: WebSocket, userId: string): void {
  const send: Send = (f) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(f));
  ws.on('message', (data) => {
    let frame: { type?: string; id?: string; text?: string; conversationId?: string };
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return send({ type: 'error', code: 'BAD_FRAME', message: 'not JSON' });
    }
    if (frame.type !== 'chat.send' || typeof frame.id !== 'string' || typeof frame.text !== 'string')
      return send({ type: 'error', code: 'BAD_FRAME', message: 'expected chat.send' });
    const { id, text, conversationId } = frame;
    turn(userId, { id, text, conversationId }, send).catch((err: Error) => send({ type: 'error', id, code: 'INTERNAL', message: err.message }));
  });
}

const app = express();
app.get('/healthz', (_req, res) => void res.json({ ok: true }));
const server = createServer(app);
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
  verifyToken(bearerToken(req.headers.authorization)).then(
    (user) => {
      if (!user) return socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      wss.handleUpgrade(req, socket, head, (ws) => serve(ws, user.id));
    },
    () => socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n'),
  );
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  wss.clients.forEach((ws) => ws.terminate());
  server.close(() => void Promise.all([db.end(), redis.quit()]).finally(() => process.exit(0)));
});
