// A bulk import of knowledge nodes. The work is one long activity that heartbeats a checkpoint after every
// chunk; a dead worker's import resumes on another worker from that checkpoint (see activities/imports.ts).
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { NOTIFICATION } from './activity-options.js';
import type { KnowledgeImportInput, KnowledgeImportResult } from '../lib/contracts/knowledge.js';

const { importKnowledgeLines } = proxyActivities<Activities>({
  startToCloseTimeout: '6h',
  // Missing heartbeats for this long means the worker is gone: the next attempt starts from the checkpoint.
  heartbeatTimeout: '15s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 50 },
});

// Heartbeats too: without them an attempt taken by a worker that then died was noticed only at its 5-minute
// timeout (bench/jobs.ts, long tasks with a worker killed).
const { dropImportStaging } = proxyActivities<Activities>({ startToCloseTimeout: '5m', heartbeatTimeout: '15s', retry: { maximumAttempts: 10 } });
const { notifyUser } = proxyActivities<Activities>(NOTIFICATION);

export async function knowledgeImportWorkflow(input: KnowledgeImportInput): Promise<KnowledgeImportResult & { resumedFrom: number }> {
  const { workflowId } = workflowInfo();
  const result = await importKnowledgeLines({ ...input, workflowId });
  await dropImportStaging({ importId: input.importId });
  await notifyUser({ userId: input.userId, notification: { event: 'knowledge_import.completed', data: { workflowId, ...result } } }).catch(() => undefined);
  return result;
}
