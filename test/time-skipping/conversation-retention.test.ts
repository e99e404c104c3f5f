// Days of workflow time in seconds of wall time, on Temporal's Java time-skipping test server.
import { beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { offlineModel } from '../../activities/llm/offline-model.js';
import { RETENTION_WORKFLOW, type LlmReply } from '../../lib/contracts/chat.js';
import { config } from '../../lib/config.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { uniqueId } from '../support/services.js';
import { timeSkippingFixture } from '../support/time-skipping.js';

const t = timeSkippingFixture();

const DAY = 86_400_000;
let acts: ReturnType<typeof createActivities>;

beforeAll(async () => {
  acts = createActivities(buildActivityDeps(config(), t.s, { models: [offlineModel(0)], retentionMs: DAY }));
});

const reply: LlmReply = { text: 'an answer', usage: { promptTokens: 3, completionTokens: 2 }, model: 'm', provider: 'p', redactions: [] };
const count = async (user: string, conv: string) =>
  (await t.s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE user_id = $1 AND conversation_id = $2', [user, conv])).rows[0]!.n;

describe('conversationRetentionWorkflow', () => {
  it('keeps a conversation while it is touched and deletes it after a whole idle day', async () => {
    const user = uniqueId('u');
    await acts.persistTurn({ workflowId: 'w1', userId: user, conversationId: 'old', userText: 'q1', reply });
    await acts.persistTurn({ workflowId: 'w2', userId: user, conversationId: 'old', userText: 'q2', reply });
    await acts.persistTurn({ workflowId: 'w3', userId: user, conversationId: 'kept', userText: 'q3', reply });

    const taskQueue = uniqueId('retention');
    const worker = await t.worker(taskQueue, acts);
    await worker.runUntil(async () => {
      const started = await t.env.currentTimeMs();
      const handle = await t.env.client.workflow.start(RETENTION_WORKFLOW, {
        taskQueue,
        workflowId: uniqueId('retention'),
        args: [{ userId: user, conversationId: 'old', idleMs: DAY }],
      });
      await t.env.sleep(20 * 3_600_000);
      await handle.signal('touch');
      await t.env.sleep(20 * 3_600_000);
      // 40 hours after the start but only 20 after the touch: still there.
      expect(await count(user, 'old')).toBe(4);

      expect(await handle.result()).toEqual({ purgedMessages: 4 });
      expect((await t.env.currentTimeMs()) - started).toBeGreaterThanOrEqual(44 * 3_600_000);
    });
    expect(await count(user, 'old')).toBe(0);
    expect(await count(user, 'kept')).toBe(2);
  });
});
