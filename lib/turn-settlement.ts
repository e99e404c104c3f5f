// What a chat turn (or an error-book analysis) owes once its model call is over, written once and run two ways
// (workflows/turn-settlement.ts): all at once in one local activity, or step by step as activities of the durable
// settlement workflow when that fails. Pure and deterministic, so the workflow may run it with activity proxies.
import type { createChatActivities, PersistTurnInput } from '../activities/chat.js';
import type { createAuditActivities } from '../activities/audit.js';
import type { createQuotaActivities } from '../activities/quota.js';
import type { createRetentionActivities } from '../activities/retention.js';
import type { SecurityEvent } from './contracts/chat.js';

export interface TurnSettlement {
  userId: string;
  /** The quota's reservation: `tokens` settles it with the real usage, `release` gives it all back. */
  quota?: { reservationId: string; day: string } & ({ tokens: number } | { release: true });
  persist?: PersistTurnInput;
  touch?: { conversationId: string };
  audit?: { workflowId: string; events: SecurityEvent[] };
}

export type SettlementStep = Exclude<keyof TurnSettlement, 'userId'>;
type StepActivities = ReturnType<typeof createQuotaActivities> &
  ReturnType<typeof createAuditActivities> &
  ReturnType<typeof createChatActivities> &
  ReturnType<typeof createRetentionActivities>;
export type SettlementActs = Pick<StepActivities, 'quotaSettle' | 'quotaRelease' | 'persistTurn' | 'touchConversation' | 'recordSecurityEvents'>;

/** The steps `s` asks for, in a fixed order (the order their activities are scheduled in, which replay checks). */
export function settlementSteps(s: TurnSettlement, a: SettlementActs): [SettlementStep, () => Promise<unknown>][] {
  const { userId, quota, persist, touch, audit } = s;
  const steps: [SettlementStep, (() => Promise<unknown>) | undefined][] = [
    ['quota', quota && (() => ('release' in quota ? a.quotaRelease({ userId, ...quota }) : a.quotaSettle({ userId, ...quota })))],
    ['persist', persist && (() => a.persistTurn(persist))],
    ['touch', touch && (() => a.touchConversation({ userId, ...touch }))],
    ['audit', audit && (() => a.recordSecurityEvents({ userId, ...audit }))],
  ];
  return steps.filter((e): e is [SettlementStep, () => Promise<unknown>] => e[1] !== undefined);
}

/** Runs the steps side by side; answers the ones that failed, with the first failure. */
export async function runSettlementSteps(s: TurnSettlement, a: SettlementActs): Promise<{ failed: SettlementStep[]; error?: unknown }> {
  const steps = settlementSteps(s, a);
  const outcomes = await Promise.allSettled(steps.map(([, run]) => run()));
  const failed = steps.filter((_, i) => outcomes[i]!.status === 'rejected').map(([step]) => step);
  const error = (outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult | undefined)?.reason;
  return { failed, ...(failed.length ? { error } : {}) };
}
