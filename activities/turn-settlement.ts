// The fast path of a turn's settlement: every step of lib/turn-settlement.ts in one activity, which the workflow
// runs as one local activity instead of one per step. Each step is idempotent on the turn's id, so a retry (or the
// settlement workflow a failure is handed to) may repeat the steps that succeeded.
import { runSettlementSteps, type SettlementActs, type TurnSettlement } from '../lib/turn-settlement.js';

export function createSettlementFastPath(steps: SettlementActs) {
  return {
    async settleTurnAtOnce(s: TurnSettlement): Promise<void> {
      const { failed, error } = await runSettlementSteps(s, steps);
      if (failed.length) throw error;
    },
  };
}
