// The security chain's activities around the model call: input guard (layer 1), quota (layer 2) and the audit
// trail (layer 5). They are short and run as local activities of the chat turn.
import type { Db } from '../lib/db.js';
import type { ChatMessage, SecurityEvent } from '../lib/contracts/chat.js';
import { logger } from '../lib/logger.js';
import { quotaUsageTotal, securityEventsTotal } from '../lib/metrics.js';
import { countChatTokens } from '../lib/tokens.js';
import { inspectInput } from './security/input/guard.js';
import type { QuotaStore } from './security/stores/quota.js';
import type { InputGuardOptions } from './security/types.js';

export interface GuardDeps {
  db: Db;
  quota: QuotaStore;
  inputGuard: Partial<InputGuardOptions>;
  /** What to do when Redis is unreachable: 'closed' refuses the turn, 'open' lets it through unmetered. */
  quotaOnRedisError: 'closed' | 'open';
  maxCompletionTokens: number;
  /** What a turn's retrieved notes may add to its prompt (see RetrievalDeps.ragContextTokens). */
  ragContextTokens: number;
}

export interface GuardDecision {
  allowed: boolean;
  reason: string;
  rules: string[];
  /** The text to use instead of the original, when the policy sanitised it. */
  sanitized?: string;
  flagged?: string[];
}

const QUOTA_REASONS: Record<string, string> = {
  daily_tokens: 'daily token budget used up; it resets at midnight UTC',
  requests_per_minute: 'too many messages this minute; wait a moment',
  concurrent_turns: 'too many answers in progress at once; wait for one to finish',
};

export function createGuardActivities({ db, quota, inputGuard, quotaOnRedisError, maxCompletionTokens, ragContextTokens }: GuardDeps) {
  return {
    /** `maxTokens` raises the length limit for documents (a knowledge node), which may be longer than a chat message. */
    async inputGuard(input: { text: string; maxTokens?: number }): Promise<GuardDecision> {
      const v = inspectInput(input.text, input.maxTokens ? { ...inputGuard, maxTokens: input.maxTokens } : inputGuard);
      if (v.blocked) {
        return { allowed: false, reason: `message refused by the input guard (${v.categories.join(', ')})`, rules: v.rules };
      }
      return { allowed: true, reason: '', rules: v.rules, ...(v.sanitized !== undefined ? { sanitized: v.sanitized } : {}), ...(v.categories.length ? { flagged: v.categories } : {}) };
    },

    /**
     * Reserves an upper bound of the turn's tokens: the prompt as counted here (plus a margin), the completion cap and,
     * with `forRetrieval`, the notes that retrieval may still add: the reservation comes first, so a user past their
     * limits costs no embedding call.
     */
    async quotaReserve(input: { userId: string; reservationId: string; day: string; messages: ChatMessage[]; forRetrieval?: boolean }): Promise<GuardDecision> {
      const retrieval = input.forRetrieval ? ragContextTokens + 8 : 0; // + the message's own overhead
      const estimate = Math.ceil((countChatTokens(input.messages) + retrieval) * 1.05) + 16 + maxCompletionTokens;
      try {
        const r = await quota.reserve(input.userId, input.reservationId, estimate, input.day);
        if (r.allowed) return { allowed: true, reason: '', rules: [] };
        return { allowed: false, reason: QUOTA_REASONS[r.denied!] ?? 'quota exceeded', rules: [`quota.${r.denied}`] };
      } catch (err) {
        logger.error({ err: (err as Error).message, policy: quotaOnRedisError }, 'quota store unreachable');
        if (quotaOnRedisError === 'open') return { allowed: true, reason: '', rules: ['quota.unavailable.fail_open'] };
        return { allowed: false, reason: 'the quota service is unavailable; try again shortly', rules: ['quota.unavailable'] };
      }
    },

    async quotaSettle(input: { userId: string; reservationId: string; day: string; tokens: number }): Promise<void> {
      if (await quota.settle(input.userId, input.reservationId, input.day, input.tokens)) quotaUsageTotal.inc(input.tokens);
    },

    /** The compensation of quotaReserve: a turn that failed after reserving gives the tokens back. */
    async quotaRelease(input: { userId: string; reservationId: string; day: string }): Promise<void> {
      await quota.release(input.userId, input.reservationId, input.day);
    },

    /** Writes the audit rows (ids derived from the workflow id, so a retry writes nothing twice) and counts them. */
    async recordSecurityEvents(input: { workflowId: string; userId: string; events: SecurityEvent[] }): Promise<void> {
      if (input.events.length === 0) return;
      const ids = input.events.map((e) => `${input.workflowId}:${e.layer}:${e.eventType}`);
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO security_events (id, user_id, layer, event_type, rule_ids, workflow_id, details)
         SELECT id, $2, layer, event_type, string_to_array(rules, ','), $3, details::jsonb
         FROM unnest($1::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(id, layer, event_type, rules, details)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [ids, input.userId, input.workflowId, input.events.map((e) => e.layer), input.events.map((e) => e.eventType),
          input.events.map((e) => e.rules.join(',')), input.events.map((e) => JSON.stringify(e.details ?? {}))],
      );
      const fresh = new Set(rows.map((r) => r.id));
      input.events.forEach((e, i) => fresh.has(ids[i]!) && securityEventsTotal.inc({ layer: e.layer, event_type: e.eventType }));
    },
  };
}
