// The daily token budget resets at midnight of workflow time: checked a day later in seconds of wall time.
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { offlineModel } from '../../activities/llm/offline-model.js';
import { QuotaStore } from '../../activities/security/stores/quota.js';
import { CHAT_TURN_WORKFLOW, type ChatTurnResult } from '../../lib/contracts/chat.js';
import { config } from '../../lib/config.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { uniqueId } from '../support/services.js';
import { timeSkippingFixture } from '../support/time-skipping.js';

const t = timeSkippingFixture();

const LIMITS = { dailyTokens: 5_000, requestsPerMinute: 100, concurrentTurns: 10, leaseMs: 60_000 };

describe('daily quota reset', () => {
  it('blocks a user whose budget is spent today and serves them again the next day', async () => {
    const user = uniqueId('u');
    const quota = new QuotaStore(t.s.redis, LIMITS);
    const deps = buildActivityDeps(config(), t.s, { models: [offlineModel(0)], quota, retentionMs: 0, maxCompletionTokens: 512 });
    const taskQueue = uniqueId('quota-reset');
    const worker = await t.worker(taskQueue, createActivities(deps));

    const today = new Date(await t.env.currentTimeMs()).toISOString().slice(0, 10);
    expect((await quota.reserve(user, 'earlier-turns', LIMITS.dailyTokens - 100, today)).allowed).toBe(true);

    const turn = (id: string) =>
      t.env.client.workflow.execute(CHAT_TURN_WORKFLOW, {
        taskQueue,
        workflowId: uniqueId(id),
        args: [{ userId: user, conversationId: 'c', clientMsgId: id, text: 'What is 3 + 4?' }],
      }) as Promise<ChatTurnResult>;

    await worker.runUntil(async () => {
      expect(await turn('today')).toMatchObject({ status: 'blocked', layer: 'quota', rules: ['quota.daily_tokens'] });
      await t.env.sleep('1 day');
      expect(await turn('tomorrow')).toMatchObject({ status: 'done' });
      // Charged to the next day (the server's clock runs on once nothing waits, so it is not read afterwards).
      const tomorrow = new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10);
      expect(await quota.usedToday(user, tomorrow)).toBeGreaterThan(0);
      expect(await quota.usedToday(user, tomorrow)).toBeLessThan(LIMITS.dailyTokens);
      expect(await quota.usedToday(user, today)).toBe(LIMITS.dailyTokens - 100);
    });
  });
});
