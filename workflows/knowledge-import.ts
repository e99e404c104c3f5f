// A bulk import of knowledge nodes. The work is one long activity that heartbeats a checkpoint after every
// chunk; a dead worker's import resumes on another worker from that checkpoint (see activities/imports.ts).
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { DROP_IMPORT_STAGING, IMPORT_LINES, NOTIFICATION } from './activity-options.js';
import type { KnowledgeImportInput, KnowledgeImportResult } from '../lib/contracts/knowledge.js';

const { importKnowledgeLines } = proxyActivities<Activities>(IMPORT_LINES);
const { dropImportStaging } = proxyActivities<Activities>(DROP_IMPORT_STAGING);
const { notifyUser } = proxyActivities<Activities>(NOTIFICATION);

export async function knowledgeImportWorkflow(input: KnowledgeImportInput): Promise<KnowledgeImportResult & { resumedFrom: number }> {
  const { workflowId } = workflowInfo();
  const result = await importKnowledgeLines({ ...input, workflowId });
  await dropImportStaging({ importId: input.importId });
  await notifyUser({ userId: input.userId, notification: { event: 'knowledge_import.completed', data: { workflowId, ...result } } }).catch(() => undefined);
  return result;
}
