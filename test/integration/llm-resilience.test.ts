// Layer 3 inside a real chat turn: fallback models, the shared circuit breaker and graceful degradation.
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiModel } from '../../activities/llm/openai-model.js';
import { DEGRADED_ANSWER } from '../../activities/llm-stream.js';
import { CircuitBreaker } from '../../activities/security/stores/circuit-breaker.js';
import { CHAT_TURN_WORKFLOW, type ChatTurnResult } from '../../lib/contracts/chat.js';
import { config } from '../../lib/config.js';
import { buildWorker } from '../../workers/build.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let s: Services;
let fake: FakeOpenAI;
const bundle = { codePath: process.env.WORKFLOW_BUNDLE_PATH! };
const running: { worker: Worker; done: Promise<void> }[] = [];

beforeAll(async () => {
  s = await connectServices();
  fake = new FakeOpenAI();
  await fake.start();
});

afterAll(async () => {
  for (const r of running) r.worker.shutdown();
  await Promise.all(running.map((r) => r.done));
  await fake?.stop();
  await s?.close();
});

/** A worker whose model list is `names` (in order) on the fake server, with a breaker that opens after 2 failures. */
async function workerFor(names: string[]): Promise<{ taskQueue: string; breaker: CircuitBreaker }> {
  const taskQueue = uniqueId('llm');
  const breaker = new CircuitBreaker(s.redis, { failureThreshold: 2, openMs: 60_000, probeLeaseMs: 10_000 });
  const models = names.map((model) => openAiModel({ baseURL: fake.url, apiKey: 'k', model, timeoutMs: 3_000 }));
  const worker = await buildWorker({
    connection: s.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: bundle,
    deps: buildActivityDeps(config(), s, { models, breaker, retentionMs: 0 }),
  });
  running.push({ worker, done: worker.run() });
  return { taskQueue, breaker };
}

const turn = (taskQueue: string, text: string) =>
  s.temporal.workflow.execute(CHAT_TURN_WORKFLOW, {
    taskQueue,
    workflowId: uniqueId('turn'),
    args: [{ userId: uniqueId('u'), conversationId: 'c', clientMsgId: 'm', text }],
  }) as Promise<ChatTurnResult>;

describe('model fallbacks and the circuit breaker', () => {
  it('falls back to the next model when the first is down, in the same attempt', async () => {
    const [primary, backup] = [uniqueId('primary'), uniqueId('backup')];
    fake.failingModels.add(primary);
    const { taskQueue } = await workerFor([primary, backup]);
    const result = await turn(taskQueue, 'Explain gravity');
    expect(result).toMatchObject({ status: 'done', model: backup, text: fake.reply('Explain gravity') });
    expect(fake.requests.filter((r) => r.model === primary)).toHaveLength(1);
  });

  it('opens the circuit after repeated failures and answers with an apology instead of waiting', async () => {
    const model = uniqueId('flaky');
    fake.failingModels.add(model);
    const { taskQueue, breaker } = await workerFor([model]);
    const result = await turn(taskQueue, 'Explain magnetism');
    expect(result).toMatchObject({ status: 'done', degraded: true, text: DEGRADED_ANSWER, usage: { promptTokens: 0, completionTokens: 0 } });
    expect(fake.requests.filter((r) => r.model === model)).toHaveLength(2); // then the open circuit stopped the calls
    expect(await breaker.state(model)).toBe('open');

    const calls = fake.requests.length;
    expect(await turn(taskQueue, 'And electricity?')).toMatchObject({ status: 'done', degraded: true });
    expect(fake.requests.length).toBe(calls);
  });
});
