// Layer 1 of the security chain: the input guard (activities/security/input/), short enough to run as a local
// activity of the chat turn, and a step of every job that takes student text.
import { inspectInput } from './security/input/guard.js';
import type { InputGuardOptions } from './security/types.js';

export interface InputGuardDeps {
  inputGuard: Partial<InputGuardOptions>;
}

export interface GuardDecision {
  allowed: boolean;
  reason: string;
  rules: string[];
  /** The text to use instead of the original, when the policy sanitised it. */
  sanitised?: string;
  flagged?: string[];
}

export function createInputGuardActivities({ inputGuard }: InputGuardDeps) {
  return {
    /** `maxTokens` raises the length limit for documents (a knowledge node), which may be longer than a chat message. */
    async inputGuard(input: { text: string; maxTokens?: number }): Promise<GuardDecision> {
      const v = inspectInput(input.text, input.maxTokens ? { ...inputGuard, maxTokens: input.maxTokens } : inputGuard);
      if (v.blocked) {
        return { allowed: false, reason: `message refused by the input guard (${v.categories.join(', ')})`, rules: v.rules };
      }
      return {
        allowed: true,
        reason: '',
        rules: v.rules,
        ...(v.sanitised !== undefined ? { sanitised: v.sanitised } : {}),
        ...(v.categories.length ? { flagged: v.categories } : {}),
      };
    },
  };
}
