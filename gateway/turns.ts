// Starts a chat turn (or finds the one already started for the same message id) and streams it to a socket.
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError, type Client } from '@temporalio/client';
import {
  CHAT_TURN_WORKFLOW,
  chatTurnWorkflowId,
  defaultConversationId,
  parseTurnDelta,
  turnAttemptKey,
  turnChannel,
  turnTextKey,
  type ChatTurnInput,
  type ChatTurnResult,
} from '../lib/contracts/chat.js';
import { ErrorCode } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import { knownFailure, taskSearchAttributes } from '../lib/contracts/tasks.js';
import { chatTurnSeconds, chatTurnsTotal } from '../lib/metrics.js';
import type { RedisClient } from '../lib/redis.js';
import type { ChannelHub } from './channels.js';
import { DeltaForwarder } from './delta-forwarder.js';
import type { ChatSendFrame, ServerFrame } from './protocol.js';

export interface TurnServiceDeps {
  temporal: Client;
  redis: RedisClient;
  hub: ChannelHub;
  taskQueue: string;
}

export class TurnService {
  constructor(private readonly deps: TurnServiceDeps) {}

  async run(userId: string, frame: ChatSendFrame, send: (f: ServerFrame) => void): Promise<void> {
    const conversationId = frame.conversationId ?? defaultConversationId(userId, frame.id);
    const workflowId = chatTurnWorkflowId(userId, conversationId, frame.id);
    const started = performance.now();
    const forwarder = new DeltaForwarder({
      delta: (text) => send({ type: 'chat.delta', id: frame.id, text }),
      reset: (attempt) => send({ type: 'chat.reset', id: frame.id, attempt }),
    });
    let unsubscribe: (() => Promise<void>) | undefined;
    try {
      // Subscribe before starting, so no delta published after the start can be missed. Without Redis the turn
      // still runs (and the quota layer decides what happens); its text then arrives in one piece at the end.
      unsubscribe = await this.deps.hub
        .subscribe(turnChannel(workflowId), (message) => {
          const delta = parseTurnDelta(message);
          if (delta) forwarder.push(delta);
          else logger.warn({ workflowId }, 'dropped a malformed turn delta');
        })
        .catch((err: Error) => {
          logger.warn({ workflowId, err: err.message }, 'live streaming unavailable for this turn');
          return undefined;
        });
      const handle = await this.startOrFind(workflowId, { userId, conversationId, clientMsgId: frame.id, text: frame.text });
      send({ type: 'chat.accepted', id: frame.id, workflowId, conversationId });
      forwarder.prime(await this.textSoFar(workflowId));
      const result = (await handle.result()) as ChatTurnResult;
      if (result.status === 'blocked') {
        send({ type: 'chat.blocked', id: frame.id, layer: result.layer, reason: result.reason, rules: result.rules });
        chatTurnsTotal.inc({ outcome: 'blocked' });
        logger.info({ workflowId, userId, layer: result.layer, rules: result.rules }, 'chat turn blocked');
        return;
      }
      forwarder.finish(result.text, result.attempt);
      const redactions = result.redactions.map((r) => ({ kind: r.kind }));
      send({
        type: 'chat.done',
        id: frame.id,
        text: result.text,
        usage: result.usage,
        redactions,
        sources: result.sources ?? [],
        ...(result.cached ? { cached: true as const } : {}),
      });
      const seconds = (performance.now() - started) / 1000;
      chatTurnsTotal.inc({ outcome: result.degraded ? 'degraded' : 'done' });
      chatTurnSeconds.observe(seconds);
      logger.info({ workflowId, userId, ms: Math.round(seconds * 1000), usage: result.usage }, 'chat turn done');
    } catch (err) {
      chatTurnsTotal.inc({ outcome: 'error' });
      send({ type: 'error', id: frame.id, ...describeFailure(err) });
      logger.warn({ workflowId, userId, err: err instanceof Error ? err.message : String(err) }, 'chat turn failed');
    } finally {
      await unsubscribe?.();
    }
  }

  /** What the current attempt streamed before we subscribed (one read: both keys share a slot). */
  private async textSoFar(workflowId: string): Promise<{ attempt: number; text: string }> {
    const [text, attempt] = await this.deps.redis.mget(turnTextKey(workflowId), turnAttemptKey(workflowId)).catch(() => [null, null]);
    return { attempt: Number(attempt ?? 1) || 1, text: text ?? '' };
  }

  private async startOrFind(workflowId: string, input: ChatTurnInput) {
    const { temporal, taskQueue } = this.deps;
    try {
      return await temporal.workflow.start(CHAT_TURN_WORKFLOW, {
        args: [input],
        taskQueue,
        workflowId,
        // A resend while the turn runs joins it; a resend after it ended gets its recorded result.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowExecutionTimeout: '10m',
        typedSearchAttributes: taskSearchAttributes(input.userId, 'chat-turn'),
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return temporal.workflow.getHandle(workflowId);
      throw err;
    }
  }
}

/** A stable code and a message safe to show: the failure type when it is one of ours, never a stack. */
function describeFailure(err: unknown): { code: string; message: string } {
  if (err instanceof WorkflowFailedError) {
    return { code: knownFailure(err)?.code ?? ErrorCode.TURN_FAILED, message: 'the tutor could not answer this message; try again with a new message id' };
  }
  return { code: ErrorCode.DEPENDENCY_DOWN, message: 'the chat service is unavailable right now; try again shortly' };
}
