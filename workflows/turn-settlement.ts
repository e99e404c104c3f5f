// What a chat turn (or an error-book analysis) owes once its model call is over: settle the quota with the real
// usage or release the reservation, persist the two messages, touch the conversation, write the audit rows
// (lib/turn-settlement.ts). The turn tries these at once in its worker; whatever fails there (Redis or Postgres
// down) is handed to turnSettlementWorkflow, which outlives the turn and retries until the outage ends. So an outage
// after the answer neither loses the answer (the turn completes with it, and a resend returns it) nor hides the
// turn's own error. Every step is idempotent on the turn's id: however often it runs, the turn is billed and
// persisted once.
import { ParentClosePolicy, patched, proxyActivities, proxyLocalActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { runSettlementSteps, settlementSteps, type SettlementActs, type TurnSettlement } from '../lib/turn-settlement.js';
import { SETTLEMENT_STEP, TURN_FINISH_LOCAL } from './activity-options.js';

export type { TurnSettlement } from '../lib/turn-settlement.js';

/** One local activity for all the steps, where older executions ran one per step (and an activation each). */
export const SETTLE_AT_ONCE = 'settle-in-one-local-activity';

const now = proxyLocalActivities<Activities>(TURN_FINISH_LOCAL);
const durably: SettlementActs = proxyActivities<Activities>(SETTLEMENT_STEP);

export async function turnSettlementWorkflow(s: TurnSettlement): Promise<void> {
  await Promise.all(settlementSteps(s, durably).map(([, run]) => run()));
}

/** What could not be settled now. The one-activity path cannot tell which step failed: it hands off all of them. */
async function settleNow(s: TurnSettlement): Promise<TurnSettlement | undefined> {
  if (patched(SETTLE_AT_ONCE))
    return now.settleTurnAtOnce(s).then(
      () => undefined,
      () => s,
    );
  const { failed, error } = await runSettlementSteps(s, now);
  if (failed.length === 0) return undefined;
  // Executions that began before the hand-off existed failed here, and must replay that way.
  if (!patched('durable-turn-settlement')) throw error;
  const pending: TurnSettlement = { userId: s.userId };
  for (const step of failed) Object.assign(pending, { [step]: s[step] });
  return pending;
}

/**
 * Runs the steps now; what fails is handed to a settlement workflow (ABANDON: it outlives the caller) and the
 * caller goes on. `label` tells one caller's settlements apart (an analysis may settle once per model attempt).
 */
export async function settleTurn(s: TurnSettlement, label: string): Promise<void> {
  const pending = await settleNow(s);
  if (!pending) return;
  await startChild(turnSettlementWorkflow, {
    workflowId: `${workflowInfo().workflowId}:settlement:${label}`,
    args: [pending],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
}
