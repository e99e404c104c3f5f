// Chat turns against a model that answers differently on every attempt, drops mid-stream and stalls, and against
// workers that are killed or paused mid-answer. Real processes throughout (gateway, workers, Temporal, Postgres,
// Redis); for every scenario the invariants of test/support/turn-invariants.ts: the client's text after its last
// chat.reset equals chat.done's text and the stored answer, persisted once, billed once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../scripts/stack/process.js';
import { startApp, type App } from '../support/app.js';
import { modelFixture } from '../support/e2e.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { clientView, expectTurnHeld, startTurn } from '../support/turn-invariants.js';

const m = modelFixture((fake) => (fake.varyAnswers = true));

/** Sends one message as a new user; `requests()` counts the model calls it has caused so far. */
async function turn(app: App, text: string) {
  const before = m.fake.requests.length;
  const t = await startTurn(app.wsUrl, text);
  return { ...t, requests: () => m.fake.requests.length - before, held: () => expectTurnHeld({ ...t, db: m.s.db, redis: m.s.redis }) };
}

describe('a model that fails and answers anew', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ env: m.llmEnv() });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('drops mid-stream: the client is told to reset, and its text after the reset is the answer', async () => {
    m.fake.failNext({ kind: 'drop-mid-stream' });
    const t = await turn(app, 'Why do leaves change colour in autumn?');
    await t.sock.turn(t.id);
    const done = await t.held();
    expect(t.requests()).toBe(2);
    const view = clientView(t.sock, t.id);
    expect(view.resets).toEqual([{ type: 'chat.reset', id: t.id, attempt: 2 }]);
    expect(done.text).toContain('(answer '); // the second attempt's own wording, not the first one's
    t.sock.close();
  });

  it('stalls before the first token for longer than the heartbeat timeout: one attempt, no second answer', async () => {
    m.fake.failNext({ kind: 'stall', ms: 25_000 }); // the heartbeat timeout is 10 s (it was 20 s)
    const t = await turn(app, 'What is the difference between weather and climate?');
    await t.sock.turn(t.id);
    await t.held();
    expect(t.requests()).toBe(1);
    expect(clientView(t.sock, t.id).resets).toEqual([]);
    t.sock.close();
  }, 90_000);

  it('stalls mid-stream: the answer resumes and completes once', async () => {
    m.fake.failNext({ kind: 'stall', ms: 22_000, at: 'mid-stream' }); // past the old 20 s heartbeat timeout too
    const t = await turn(app, 'How does a rainbow form?');
    await t.sock.turn(t.id);
    await t.held();
    expect(t.requests()).toBe(1);
    t.sock.close();
  }, 90_000);
});

describe('a worker that dies or stalls mid-answer', () => {
  // Each test has its own processes: it kills or pauses the worker that runs its turn.
  const withApp = async (test: (app: App) => Promise<void>) => {
    const app = await startApp({ env: m.llmEnv() });
    m.fake.chunkDelayMs = 40; // answers long enough to be caught mid-stream
    try {
      await test(app);
    } finally {
      m.fake.chunkDelayMs = 5;
      m.fake.reply = new FakeOpenAI().reply;
      await app.stop();
    }
  };
  const longQuestion = (topic: string) => `Explain ${topic} in detail, with many examples, step by step, for a beginner.`;

  it(
    'SIGKILLed mid-stream: another worker answers anew and the client resets to its answer',
    () =>
      withApp(async (app) => {
        m.fake.reply = (q) => `About "${q}": ${'Each step builds on the one before it. '.repeat(12)}`;
        const t = await turn(app, longQuestion('photosynthesis'));
        await t.sock.next((f) => f.id === t.id && f.type === 'chat.delta');
        app.worker!.child.kill('SIGKILL');
        await app.startChatWorker();
        await t.sock.turn(t.id);
        await t.held();
        expect(t.requests()).toBe(2);
        expect(clientView(t.sock, t.id).resets).toHaveLength(1);
        t.sock.close();
      }),
    120_000,
  );

  it(
    'paused past its heartbeat timeout and resumed: the superseded attempt never reaches the client again',
    () =>
      withApp(async (app) => {
        // Streams for ~25 s: longer than the pause, so attempt 1 still streams once attempt 2 has begun.
        m.fake.reply = (q) => `About "${q}": ${'One more careful sentence of explanation. '.repeat(90)}`;
        const paused = app.worker!;
        const t = await turn(app, longQuestion('the water cycle'));
        await t.sock.next((f) => f.id === t.id && f.type === 'chat.delta');
        paused.child.kill('SIGSTOP');
        await app.startChatWorker();
        // Once the heartbeat timeout has passed, Temporal schedules attempt 2; then the paused worker wakes up, its
        // attempt 1 still mid-stream. (Attempt 2 may even go to the paused worker: its polls were pending.)
        const attempt = async () => (await m.s.temporal.workflow.getHandle(t.workflowId).describe()).raw.pendingActivities?.[0]?.attempt ?? 0;
        await waitUntil('attempt 2 of the model call', async () => (await attempt()) >= 2, { timeoutMs: 60_000 });
        paused.child.kill('SIGCONT');
        await t.sock.next((f) => f.id === t.id && f.type === 'chat.reset', 60_000);
        await t.sock.turn(t.id);
        await t.held();
        expect(clientView(t.sock, t.id).resets).toHaveLength(1);
        // The paused worker, awake again, found its attempt superseded and stopped it.
        const metrics = `http://127.0.0.1:${app.metricsPortOf(paused)}/metrics`;
        await waitUntil('the superseded attempt to stop', async () => /^llm_attempts_superseded_total 1$/m.test(await (await fetch(metrics)).text()), {
          timeoutMs: 30_000,
        });
        t.sock.close();
      }),
    150_000,
  );
});
