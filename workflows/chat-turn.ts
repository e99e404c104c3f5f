// One chat turn, durable end to end, through the five-layer security chain (security-chain.ts):
// input guard -> context (conversation) -> quota reserve -> retrieval (the student's notes, the semantic cache) ->
// model call with the output guard inline -> settle (quota, persist, audit; handed to a durable settlement
// workflow if Redis or Postgres is down), with the reservation released if the model call fails. A cache hit
// releases the reservation and skips the model.
import { patched, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { Retrieval } from '../activities/retrieval.js';
import {
  sanitisedText,
  type BlockedTurn,
  type ChatMessage,
  type ChatTurnInput,
  type ChatTurnResult,
  type LlmReply,
  type SecurityLayer,
} from '../lib/contracts/chat.js';
import { MODEL_CALL, SHORT_LOCAL } from './activity-options.js';
import { callWithinReservation, checkInput, inputEvents, outputEvents, recordBlock, reserveQuota, usedTokens, type Reservation } from './security-chain.js';
import { settleTurn } from './turn-settlement.js';

const NO_RETRIEVAL: Retrieval = { sources: [], context: '', cacheable: false };

// Short steps run as local activities: in the worker that runs the workflow task, with no server round trip
// to schedule them, which takes tens of milliseconds off every turn. Their results are still recorded.
const { loadContext, retrieveKnowledge, serveCachedAnswer } = proxyLocalActivities<Activities>(SHORT_LOCAL);
const { llmStream } = proxyActivities<Activities>(MODEL_CALL);

export async function chatTurnWorkflow(input: ChatTurnInput): Promise<ChatTurnResult> {
  const { workflowId } = workflowInfo();
  const { userId, conversationId } = input;
  const block = async (layer: SecurityLayer, reason: string, rules: string[]): Promise<BlockedTurn> => {
    await recordBlock(workflowId, userId, layer, rules);
    return { status: 'blocked', conversationId, layer, reason, rules };
  };

  // Layer 1. The conversation is read while the guard looks at the message (one activation for both, where older
  // executions ran them one after the other); a blocked message wastes one read.
  const context = patched('context-beside-input-guard') ? loadContext({ userId, conversationId }) : undefined;
  context?.catch(() => undefined); // handled: a turn the guard blocks never reads it, and must not fail on it
  const guard = await checkInput(input.text);
  if (!guard.allowed) return block('input', guard.reason, guard.rules);
  const text = sanitisedText(guard) ?? input.text;
  const events = inputEvents(guard);

  const [system, ...history] = await (context ?? loadContext({ userId, conversationId }));
  // Workflow time: deterministic on replay, and the day a time-skipping test moves forward.
  const reservation: Reservation = { userId, reservationId: workflowId, day: new Date().toISOString().slice(0, 10) };
  // Workflow time orders the messages even when a settlement writes them later.
  const persist = (reply: LlmReply, cacheAnswer?: boolean) => ({
    workflowId,
    userId,
    conversationId,
    userText: text,
    reply,
    at: Date.now(),
    ...(cacheAnswer ? { cacheAnswer } : {}),
  });
  const finish = (reply: LlmReply, quota: { tokens: number } | { release: true }, cacheAnswer?: boolean) =>
    settleTurn(
      {
        userId,
        quota: { reservationId: workflowId, day: reservation.day, ...quota },
        persist: persist(reply, cacheAnswer),
        touch: { conversationId },
        audit: { workflowId, events },
      },
      'finish',
    );
  const question = { role: 'user' as const, content: text };

  // Layer 2. The quota (its rate and concurrency limits too) comes before retrieval, so a user past their limits
  // costs no embedding call; it reserves room for the notes retrieval may add. Older executions retrieved first.
  const quotaFirst = patched('quota-before-retrieval');
  let quota = quotaFirst ? await reserveQuota(reservation, [system!, ...history, question], true) : undefined;
  if (quota && !quota.allowed) return block('quota', quota.reason, quota.rules);
  // Turns started before retrieval existed replay without it (see README: versioning with patched()).
  const knowledge = patched('rag-and-semantic-cache') ? await retrieveKnowledge({ workflowId, userId, text }) : NO_RETRIEVAL;
  if (knowledge.cached) {
    const reply = await serveCachedAnswer({ workflowId, cached: knowledge.cached });
    // Older executions had no reservation to give back here, and audited only when there was something to say.
    if (quotaFirst) await finish(reply, { release: true });
    else
      await settleTurn({ userId, persist: persist(reply), touch: { conversationId }, ...(events.length ? { audit: { workflowId, events } } : {}) }, 'finish');
    return { status: 'done', ...reply, conversationId, sources: knowledge.sources, cached: true };
  }
  const notes = knowledge.context ? [{ role: 'system' as const, content: knowledge.context }] : [];
  const messages = [system!, ...notes, ...history, question];
  quota ??= await reserveQuota(reservation, messages);
  if (!quota.allowed) return block('quota', quota.reason, quota.rules);
  if (quota.rules.length) events.push({ layer: 'quota', eventType: 'fail_open', rules: quota.rules });

  // Layers 3 and 4: the model call, the output guard inline in its stream; a failed call costs nothing.
  const reply = await callWithinReservation(reservation, 'release', () => llmStream({ workflowId, messages }));
  events.push(...outputEvents(reply));

  // Layer 5 with the settlement: the real usage billed, the messages and the audit rows written.
  await finish(reply, { tokens: usedTokens(reply) }, knowledge.cacheable);
  return { status: 'done', ...reply, conversationId, sources: knowledge.sources };
}
