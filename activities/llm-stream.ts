// Layer 3 (the model call) with layer 4 (the output guard) inline: the answer streams through the redactor
// before anything is published, so no token reaches a client unguarded. Models are tried in order, each behind
// a circuit breaker shared by all workers; when every circuit is open the turn degrades to an apology.
import { Context } from '@temporalio/activity';
import type { ChatMessage, LlmReply } from '../lib/contracts/chat.js';
import { AppError, ErrorCode, isRetryable } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import { circuitState, llmAttemptsSupersededTotal, llmCallsTotal, llmCostUsdTotal, llmLatencySeconds, llmTokensTotal } from '../lib/metrics.js';
import type { RedisClient } from '../lib/redis.js';
import { SupersededAttempt, TurnPublisher } from '../lib/turn-stream.js';
import { toAppError } from '../lib/openai-errors.js';
import { heartbeatWhile } from './heartbeat.js';
import type { ChatModel } from './llm/index.js';
import type { CircuitBreaker, CircuitState } from './security/stores/circuit-breaker.js';
import { StreamingRedactor } from './security/output/engine.js';

export const DEGRADED_ANSWER =
  'Sorry — the tutor is temporarily unavailable because the language model is not answering. ' + 'Your message was not charged. Please try again in a minute.';

export interface LlmDeps {
  redis: RedisClient;
  models: ChatModel[];
  breaker: CircuitBreaker;
  maxCompletionTokens: number;
  /** US dollars per 1000 prompt / completion tokens, for the cost metric. */
  prices?: { prompt: number; completion: number };
}

type Publisher = Pick<TurnPublisher, 'begin' | 'publish'>;
const SILENT: Publisher = { begin: async () => undefined, publish: async () => undefined };

const STATE_VALUE: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

class ActivityCancelled extends Error {
  constructor(readonly reason: unknown) {
    super('cancelled');
  }
}

/** A model call that failed after its first delta was published: switching models would garble the answer. */
class MidStreamFailure extends Error {
  constructor(readonly appErr: AppError) {
    super(appErr.message);
  }
}

/** Temporal answered a heartbeat that this attempt is no longer wanted (it timed out, and another took over). */
function givenUpByServer(): boolean {
  const { cancellationSignal } = Context.current();
  const reason = (cancellationSignal.reason as Error | undefined)?.message;
  return cancellationSignal.aborted && (reason === 'NOT_FOUND' || reason === 'TIMED_OUT');
}

export function createLlmActivities({ redis, models, breaker, maxCompletionTokens, prices }: LlmDeps) {
  // The breaker protects the provider, it is not a security control: if Redis cannot answer, call anyway.
  const acquire = (name: string) => breaker.acquire(name).catch(() => ({ allowed: true, state: 'closed' as CircuitState }));
  const record = (name: string, ok: boolean) =>
    breaker.record(name, ok).then(
      (s) => circuitState.set({ model: name }, STATE_VALUE[s]),
      () => undefined,
    );

  /** `progress.chars` is what the attempt has streamed so far: the detail of every heartbeat. */
  async function streamOnce(model: ChatModel, messages: ChatMessage[], publisher: Publisher, progress: { chars: number }): Promise<LlmReply> {
    const ctx = Context.current();
    const started = performance.now();
    const redactor = new StreamingRedactor();
    // Stops the provider's stream when this attempt is superseded, as well as when the workflow cancels it.
    const superseded = new AbortController();
    let text = '';
    let published = false;
    const emit = async (safe: string) => {
      if (!safe) return;
      if (!published) llmLatencySeconds.observe({ stage: 'first_token' }, (performance.now() - started) / 1000);
      published = true;
      text += safe;
      progress.chars = text.length;
      await publisher.publish(safe);
    };
    try {
      const signal = AbortSignal.any([ctx.cancellationSignal, superseded.signal]);
      const stream = await model.stream(messages, { signal, maxTokens: maxCompletionTokens });
      for await (const piece of stream.deltas) await emit(redactor.push(piece));
      // The openai client ends an aborted stream quietly, as if the answer were complete: it is not.
      if (signal.aborted) throw signal.reason;
      await emit(redactor.end());
      const usage = stream.usage();
      llmTokensTotal.inc({ kind: 'prompt' }, usage.promptTokens);
      llmTokensTotal.inc({ kind: 'completion' }, usage.completionTokens);
      if (prices) llmCostUsdTotal.inc({ model: model.model }, (usage.promptTokens * prices.prompt + usage.completionTokens * prices.completion) / 1000);
      llmLatencySeconds.observe({ stage: 'total' }, (performance.now() - started) / 1000);
      return {
        text,
        usage,
        model: model.model,
        provider: model.provider,
        attempt: ctx.info.attempt,
        redactions: redactor.redactions.map((r) => ({ kind: r.kind, ruleId: r.ruleId })),
      };
    } catch (err) {
      // Cancelled by the workflow (a user cancelled the task): not the provider's fault, so no breaker failure,
      // and Temporal must see the cancellation itself to record the activity as cancelled.
      if (ctx.cancellationSignal.aborted) throw new ActivityCancelled(ctx.cancellationSignal.reason);
      if (err instanceof SupersededAttempt) {
        superseded.abort();
        throw err;
      }
      const appErr = err instanceof AppError ? err : toAppError(err);
      throw published ? new MidStreamFailure(appErr) : appErr;
    }
  }

  async function callModels(input: { workflowId: string; messages: ChatMessage[]; publish?: boolean }, progress: { chars: number }): Promise<LlmReply> {
    const { attempt } = Context.current().info;
    const publisher = input.publish === false ? SILENT : new TurnPublisher(redis, input.workflowId, attempt);
    if (attempt > 1) await publisher.begin();
    let lastError: AppError | undefined;
    for (const model of models) {
      const gate = await acquire(model.model);
      circuitState.set({ model: model.model }, STATE_VALUE[gate.state]);
      if (!gate.allowed) continue;
      try {
        const reply = await streamOnce(model, input.messages, publisher, progress);
        llmCallsTotal.inc({ provider: model.provider, model: model.model, outcome: 'ok' });
        await record(model.model, true);
        return reply;
      } catch (err) {
        if (err instanceof ActivityCancelled) throw err.reason;
        if (err instanceof SupersededAttempt) throw err;
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
    return {
      text: DEGRADED_ANSWER,
      usage: { promptTokens: 0, completionTokens: 0 },
      model: 'none',
      provider: 'degraded',
      redactions: [],
      degraded: true,
      attempt,
    };
  }

  return {
    /** `publish: false` for background jobs: nobody follows their text live. */
    async llmStream(input: { workflowId: string; messages: ChatMessage[]; publish?: boolean }): Promise<LlmReply> {
      const progress = { chars: 0 };
      // From the first moment, not per token: a slow first token must not look like a dead worker.
      return heartbeatWhile(
        () => ({ ...progress }),
        async () => {
          try {
            return await callModels(input, progress);
          } catch (err) {
            const superseded = err instanceof SupersededAttempt;
            if (!superseded && !givenUpByServer()) throw err;
            llmAttemptsSupersededTotal.inc();
            logger.warn(
              { workflowId: input.workflowId, attempt: Context.current().info.attempt },
              'model call superseded by a later attempt; stopped streaming',
            );
            throw superseded ? new AppError(ErrorCode.SUPERSEDED, err.message).toFailure() : err;
          }
        },
      );
    },
  };
}
