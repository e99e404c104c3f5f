// The circuit breaker's recovery, in workflow time: the model provider goes down, its circuit opens, the error-book
// job waits durably (workflow timers) instead of calling it, a half-open probe during the outage re-opens it,
// and once the provider is back the next probe closes the circuit and the job stores its analysis, once.
//
// Which clock: the breaker measures its open period on a clock inside the activity (Date.now by default), which
// time skipping does not move: two skipped minutes of workflow timers are milliseconds of wall time, so the circuit
// would stay open through every wait. The breaker therefore takes its clock as an option, and this test hands it
// the test server's clock (t.env.currentTimeMs), the one the workflow timers run on. Everything else is real: the
// breaker's Lua in Redis, the quota, Postgres, the workflow, and the `openai` client against the fake provider.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { openAiModel } from '../../activities/llm/openai-model.js';
import { CircuitBreaker } from '../../activities/security/stores/circuit-breaker.js';
import { QuotaStore } from '../../activities/security/stores/quota.js';
import { config } from '../../lib/config.js';
import { ERROR_BOOK_WORKFLOW, errorBookWorkflowId, type ErrorBookResult } from '../../lib/contracts/knowledge.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { elapsedMs, eventMs, EventType, historyEvents, ofType } from '../support/history.js';
import { uniqueId } from '../support/services.js';
import { timeSkippingFixture } from '../support/time-skipping.js';

const t = timeSkippingFixture({ fake: true });

const MINUTE = 60_000;

describe('circuit breaker recovery', () => {
  it('keeps an error-book job waiting while the circuit is open and completes it once the provider is back', async () => {
    const model = uniqueId('tutor');
    // Opens after 3 failures: the job's own model attempts (JOB_MODEL_CALL allows 10) open it, and the counts stay small;
    // open for 5 minutes, longer than the job's 2-minute wait, so some wakes find it still open.
    const breaker = new CircuitBreaker(t.s.redis, { failureThreshold: 3, openMs: 5 * MINUTE, probeLeaseMs: 30_000, clock: () => t.env.currentTimeMs() });
    // The quota's per-minute window is wall time too: a generous one, since minutes of waits pass in a second here.
    const quota = new QuotaStore(t.s.redis, { dailyTokens: 100_000, requestsPerMinute: 1_000, concurrentTurns: 10, leaseMs: 5 * MINUTE });
    const models = [openAiModel({ baseURL: t.fake.url, apiKey: 'k', model, timeoutMs: 5_000 })];
    const deps = buildActivityDeps(config(), t.s, { models, breaker, quota, retentionMs: 0 });
    const taskQueue = uniqueId('breaker-recovery');
    const worker = await t.worker(taskQueue, createActivities(deps));
    const [userId, entryId] = [uniqueId('u'), randomUUID()];
    const calls = () => t.fake.requests.filter((r) => r.model === model).length;
    t.fake.failingModels.add(model);
    t.fake.completionTokens = 40;

    await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(ERROR_BOOK_WORKFLOW, {
        taskQueue,
        workflowId: errorBookWorkflowId(userId, entryId),
        args: [{ userId, entryId, question: 'What is 7 × 8?', wrongAnswer: '54', correctAnswer: '56', subject: 'arithmetic' }],
      });

      // Attempts at 0 s, 1 s and 3 s fail and open the circuit; the 4th finds it open, and the job starts waiting.
      // At 2 and 4 minutes it wakes, finds the circuit open and waits again: the provider hears nothing more.
      await t.env.sleep(4 * MINUTE + 30_000);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      expect(calls()).toBe(3);
      expect(await breaker.state(model)).toBe('open');

      // At 6 minutes the open period is over: one half-open probe goes through, fails, and re-opens the circuit.
      await t.env.sleep(3 * MINUTE);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      expect(calls()).toBe(4);
      expect(await breaker.state(model)).toBe('open');
      const row = await t.s.db.query('SELECT status, analysis FROM error_book WHERE id = $1', [entryId]);
      expect(row.rows).toEqual([{ status: 'recorded', analysis: null }]);

      // The provider is back. The waits at 8 and 10 minutes still find the circuit open (re-opened at 6); the one
      // at 12 minutes probes, the probe succeeds, the circuit closes and the analysis is stored.
      t.fake.failingModels.delete(model);
      expect(await handle.result()).toEqual<ErrorBookResult>({ status: 'analysed', entryId, relatedNodeIds: [] });
      expect(calls()).toBe(5);
      expect(await breaker.state(model)).toBe('closed');

      // The history: six durable waits of two minutes each, about twelve minutes of workflow time in all.
      const events = await historyEvents(handle);
      const timers = ofType(events, EventType.EVENT_TYPE_TIMER_STARTED);
      expect(timers).toHaveLength(6);
      expect(timers.every((t) => t.timerStartedEventAttributes?.startToFireTimeout?.seconds?.toString() === '120')).toBe(true);
      expect(ofType(events, EventType.EVENT_TYPE_TIMER_FIRED)).toHaveLength(6);
      expect(elapsedMs(events)).toBeGreaterThan(12 * MINUTE);
      expect(elapsedMs(events)).toBeLessThan(13 * MINUTE);

      // Billed once, for the answer that came: every degraded attempt's reservation was given back.
      const answered = t.fake.requests.filter((r) => r.model === model).at(-1)!;
      const promptTokens = answered.messages.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0);
      const day = new Date(eventMs(events[0]!)).toISOString().slice(0, 10);
      expect(await quota.usedToday(userId, day)).toBe(promptTokens + 40);

      // Stored once, with the model's answer (not the apology a chat turn would have got).
      const last = answered.messages.at(-1)!.content;
      const stored = await t.s.db.query('SELECT status, analysis FROM error_book WHERE id = $1', [entryId]);
      expect(stored.rows).toEqual([{ status: 'analysed', analysis: t.fake.reply(last) }]);
    });
  });
});
