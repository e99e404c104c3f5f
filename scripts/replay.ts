// `npm run replay -- <workflowId | history.json | dir>`
// Replays histories against today's workflow code. A workflow id is fetched from TEMPORAL_ADDRESS; a file is the
// JSON that `temporal workflow show --workflow-id <id> --output json` writes (how test/histories/ is recorded).
import { stat } from 'node:fs/promises';
import { connectClient } from '../lib/temporal.js';
import { readHistoryDir, readHistoryFile, replayAll, type RecordedHistory } from '../workers/replay.js';
import { installTemporalRuntime } from '../workers/runtime.js';

const target = process.argv[2];
if (!target) {
  console.error('usage: npm run replay -- <workflowId | history.json | directory>');
  process.exit(2);
}

async function load(arg: string): Promise<RecordedHistory[]> {
  const info = await stat(arg).catch(() => undefined);
  if (info?.isDirectory()) return readHistoryDir(arg);
  if (info?.isFile()) return [await readHistoryFile(arg)];
  const client = await connectClient();
  try {
    return [{ workflowId: arg, history: await client.workflow.getHandle(arg).fetchHistory() }];
  } finally {
    await client.connection.close();
  }
}

installTemporalRuntime();
const histories = await load(target);
let failed = 0;
for (const r of await replayAll(histories)) {
  if (r.error) failed++;
  console.log(`${r.error ? 'FAIL' : 'ok  '} ${r.workflowId}${r.error ? `: ${r.error.message}` : ''}`);
}
console.log(`${histories.length - failed} replayed, ${failed} failed`);
process.exit(failed ? 1 : 0);
