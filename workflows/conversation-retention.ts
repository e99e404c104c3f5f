// Deletes a conversation after it has been idle for the retention period (student data is not kept forever).
// Each chat turn signals `touch`, which restarts the idle clock: a durable timer, not a cron scan.
import { condition, continueAsNew, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { RetentionInput } from '../lib/contracts/chat.js';
import { PURGE_CONVERSATION } from './activity-options.js';

export const touchSignal = defineSignal('touch');

const { purgeConversation } = proxyActivities<Activities>(PURGE_CONVERSATION);

/** Touches handled before the history is rolled over with continue-as-new, to keep it small. */
const TOUCHES_PER_RUN = 500;

export async function conversationRetentionWorkflow(input: RetentionInput): Promise<{ purgedMessages: number }> {
  let touched = false;
  setHandler(touchSignal, () => {
    touched = true;
  });
  for (let i = 0; i < TOUCHES_PER_RUN; i++) {
    touched = false;
    const active = await condition(() => touched, input.idleMs);
    if (!active) return { purgedMessages: await purgeConversation({ userId: input.userId, conversationId: input.conversationId }) };
  }
  return continueAsNew<typeof conversationRetentionWorkflow>(input);
}
