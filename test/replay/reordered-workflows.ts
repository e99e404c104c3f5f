// A deliberately non-deterministic edit of the chat turn (the model is called before the context is loaded),
// used to prove that the replay test catches such a change.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import type { ChatTurnInput } from '../../lib/contracts/chat.js';

const { loadContext, llmStream } = proxyActivities<Activities>({ startToCloseTimeout: '1m' });

export async function chatTurnWorkflow(input: ChatTurnInput): Promise<unknown> {
  const reply = await llmStream({ workflowId: workflowInfo().workflowId, messages: [{ role: 'user', content: input.text }] });
  await loadContext({ userId: input.userId, conversationId: input.conversationId });
  return reply;
}
