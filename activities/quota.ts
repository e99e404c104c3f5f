// Layer 2 of the security chain: the per-user quota (activities/security/stores/quota.ts) reserved before the
// model call, settled with the real usage or released after it.
import type { ChatMessage } from '../lib/contracts/chat.js';
import { logger } from '../lib/logger.js';
import { quotaUsageTotal } from '../lib/metrics.js';
import { countChatTokens } from '../lib/tokens.js';
import type { GuardDecision } from './input-guard.js';
import type { QuotaStore } from './security/stores/quota.js';

export interface QuotaDeps {
  quota: QuotaStore;
  /** What to do when Redis is unreachable: 'closed' refuses the turn, 'open' lets it through unmetered. */
  quotaOnRedisError: 'closed' | 'open';
  maxCompletionTokens: number;
  /** What a turn's retrieved notes may add to its prompt (see RetrievalDeps.ragContextTokens). */
  ragContextTokens: number;
}

const QUOTA_REASONS: Record<string, string> = {
  daily_tokens: 'daily token budget used up; it resets at midnight UTC',
  requests_per_minute: 'too many messages this minute; wait a moment',
  concurrent_turns: 'too many answers in progress at once; wait for one to finish',
};

export function createQuotaActivities({ quota, quotaOnRedisError, maxCompletionTokens, ragContextTokens }: QuotaDeps) {
  return {
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
  };
}
