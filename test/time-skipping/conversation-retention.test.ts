// Days of workflow time in seconds of wall time, on Temporal's Java time-skipping test server.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { offlineModel } from '../../activities/llm/offline-model.js';
import { RETENTION_WORKFLOW, type LlmReply } from '../../lib/chat.js';
import { config } from '../../lib/config.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { uniqueId, type Services } from '../support/services.js';
import { startTimeSkipping, type TimeSkipping } from '../support/time-skipping.js';

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;
let s: Services;
let t: TimeSkipping;
let acts: ReturnType<typeof createActivities>;

beforeAll(async () => {
  t = await startTimeSkipping();
  ({ env, s } = t);
  acts = createActivities(buildActivityDeps(config(), s, { models: [offlineModel(0)], retentionMs: DAY }));
});

afterAll(async () => {
  await t?.stop();
});

const reply: LlmReply = { text: 'an answer', usage: { promptTokens: 3, completionTokens: 2 }, model: 'm', provider: 'p', redactions: [] };
const count = async (user: string, conv: string) =>
  (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE user_id = $1 AND conversation_id = $2', [user, conv])).rows[0]!.n;

describe('conversationRetentionWorkflow', () => {
  it('keeps a conversation while it is touched and deletes it after a whole idle day', async () => {
    const user = uniqueId('u');
    await acts.persistTurn({ workflowId: 'w1', userId: user, conversationId: 'old', userText: 'q1', reply });
    await acts.persistTurn({ workflowId: 'w2', userId: user, conversationId: 'old', userText: 'q2', reply });
    await acts.persistTurn({ workflowId: 'w3', userId: user, conversationId: 'kept', userText: 'q3', reply });

    const taskQueue = uniqueId('retention');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! }, activities: acts });
    await worker.runUntil(async () => {
      const started = await env.currentTimeMs();
      const handle = await env.client.workflow.start(RETENTION_WORKFLOW, {
        taskQueue,
        workflowId: uniqueId('retention'),
        args: [{ userId: user, conversationId: 'old', idleMs: DAY }],
      });
      await env.sleep(20 * 3_600_000);
      await handle.signal('touch');
      await env.sleep(20 * 3_600_000);
      // 40 hours after the start but only 20 after the touch: still there.
      expect(await count(user, 'old')).toBe(4);

      expect(await handle.result()).toEqual({ purgedMessages: 4 });
      expect((await env.currentTimeMs()) - started).toBeGreaterThanOrEqual(44 * 3_600_000);
    });
    expect(await count(user, 'old')).toBe(0);
    expect(await count(user, 'kept')).toBe(2);
  });
});
