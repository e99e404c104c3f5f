// CI replays a recorded history of every workflow type, so a non-deterministic change to a workflow fails here.
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import * as workflows from '../../workflows/index.js';
import { readHistoryDir, replayAll } from '../../workers/replay.js';
import { installTemporalRuntime } from '../../workers/runtime.js';

const dir = fileURLToPath(new URL('../histories', import.meta.url));
installTemporalRuntime();

describe('replay of recorded histories', () => {
  it("replays every recorded history against today's workflow code", async () => {
    const histories = await readHistoryDir(dir);
    const results = await replayAll(histories);
    expect(results.map((r) => [r.workflowId, r.error?.message])).toEqual(histories.map((h) => [h.workflowId, undefined]));
  });

  it('has a history for every workflow type the worker registers', async () => {
    const histories = await readHistoryDir(dir);
    const recordedTypes = new Set(
      histories.map(
        (h) =>
          (h.history as { events: { workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }[] }).events[0]
            ?.workflowExecutionStartedEventAttributes?.workflowType?.name,
      ),
    );
    for (const type of Object.keys(workflows)) expect(recordedTypes, `no history in test/histories for ${type}`).toContain(type);
  });

  it("detects a change that reorders the chat turn's steps", async () => {
    const [chat] = (await readHistoryDir(dir)).filter((h) => h.workflowId.endsWith('chat-turn.json'));
    const changed = fileURLToPath(new URL('./reordered-workflows.ts', import.meta.url));
    const err = await Worker.runReplayHistory({ workflowsPath: changed, replayName: 'reordered' }, chat!.history).catch((e: unknown) => e);
    expect((err as Error).name).toBe('DeterminismViolationError');
  });
});
