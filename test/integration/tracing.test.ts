// Trace propagation for real: a client-started chat turn's client span, workflow spans and activity spans share
// one trace id, through Temporal's OpenTelemetry interceptors (headers client -> workflow -> activities).
import { Client } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiModel } from '../../activities/llm/openai-model.js';
import { CHAT_TURN_WORKFLOW, chatTurnWorkflowId, type ChatTurnResult } from '../../lib/contracts/chat.js';
import { config } from '../../lib/config.js';
import { buildWorker } from '../../workers/build.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let s: Services;
let fake: FakeOpenAI;
let worker: Worker;
let running: Promise<void>;
const exporter = new InMemorySpanExporter();
const resource = new Resource({ 'service.name': 'sparkle-test' });
const spanProcessor = new SimpleSpanProcessor(exporter);
const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
// As lib/tracing.ts does: the W3C propagator the interceptors inject and extract with, and an active-span context.
provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
const tracer = provider.getTracer('test');
const taskQueue = uniqueId('trace-it');

beforeAll(async () => {
  s = await connectServices();
  fake = new FakeOpenAI();
  const url = await fake.start();
  // No prebuilt bundle: with tracing the worker bundles the workflows with the OTel workflow interceptors.
  worker = await buildWorker({
    connection: s.nativeConnection,
    namespace: 'default',
    taskQueue,
    tracing: { spanProcessor, resource, tracer },
    deps: buildActivityDeps(config(), s, {
      models: [openAiModel({ baseURL: url, apiKey: 'test', model: 'fake-model', timeoutMs: 3_000 })],
      retentionMs: 30 * 86_400_000,
    }),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await fake?.stop();
  await s?.close();
});

describe('OpenTelemetry trace propagation', () => {
  it('puts the client start, the workflow and every activity of a chat turn in one trace', async () => {
    const client = new Client({
      connection: s.temporal.connection,
      namespace: 'default',
      interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer })] },
    });
    const user = uniqueId('u');
    const input = { userId: user, conversationId: 'c1', clientMsgId: 'm1', text: 'What is a derivative?' };
    const result = (await client.workflow.execute(CHAT_TURN_WORKFLOW, {
      args: [input],
      taskQueue,
      workflowId: chatTurnWorkflowId(user, 'c1', 'm1'),
    })) as ChatTurnResult;
    expect(result.status).toBe('done');
    // Workflow spans leave the sandbox through a sink after the activation that ends them: wait for the run's span.
    await expect.poll(() => exporter.getFinishedSpans().some((sp) => sp.name === `RunWorkflow:${CHAT_TURN_WORKFLOW}`)).toBe(true);

    const spans = exporter.getFinishedSpans();
    const start = spans.find((sp) => sp.name === `StartWorkflow:${CHAT_TURN_WORKFLOW}`);
    expect(start, spans.map((sp) => sp.name).join(', ')).toBeDefined();
    const traceId = start!.spanContext().traceId;
    const inTrace = spans.filter((sp) => sp.spanContext().traceId === traceId).map((sp) => sp.name);
    expect(inTrace).toContain(`RunWorkflow:${CHAT_TURN_WORKFLOW}`);
    const activities = inTrace.filter((n) => n.startsWith('RunActivity:'));
    expect(activities.length).toBeGreaterThanOrEqual(2);
    // Every activity span of this worker belongs to the turn's trace.
    expect(spans.filter((sp) => sp.name.startsWith('RunActivity:')).every((sp) => sp.spanContext().traceId === traceId)).toBe(true);
  });
});
