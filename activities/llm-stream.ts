// Layer 3 (the model call) with layer 4 (the output guard) inline: the answer streams through the redactor
// before anything is published, so no token reaches a client unguarded. Models are tried in order, each behind
// a circuit breaker shared by all workers; when every circuit is open the turn degrades to an apology.
import { Context } from '@temporalio/activity';
import type { ChatMessage, LlmReply } from '../lib/chat.js';
import { AppError, ErrorCode, isRetryable } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import { circuitState, llmCallsTotal, llmCostUsdTotal, llmLatencySeconds, llmTokensTotal } from '../lib/metrics.js';
import type { RedisClient } from '../lib/redis.js';
import { TurnPublisher } from '../lib/turn-stream.js';
import { toAppError } from '../lib/openai-errors.js';
import type { ChatModel } from './llm/index.js';
import type { CircuitBreaker, CircuitState } from './security/circuit-breaker.js';
import { StreamingRedactor } from './security/output-guard.js';

export const DEGRADED_ANSWER =
  'Sorry — the tutor is temporarily unavailable because the language model is not answering. ' +
  'Your message was not charged. Please try again in a minute.';

export interface LlmDeps {
  redis: RedisClient;
  models: ChatModel[];
  breaker: CircuitBreaker;
  maxCompletionTokens: number;
  /** US dollars per 1000 prompt / completion tokens, for the cost metric. */
  prices?: { prompt: number; completion: number };
}

type Publisher = Pick<TurnPublisher, 'reset' | 'publish'>;
const SILENT: Publisher = { reset: async () => undefined, publish: async () => undefined };

const STATE_VALUE: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

class ActivityCancelled extends Error {
  constructor(readonly reason: unknown) {
    super('cancelled');
  }
}

/** Publishing a delta to the gateway failed (Redis is down): the model is not to blame. */
class PublishFailure extends Error {
  constructor(readonly reason: unknown) {
    super('publishing a delta failed');
  }
}

/** A model call that failed after its first delta was published: switching models would garble the answer. */
class MidStreamFailure extends Error {
  constructor(readonly appErr: AppError) {
    super(appErr.message);
  }
}

export function createLlmActivities({ redis, models, breaker, maxCompletionTokens, prices }: LlmDeps) {
  // The breaker protects the provider, it is not a security control: if Redis cannot answer, call anyway.
  const acquire = (name: string) => breaker.acquire(name).catch(() => ({ allowed: true, state: 'closed' as CircuitState }));
  const record = (name: string, ok: boolean) =>
    breaker.record(name, ok).then((s) => circuitState.set({ model: name }, STATE_VALUE[s]), () => undefined);

  async function streamOnce(model: ChatModel, messages: ChatMessage[], publisher: Publisher): Promise<LlmReply> {
    const ctx = Context.current();
    const started = performance.now();
    const redactor = new StreamingRedactor();
    let text = '';
    let published = false;
    const emit = async (safe: string) => {
      if (!safe) return;
      if (!published) llmLatencySeconds.observe({ stage: 'first_token' }, (performance.now() - started) / 1000);
      published = true;
      text += safe;
      await publisher.publish(safe).catch((err: unknown) => {
        throw new PublishFailure(err);
      });
    };
    try {
      const stream = await model.stream(messages, { signal: ctx.cancellationSignal, maxTokens: maxCompletionTokens });
      for await (const piece of stream.deltas) {
        await emit(redactor.push(piece));
        ctx.heartbeat({ chars: text.length });
      }
      await emit(redactor.end());
      const usage = stream.usage();
      llmTokensTotal.inc({ kind: 'prompt' }, usage.promptTokens);
      llmTokensTotal.inc({ kind: 'completion' }, usage.completionTokens);
      if (prices) llmCostUsdTotal.inc({ model: model.model }, (usage.promptTokens * prices.prompt + usage.completionTokens * prices.completion) / 1000);
      llmLatencySeconds.observe({ stage: 'total' }, (performance.now() - started) / 1000);
      return { text, usage, model: model.model, provider: model.provider, redactions: redactor.redactions.map((r) => ({ kind: r.kind, ruleId: r.ruleId })) };
    } catch (err) {
      // Cancelled by the workflow (a user cancelled the task): not the provider's fault, so no breaker failure,
      // and Temporal must see the cancellation itself to record the activity as cancelled.
      if (ctx.cancellationSignal.aborted) throw new ActivityCancelled(ctx.cancellationSignal.reason);
      if (err instanceof PublishFailure) throw err;
      const appErr = err instanceof AppError ? err : toAppError(err);
      throw published ? new MidStreamFailure(appErr) : appErr;
    }
  }

  return {
    /** `publish: false` for background jobs: nobody follows their text live. */
    async llmStream(input: { workflowId: string; messages: ChatMessage[]; publish?: boolean }): Promise<LlmReply> {
      const publisher = input.publish === false ? SILENT : new TurnPublisher(redis, input.workflowId);
      if (Context.current().info.attempt > 1) await publisher.reset();
      let lastError: AppError | undefined;
      for (const model of models) {
        const gate = await acquire(model.model);
        circuitState.set({ model: model.model }, STATE_VALUE[gate.state]);
        if (!gate.allowed) continue;
        try {
          const reply = await streamOnce(model, input.messages, publisher);
          llmCallsTotal.inc({ provider: model.provider, model: model.model, outcome: 'ok' });
          await record(model.model, true);
          return reply;
        } catch (err) {
          if (err instanceof ActivityCancelled) throw err.reason;
          // Redis, not the model, failed: no breaker failure; Temporal retries the answer once Redis is back.
          if (err instanceof PublishFailure) throw new AppError(ErrorCode.DEPENDENCY_DOWN, 'the token stream (Redis) is unavailable', 503).toFailure();
          const appErr = err instanceof MidStreamFailure ? err.appErr : (err as AppError);
          llmCallsTotal.inc({ provider: model.provider, model: model.model, outcome: 'error' });
          if (!isRetryable(appErr.code)) throw appErr.toFailure(); // our request or credentials are wrong: no model will do better
          await record(model.model, false);
          logger.warn({ workflowId: input.workflowId, model: model.model, code: appErr.code }, 'model call failed');
          if (err instanceof MidStreamFailure) throw appErr.toFailure(); // Temporal retries the whole answer
          lastError = appErr;
        }
      }
      if (lastError) throw lastError.toFailure();
      // Every circuit is open: answer with an apology now instead of queueing behind a dead provider.
      await publisher.publish(DEGRADED_ANSWER);
      llmCallsTotal.inc({ provider: 'none', model: 'none', outcome: 'degraded' });
      return { text: DEGRADED_ANSWER, usage: { promptTokens: 0, completionTokens: 0 }, model: 'none', provider: 'degraded', redactions: [], degraded: true };
    },
  };
}
