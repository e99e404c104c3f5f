// One chat turn, durable end to end, through the five-layer security chain:
// input guard -> context (conversation, the student's notes, the semantic cache) -> quota reserve -> model call
// with the output guard inline -> quota settle -> persist, with the reservation released if the model call
// fails, and every security event written to the audit trail. A cache hit skips the quota and the model.
import { CancellationScope, patched, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { Retrieval } from '../activities/retrieval.js';
import { MODEL_CALL, SHORT_LOCAL } from './activity-options.js';
import type { BlockedTurn, ChatTurnInput, ChatTurnResult, SecurityEvent, SecurityLayer } from '../lib/chat.js';

const NO_RETRIEVAL: Retrieval = { sources: [], context: '', cacheable: false };

// Short steps run as local activities: in the worker that runs the workflow task, with no server round trip
// to schedule them, which takes tens of milliseconds off every turn. Their results are still recorded.
const {
  inputGuard, loadContext, retrieveKnowledge, serveCachedAnswer, quotaReserve, quotaSettle, quotaRelease, persistTurn, touchConversation,
  recordSecurityEvents,
} = proxyLocalActivities<Activities>(SHORT_LOCAL);
const { llmStream } = proxyActivities<Activities>(MODEL_CALL);

export async function chatTurnWorkflow(input: ChatTurnInput): Promise<ChatTurnResult> {
  const { workflowId } = workflowInfo();
  const { userId, conversationId } = input;
  const audit = (events: SecurityEvent[]) => recordSecurityEvents({ workflowId, userId, events });
  const block = async (layer: SecurityLayer, reason: string, rules: string[]): Promise<BlockedTurn> => {
    await audit([{ layer, eventType: 'blocked', rules }]);
    return { status: 'blocked', conversationId, layer, reason, rules };
  };

  const guard = await inputGuard({ text: input.text });
  if (!guard.allowed) return block('input', guard.reason, guard.rules);
  const text = guard.sanitized ?? input.text;
  const events: SecurityEvent[] = [];
  if (guard.flagged) events.push({ layer: 'input', eventType: guard.sanitized !== undefined ? 'sanitised' : 'flagged', rules: guard.rules });

  const [system, ...history] = await loadContext({ userId, conversationId });
  // Turns started before retrieval existed replay without it (see README: versioning with patched()).
  const knowledge = patched('rag-and-semantic-cache') ? await retrieveKnowledge({ workflowId, userId, text }) : NO_RETRIEVAL;
  if (knowledge.cached) {
    const reply = await serveCachedAnswer({ workflowId, cached: knowledge.cached });
    await Promise.all([persistTurn({ workflowId, userId, conversationId, userText: text, reply }), touchConversation({ userId, conversationId }), events.length ? audit(events) : undefined]);
    return { status: 'done', ...reply, conversationId, sources: knowledge.sources, cached: true };
  }
  const notes = knowledge.context ? [{ role: 'system' as const, content: knowledge.context }] : [];
  const messages = [system!, ...notes, ...history, { role: 'user' as const, content: text }];
  // Workflow time: deterministic on replay, and the day a time-skipping test moves forward.
  const day = new Date().toISOString().slice(0, 10);
  const quota = await quotaReserve({ userId, reservationId: workflowId, day, messages });
  if (!quota.allowed) return block('quota', quota.reason, quota.rules);
  if (quota.rules.length) events.push({ layer: 'quota', eventType: 'fail_open', rules: quota.rules });

  let reply;
  try {
    reply = await llmStream({ workflowId, messages });
  } catch (err) {
    // Compensation: a failed or cancelled turn costs nothing. Non-cancellable, or a cancellation would cancel it too.
    await CancellationScope.nonCancellable(() => quotaRelease({ userId, reservationId: workflowId, day }));
    throw err;
  }
  if (reply.redactions.length) events.push({ layer: 'output', eventType: 'redacted', rules: [...new Set(reply.redactions.map((r) => r.ruleId))] });
  if (reply.degraded) events.push({ layer: 'llm', eventType: 'degraded', rules: ['llm.circuit_open'] });

  await Promise.all([
    quotaSettle({ userId, reservationId: workflowId, day, tokens: reply.usage.promptTokens + reply.usage.completionTokens }),
    persistTurn({ workflowId, userId, conversationId, userText: text, reply, cacheAnswer: knowledge.cacheable }),
    touchConversation({ userId, conversationId }),
    audit(events),
  ]);
  return { status: 'done', ...reply, conversationId, sources: knowledge.sources };
}
