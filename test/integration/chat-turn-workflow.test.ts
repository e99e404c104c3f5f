// ChatTurnWorkflow on the real Temporal dev server, Postgres and Redis, with a worker running our activities
// against the fake OpenAI server through the real `openai` client.
import type { Worker } from '@temporalio/worker';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiModel } from '../../activities/llm/openai-model.js';
import { CHAT_TURN_WORKFLOW, chatTurnWorkflowId, retentionWorkflowId, turnTextKey, type ChatTurnInput, type ChatTurnResult } from '../../lib/contracts/chat.js';
import { config } from '../../lib/config.js';
import { buildWorker } from '../../workers/build.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { EventType, historyEvents, ofType } from '../support/history.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let s: Services;
let fake: FakeOpenAI;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueId('chat-it');

beforeAll(async () => {
  s = await connectServices();
  fake = new FakeOpenAI();
  const url = await fake.start();
  worker = await buildWorker({
    connection: s.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! },
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

async function runTurn(input: ChatTurnInput) {
  const result = (await s.temporal.workflow.execute(CHAT_TURN_WORKFLOW, {
    args: [input],
    taskQueue,
    workflowId: chatTurnWorkflowId(input.userId, input.conversationId, input.clientMsgId),
  })) as ChatTurnResult;
  if (result.status !== 'done') throw new Error(`turn blocked: ${JSON.stringify(result)}`);
  return result;
}

describe('ChatTurnWorkflow', () => {
  it('streams the answer to Redis, persists both messages with usage, and returns the reply', async () => {
    const user = uniqueId('u');
    const input = { userId: user, conversationId: 'conv1', clientMsgId: 'm1', text: 'What is a prime number?' };
    const result = await runTurn(input);

    expect(result.text).toBe(fake.reply('What is a prime number?'));
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    const workflowId = chatTurnWorkflowId(user, 'conv1', 'm1');
    expect(await s.redis.get(turnTextKey(workflowId))).toBe(result.text);

    const { rows } = await s.db.query('SELECT role, content, prompt_tokens, completion_tokens, model FROM messages WHERE user_id = $1 ORDER BY created_at', [
      user,
    ]);
    expect(rows).toEqual([
      { role: 'user', content: input.text, prompt_tokens: 0, completion_tokens: 0, model: null },
      {
        role: 'assistant',
        content: result.text,
        prompt_tokens: result.usage.promptTokens,
        completion_tokens: result.usage.completionTokens,
        model: 'fake-model',
      },
    ]);
    // The turn started the conversation's retention clock.
    const retention = await s.temporal.workflow.getHandle(retentionWorkflowId(user, 'conv1')).describe();
    expect(retention.status.name).toBe('RUNNING');
  });

  it('sends earlier messages of the same conversation as context, and none of another user', async () => {
    const user = uniqueId('u');
    const other = uniqueId('u');
    await runTurn({ userId: other, conversationId: 'shared-name', clientMsgId: 'x1', text: 'secret of another user' });
    await runTurn({ userId: user, conversationId: 'shared-name', clientMsgId: 'a1', text: 'first question' });
    await runTurn({ userId: user, conversationId: 'shared-name', clientMsgId: 'a2', text: 'second question' });

    const last = fake.requests.at(-1)!;
    expect(last.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(last.messages[1]!.content).toBe('first question');
    expect(last.messages[3]!.content).toBe('second question');
    expect(JSON.stringify(last.messages)).not.toContain('secret of another user');
    // Two turns a moment apart restart the conversation's idle clock once: a signal per turn would cost the
    // server a workflow task per turn, and the clock runs in days. The clock is lengthened to make up for it.
    const retention = s.temporal.workflow.getHandle(retentionWorkflowId(user, 'shared-name'));
    const signals = ofType(await historyEvents(retention), EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
    expect(signals).toHaveLength(1);
    const started = ofType(await historyEvents(retention), EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)[0]!;
    const [args] = started.workflowExecutionStartedEventAttributes!.input!.payloads!.map((p) => JSON.parse(Buffer.from(p.data!).toString('utf8')));
    expect(args.idleMs).toBe(30 * 86_400_000 + 60 * 60_000);
  });

  it('retries 429 and 500 from the provider and completes once', async () => {
    const user = uniqueId('u');
    fake.failNext({ kind: 'status', status: 429, retryAfter: 1 });
    fake.failNext({ kind: 'status', status: 500 });
    const before = fake.requests.length;
    const result = await runTurn({ userId: user, conversationId: 'c', clientMsgId: 'r1', text: 'retry me' });
    expect(result.text).toBe(fake.reply('retry me'));
    expect(fake.requests.length - before).toBe(3);
    const { rows } = await s.db.query('SELECT count(*)::int AS n FROM messages WHERE user_id = $1', [user]);
    expect(rows[0].n).toBe(2);
  });

  it('gives up on a provider that does not answer within the timeout, and retries', async () => {
    const user = uniqueId('u');
    fake.failNext({ kind: 'hang' });
    const before = fake.requests.length;
    const result = await runTurn({ userId: user, conversationId: 'c', clientMsgId: 't1', text: 'are you there?' });
    expect(result.text).toBe(fake.reply('are you there?'));
    expect(fake.requests.length - before).toBe(2);
  });

  it('restarts the stream cleanly when the provider drops mid-answer', async () => {
    const user = uniqueId('u');
    fake.failNext({ kind: 'drop-mid-stream' });
    const result = await runTurn({ userId: user, conversationId: 'c', clientMsgId: 'd1', text: 'drop me' });
    expect(result.text).toBe(fake.reply('drop me'));
    // The second attempt started the streamed text over instead of appending to the broken first half.
    expect(await s.redis.get(turnTextKey(chatTurnWorkflowId(user, 'c', 'd1')))).toBe(result.text);
  });

  it('does not retry a 401 and writes nothing', async () => {
    const user = uniqueId('u');
    fake.failNext({ kind: 'status', status: 401 });
    const before = fake.requests.length;
    const err = await runTurn({ userId: user, conversationId: 'c', clientMsgId: 'f1', text: 'unauthorised' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause?.cause as { type?: string; nonRetryable?: boolean } | undefined;
    expect(cause?.type).toBe('LLM_AUTH');
    expect(fake.requests.length - before).toBe(1);
    const { rows } = await s.db.query('SELECT count(*)::int AS n FROM messages WHERE user_id = $1', [user]);
    expect(rows[0].n).toBe(0);
  });
});
