// Replays recorded workflow histories against today's workflow code: a non-deterministic change fails here.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { workflowsPath } from './build.js';

export interface RecordedHistory {
  workflowId: string;
  history: unknown;
}

/** Reads `{ workflowId, history }` files, or the plain history JSON that `temporal workflow show -o json` writes. */
export async function readHistoryFile(path: string): Promise<RecordedHistory> {
  const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  if ('history' in json && 'workflowId' in json) return { workflowId: String(json.workflowId), history: historyFromJSON(json.history) };
  return { workflowId: path, history: historyFromJSON(json) };
}

export async function readHistoryDir(dir: string): Promise<RecordedHistory[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map((f) => readHistoryFile(join(dir, f))));
}

export async function replayAll(histories: RecordedHistory[]): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  const iterable = histories.map((h) => ({ workflowId: h.workflowId, history: h.history }));
  for await (const result of Worker.runReplayHistories({ workflowsPath, replayName: 'sparkle-replay' }, iterable)) results.push(result);
  return results;
}
