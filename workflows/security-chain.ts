// The security chain as the workflows run it, one name per layer, so a chat turn (chat-turn.ts) and an error-book
// analysis (error-book.ts) read as the layers they pass: the input guard (1), the quota's reservation (2), the model
// call inside that reservation, settled with the real usage or released when the call fails (3), the output guard
// inside the call (4, activities/llm-stream.ts) and the audit trail of it all (5).
import { CancellationScope, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { GuardDecision } from '../activities/input-guard.js';
import { sanitisedText, type ChatMessage, type LlmReply, type SecurityEvent, type SecurityLayer } from '../lib/contracts/chat.js';
import { SHORT_LOCAL } from './activity-options.js';
import { settleTurn } from './turn-settlement.js';

const { inputGuard, quotaReserve, recordSecurityEvents } = proxyLocalActivities<Activities>(SHORT_LOCAL);

/** A quota reservation: what the model call may spend, held until it is settled or released. */
export interface Reservation {
  userId: string;
  reservationId: string;
  day: string;
}

/** Layer 1: the input guard's decision on a text (allowed, sanitised, flagged or blocked). */
export const checkInput = (text: string): Promise<GuardDecision> => inputGuard({ text });

/** What an allowed text's guard decision adds to the audit trail: nothing, unless it was flagged or sanitised. */
export function inputEvents(guard: GuardDecision): SecurityEvent[] {
  return guard.flagged ? [{ layer: 'input', eventType: sanitisedText(guard) !== undefined ? 'sanitised' : 'flagged', rules: guard.rules }] : [];
}

/** Layer 2: reserves room for `messages` (and for the notes retrieval may add) under the user's limits. */
export const reserveQuota = (r: Reservation, messages: ChatMessage[], forRetrieval?: boolean): Promise<GuardDecision> =>
  quotaReserve({ ...r, messages, ...(forRetrieval ? { forRetrieval } : {}) });

/** Layer 3 inside its reservation: a call that fails or is cancelled gives the reservation back, then throws its own error. */
export async function callWithinReservation<T>(r: Reservation, label: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    // Non-cancellable, or a cancellation would cancel the release too; a release that cannot run now is handed to
    // a settlement workflow (turn-settlement.ts), never thrown in place of the call's own error.
    await CancellationScope.nonCancellable(() => releaseReservation(r, label));
    throw err;
  }
}

/** Gives the whole reservation back (a failed call, a cached or degraded answer costs nothing). */
export const releaseReservation = (r: Reservation, label: string) =>
  settleTurn({ userId: r.userId, quota: { reservationId: r.reservationId, day: r.day, release: true } }, label);

/** The tokens a reply used, which its reservation is settled with. */
export const usedTokens = (reply: LlmReply) => reply.usage.promptTokens + reply.usage.completionTokens;

/** What the call adds to the audit trail: the output guard's redactions (layer 4), a degraded answer (layer 3). */
export function outputEvents(reply: LlmReply): SecurityEvent[] {
  const events: SecurityEvent[] = [];
  if (reply.redactions.length) events.push({ layer: 'output', eventType: 'redacted', rules: [...new Set(reply.redactions.map((r) => r.ruleId))] });
  if (reply.degraded) events.push({ layer: 'llm', eventType: 'degraded', rules: ['llm.circuit_open'] });
  return events;
}

/** Layer 5: a refusal in the audit trail. */
export const recordBlock = (workflowId: string, userId: string, layer: SecurityLayer, rules: string[]) =>
  recordSecurityEvents({ workflowId, userId, events: [{ layer, eventType: 'blocked', rules }] });

/** Layer 5: the turn's other security events in the audit trail. */
export const recordEvents = (workflowId: string, userId: string, events: SecurityEvent[]) => recordSecurityEvents({ workflowId, userId, events });
