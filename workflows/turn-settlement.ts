// What a chat turn (or an error-book analysis) owes once its model call is over: settle the quota with the real
// usage or release the reservation, persist the two messages, touch the conversation, write the audit rows.
// The turn tries these at once in its worker; whatever fails there (Redis or Postgres down) is handed to
// turnSettlementWorkflow, which outlives the turn and retries until the outage ends. So an outage after the answer
// neither loses the answer (the turn completes with it, and a resend returns it) nor hides the turn's own error.
// Every step is idempotent on the turn's id: however often it runs, the turn is billed and persisted once.
import { ParentClosePolicy, patched, proxyActivities, proxyLocalActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { PersistTurnInput } from '../activities/chat.js';
import type { SecurityEvent } from '../lib/chat.js';
import { SETTLEMENT_STEP, TURN_FINISH_LOCAL } from './activity-options.js';

export interface TurnSettlement {
  userId: string;
  /** The quota's reservation: `tokens` settles it with the real usage, `release` gives it all back. */
  quota?: { reservationId: string; day: string } & ({ tokens: number } | { release: true });
  persist?: PersistTurnInput;
  touch?: { conversationId: string };
  audit?: { workflowId: string; events: SecurityEvent[] };
}

type Step = Exclude<keyof TurnSettlement, 'userId'>;
type Acts = Pick<Activities, 'quotaSettle' | 'quotaRelease' | 'persistTurn' | 'touchConversation' | 'recordSecurityEvents'>;

const now: Acts = proxyLocalActivities<Activities>(TURN_FINISH_LOCAL);
const durably: Acts = proxyActivities<Activities>(SETTLEMENT_STEP);

/** The steps `s` asks for, in a fixed order (the order their activities are scheduled in, which replay checks). */
function stepsOf(s: TurnSettlement, a: Acts): [Step, () => Promise<unknown>][] {
  const { userId, quota, persist, touch, audit } = s;
  const steps: [Step, (() => Promise<unknown>) | undefined][] = [
    ['quota', quota && (() => ('release' in quota ? a.quotaRelease({ userId, ...quota }) : a.quotaSettle({ userId, ...quota })))],
    ['persist', persist && (() => a.persistTurn(persist))],
    ['touch', touch && (() => a.touchConversation({ userId, ...touch }))],
    ['audit', audit && (() => a.recordSecurityEvents({ userId, ...audit }))],
  ];
  return steps.filter((e): e is [Step, () => Promise<unknown>] => e[1] !== undefined);
}

export async function turnSettlementWorkflow(s: TurnSettlement): Promise<void> {
  await Promise.all(stepsOf(s, durably).map(([, run]) => run()));
}

/**
 * Runs the steps now; what fails is handed to a settlement workflow (ABANDON: it outlives the caller) and the
 * caller goes on. `label` tells one caller's settlements apart (an analysis may settle once per model attempt).
 */
export async function settleTurn(s: TurnSettlement, label: string): Promise<void> {
  const steps = stepsOf(s, now);
  const outcomes = await Promise.allSettled(steps.map(([, run]) => run()));
  const failed = steps.filter((_, i) => outcomes[i]!.status === 'rejected').map(([step]) => step);
  if (failed.length === 0) return;
  // Executions that began before the hand-off existed failed here, and must replay that way.
  if (!patched('durable-turn-settlement')) throw (outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason;
  const pending: TurnSettlement = { userId: s.userId };
  for (const step of failed) Object.assign(pending, { [step]: s[step] });
  await startChild(turnSettlementWorkflow, {
    workflowId: `${workflowInfo().workflowId}:settlement:${label}`,
    args: [pending],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
}
