// The cost metric: the tokens of a real model call (the offline provider, through the real activity, breaker in
// Redis) priced with the configured dollars per 1000 tokens.
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmActivities } from '../../activities/llm-stream.js';
import { offlineModel } from '../../activities/llm/offline-model.js';
import { CircuitBreaker } from '../../activities/security/stores/circuit-breaker.js';
import type { LlmReply } from '../../lib/contracts/chat.js';
import { registry } from '../../lib/metrics.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let s: Services;
beforeAll(async () => {
  s = await connectServices();
});
afterAll(async () => {
  await s?.close();
});

const spent = async (model: string) => (await registry.getSingleMetric('llm_cost_usd_total')!.get()).values.find((v) => v.labels.model === model)?.value ?? 0;

describe('llm_cost_usd_total', () => {
  it('adds prompt and completion tokens at their prices, per model', async () => {
    const model = offlineModel(0);
    const breaker = new CircuitBreaker(s.redis, { failureThreshold: 5, openMs: 60_000, probeLeaseMs: 30_000 });
    const acts = createLlmActivities({ redis: s.redis, models: [model], breaker, maxCompletionTokens: 256, prices: { prompt: 0.5, completion: 2 } });
    const before = await spent(model.model);
    const reply: LlmReply = await new MockActivityEnvironment().run(acts.llmStream, {
      workflowId: uniqueId('cost'),
      messages: [{ role: 'user' as const, content: 'What is a fraction?' }],
      publish: false,
    });
    const expected = (reply.usage.promptTokens * 0.5 + reply.usage.completionTokens * 2) / 1000;
    expect(reply.usage.completionTokens).toBeGreaterThan(0);
    expect(await spent(model.model)).toBeCloseTo(before + expected, 10);
  });
});
