// A background job rides out a provider outage of hours: its step retries on JOB_STEP's policy, whose backoff
// grows to a 10-minute cap, and the note is written exactly once when the provider is back. Three hours of
// workflow time pass in seconds on the time-skipping test server; the provider is the fake OpenAI server.
import { randomUUID } from 'node:crypto';
import { tsToMs } from '@temporalio/common/lib/time.js';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { offlineModel } from '../../activities/llm/offline-model.js';
import { config } from '../../lib/config.js';
import { openAiEmbedder } from '../../lib/embeddings/openai-embedder.js';
import { EMBEDDING_DIMENSIONS, KNOWLEDGE_NODE_WORKFLOW, knowledgeNodeWorkflowId, type KnowledgeNodeResult } from '../../lib/contracts/knowledge.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { JOB_STEP_LOCAL } from '../../workflows/activity-options.js';
import { eventMs, EventType, historyEvents, ofType } from '../support/history.js';
import { uniqueId } from '../support/services.js';
import { timeSkippingFixture } from '../support/time-skipping.js';

const t = timeSkippingFixture({ fake: true });

const MINUTE = 60_000;
// The fast path (one local activity) tries the embedding this many times before the step-by-step path takes over.
const FAST_PATH_TRIES = JOB_STEP_LOCAL.retry!.maximumAttempts!;
const HOUR = 60 * MINUTE;

/** When attempt `n` starts, after the step was scheduled, by JOB_STEP's policy: 1 s doubling, capped at 10 minutes. */
const attemptStartMs = (n: number) => Array.from({ length: n - 1 }, (_, k) => Math.min(1_000 * 2 ** k, 10 * MINUTE)).reduce((a, b) => a + b, 0);

const rows = async (nodeId: string) => (await t.s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_nodes WHERE id = $1', [nodeId])).rows[0]!.n;

describe('retry backoff over hours', () => {
  it('retries the embedding through a 3-hour provider outage at up to 10-minute intervals, then writes the node once', async () => {
    const embedder = openAiEmbedder({ baseURL: t.fake.url, apiKey: 'k', model: 'embedder', dimensions: EMBEDDING_DIMENSIONS, timeoutMs: 5_000 });
    const deps = buildActivityDeps(config(), t.s, { embedder, models: [offlineModel(0)], retentionMs: 0 });
    const taskQueue = uniqueId('retry-backoff');
    const worker = await t.worker(taskQueue, createActivities(deps));
    const [userId, nodeId] = [uniqueId('u'), randomUUID()];
    // The provider is down: every embedding request answers 503 until the queue of faults is emptied.
    t.fake.embeddingFaults.push(...Array.from({ length: 1_000 }, () => ({ status: 503 })));

    await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(KNOWLEDGE_NODE_WORKFLOW, {
        taskQueue,
        workflowId: knowledgeNodeWorkflowId(userId, nodeId),
        args: [{ userId, nodeId, title: 'Photosynthesis', content: 'Light, water and CO2 become sugar and oxygen.', tags: [] }],
      });
      await t.env.sleep(3 * HOUR);

      // Three hours in, the job is still waiting on the embedding, not failed. After the fast path's quick tries, the
      // step's backoff 1 s, 2 s, ... 512 s (the 11th attempt starts at 1023 s), then every 600 s: the 27th started at
      // 10623 s. A 1-minute cap would have made ~180; the old 20-attempt limit would have failed the job after ~15 minutes.
      const desc = await handle.describe();
      expect(desc.status.name).toBe('RUNNING');
      const pending = desc.raw.pendingActivities ?? [];
      expect(pending.map((a) => a.activityType?.name)).toEqual(['embedTexts']);
      const made = t.fake.embeddingRequests.length - FAST_PATH_TRIES; // by the step's own attempts
      expect(made).toBeGreaterThanOrEqual(25);
      expect(made).toBeLessThanOrEqual(28);
      expect(pending[0]!.attempt).toBeGreaterThanOrEqual(made);
      expect(pending[0]!.lastFailure?.message).toMatch(/503/);
      // The last attempt started exactly when the policy says attempt `made` starts (give or take the real
      // seconds the test server's clock also ran), and the step gives up only 12 hours after it was scheduled.
      const scheduledMs = tsToMs(pending[0]!.scheduledTime);
      expect(Math.abs(tsToMs(pending[0]!.lastStartedTime) - scheduledMs - attemptStartMs(made))).toBeLessThan(5_000);
      expect(Math.abs(tsToMs(pending[0]!.expirationTime) - scheduledMs - 12 * HOUR)).toBeLessThan(1_000);
      expect(await rows(nodeId)).toBe(0);

      // The provider is back: the next attempt (at most 10 minutes away) succeeds and the job goes on.
      t.fake.embeddingFaults.length = 0;
      expect(await handle.result()).toEqual<KnowledgeNodeResult>({ status: 'created', nodeId });

      const events = await historyEvents(handle);
      const scheduled = ofType(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).find(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'embedTexts',
      )!;
      const started = ofType(events, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED).find(
        (e) => e.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === scheduled.eventId?.toString(),
      )!;
      const completed = ofType(events, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED).find(
        (e) => e.activityTaskCompletedEventAttributes?.scheduledEventId?.toString() === scheduled.eventId?.toString(),
      )!;
      // The history records one activity, its final attempt's number, and that it took hours of workflow time.
      expect(started.activityTaskStartedEventAttributes!.attempt).toBe(made + 1);
      const tookMs = eventMs(completed) - eventMs(scheduled);
      expect(tookMs).toBeGreaterThan(3 * HOUR);
      expect(tookMs).toBeLessThan(3 * HOUR + 11 * MINUTE);
      expect(t.fake.embeddingRequests).toHaveLength(FAST_PATH_TRIES + made + 1);
      expect(ofType(events, EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)).toHaveLength(0);
    });
    // Written once, with the embedding of the attempt that succeeded.
    expect(await rows(nodeId)).toBe(1);
    const {
      rows: [node],
    } = await t.s.db.query<{ workflow_id: string; has_embedding: boolean }>(
      'SELECT workflow_id, embedding IS NOT NULL AS has_embedding FROM knowledge_nodes WHERE id = $1',
      [nodeId],
    );
    expect(node).toEqual({ workflow_id: knowledgeNodeWorkflowId(userId, nodeId), has_embedding: true });
  });
});
