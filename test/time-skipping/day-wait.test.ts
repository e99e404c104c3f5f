// A workflow that waits a day: a chat turn starts its conversation's retention workflow (signal-with-start from
// the turn's own activity), which holds one durable timer (a day, plus the interval touches are sent in). A minute before the day is up nothing has
// fired and the conversation is intact; right after, it is deleted. A day of workflow time in seconds of wall time.
import { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { touchEveryMs } from '../../activities/retention.js';
import { offlineModel } from '../../activities/llm/offline-model.js';
import { QuotaStore } from '../../activities/security/stores/quota.js';
import { CHAT_TURN_WORKFLOW, retentionWorkflowId, type ChatTurnResult } from '../../lib/contracts/chat.js';
import { config } from '../../lib/config.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { elapsedMs, eventMs, EventType, historyEvents, ofType } from '../support/history.js';
import { uniqueId } from '../support/services.js';
import { timeSkippingFixture } from '../support/time-skipping.js';

const t = timeSkippingFixture();

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// The idle clock of a day's retention: the day, plus the interval touches are sent at most once in.
const CLOCK = DAY + touchEveryMs(DAY);

const stored = async (user: string, conv: string) =>
  (
    await t.s.db.query<{ messages: number; conversations: number }>(
      `SELECT (SELECT count(*)::int FROM messages WHERE user_id = $1 AND conversation_id = $2) AS messages,
            (SELECT count(*)::int FROM conversations WHERE user_id = $1 AND id = $2) AS conversations`,
      [user, conv],
    )
  ).rows[0]!;

describe('a workflow that waits a day', () => {
  it('deletes a conversation once its idle clock of a day (and the touch interval) has run out, and not a minute before', async () => {
    const quota = new QuotaStore(t.s.redis, { dailyTokens: 100_000, requestsPerMinute: 100, concurrentTurns: 10, leaseMs: MINUTE });
    const deps = buildActivityDeps(config(), t.s, { models: [offlineModel(0)], quota, retentionMs: DAY });
    const taskQueue = uniqueId('day-wait');
    const worker = await t.worker(taskQueue, createActivities(deps));
    const [userId, conversationId] = [uniqueId('u'), uniqueId('c')];
    // The turn is awaited with a plain client: the time-skipping client's result() lets the server skip time while it
    // waits, and the skip could run straight on to the retention timer the turn has just started.
    const plain = new Client({ connection: t.env.connection });

    await worker.runUntil(async () => {
      const turn = (await plain.workflow.execute(CHAT_TURN_WORKFLOW, {
        taskQueue,
        workflowId: uniqueId('turn'),
        args: [{ userId, conversationId, clientMsgId: 'm1', text: 'What is a prime number?' }],
      })) as ChatTurnResult;
      expect(turn).toMatchObject({ status: 'done' });
      expect(await stored(userId, conversationId)).toEqual({ messages: 2, conversations: 1 });

      const retention = t.env.client.workflow.getHandle(retentionWorkflowId(userId, conversationId));
      await t.env.sleep(CLOCK - MINUTE);
      // A minute early: still waiting on its one timer, which has not fired; nothing deleted.
      expect((await retention.describe()).status.name).toBe('RUNNING');
      const before = await historyEvents(retention);
      const timers = ofType(before, EventType.EVENT_TYPE_TIMER_STARTED);
      expect(timers.map((t) => Number(t.timerStartedEventAttributes?.startToFireTimeout?.seconds))).toEqual([CLOCK / 1000]);
      expect(ofType(before, EventType.EVENT_TYPE_TIMER_FIRED)).toHaveLength(0);
      expect(ofType(before, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toHaveLength(0);
      expect(await stored(userId, conversationId)).toEqual({ messages: 2, conversations: 1 });

      // The clock runs out: the timer fires, the purge runs once, and the workflow ends that long after it started.
      expect(await retention.result()).toEqual({ purgedMessages: 2 });
      const after = await historyEvents(retention);
      const [fired] = ofType(after, EventType.EVENT_TYPE_TIMER_FIRED);
      expect(eventMs(fired!) - eventMs(timers[0]!)).toBeGreaterThanOrEqual(CLOCK);
      expect(elapsedMs(after)).toBeGreaterThanOrEqual(CLOCK);
      expect(elapsedMs(after)).toBeLessThan(CLOCK + MINUTE);
      expect(ofType(after, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)).toEqual([
        'purgeConversation',
      ]);
    });
    expect(await stored(userId, conversationId)).toEqual({ messages: 0, conversations: 0 });
  });
});
