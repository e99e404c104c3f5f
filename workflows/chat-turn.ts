// One chat turn, durable end to end. Steps are activities; this function only orders them.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { ChatTurnInput, ChatTurnResult } from '../lib/chat.js';

const { loadContext, persistTurn, touchConversation } = proxyActivities<Activities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '10s', maximumAttempts: 10 },
});

// The model call streams for a while: the heartbeat timeout, not the overall timeout, detects a dead worker.
const { llmStream } = proxyActivities<Activities>({
  startToCloseTimeout: '3m',
  heartbeatTimeout: '20s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 4 },
});

export async function chatTurnWorkflow(input: ChatTurnInput): Promise<ChatTurnResult> {
  const { workflowId } = workflowInfo();
  const context = await loadContext({ userId: input.userId, conversationId: input.conversationId });
  const reply = await llmStream({ workflowId, messages: [...context, { role: 'user', content: input.text }] });
  const conversation = { userId: input.userId, conversationId: input.conversationId };
  await Promise.all([persistTurn({ workflowId, ...conversation, userText: input.text, reply }), touchConversation(conversation)]);
  return { ...reply, conversationId: input.conversationId };
}
