// One chat turn, durable end to end. Steps are activities; this function only orders them.
import { proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { ChatTurnInput, ChatTurnResult } from '../lib/chat.js';

// Short database steps run as local activities: in the worker that runs the workflow task, with no server
// round trip to schedule them, which takes tens of milliseconds off every turn. Their results are still recorded.
const { loadContext, persistTurn, touchConversation } = proxyLocalActivities<Activities>({
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
  const conversation = { userId: input.userId, conversationId: input.conversationId };
  const context = await loadContext(conversation);
  const reply = await llmStream({ workflowId, messages: [...context, { role: 'user', content: input.text }] });
  await Promise.all([persistTurn({ workflowId, ...conversation, userText: input.text, reply }), touchConversation(conversation)]);
  return { ...reply, conversationId: input.conversationId };
}
