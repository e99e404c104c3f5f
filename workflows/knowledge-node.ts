// One knowledge node: input guard -> embedding -> dedup against the user's nodes and write, under the user's lock -> notify
// (the steps: lib/knowledge-pipeline.ts). A near-duplicate is kept but linked to the node it repeats, so it never
// shows up twice in search. The steps run first all at once in one local activity (one workflow task, no server
// round trip per step); if that fails, step by step as activities with their patient retries.
import { patched, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { JOB_STEP, JOB_STEP_LOCAL, NOTIFICATION, SHORT_LOCAL } from './activity-options.js';
import { localFirst } from './local-first.js';
import type { KnowledgeNodeInput, KnowledgeNodeResult } from '../lib/contracts/knowledge.js';
import { saveNote, type NoteSteps } from '../lib/knowledge-pipeline.js';

const { inputGuard, recordSecurityEvents } = proxyLocalActivities<Activities>(SHORT_LOCAL);
const { embedTexts, findDuplicate, writeNode } = proxyActivities<Activities>(JOB_STEP);
const { notifyUser } = proxyActivities<Activities>(NOTIFICATION);
const { saveNoteAtOnce } = proxyLocalActivities<Activities>(JOB_STEP_LOCAL);

const DEDUP_AT_WRITE = 'knowledge-node-dedup-at-write';
// Executions started before the fast path went straight to the steps.
const FAST_PATH = 'knowledge-node-fast-path';

export async function knowledgeNodeWorkflow(input: KnowledgeNodeInput): Promise<KnowledgeNodeResult> {
  const { workflowId } = workflowInfo();
  const stepByStep: NoteSteps = {
    inputGuard,
    recordSecurityEvents,
    embedTexts,
    notifyUser,
    async write(node, embedding) {
      // Decided where the node is written, under the user's lock: a separate lookup first raced with notes written
      // meanwhile, and two notes submitted together both became originals.
      if (patched(DEDUP_AT_WRITE)) return writeNode({ node, embedding, workflowId });
      const duplicate = await findDuplicate({ userId: node.userId, embedding });
      await writeNode({ node, embedding, duplicate, workflowId });
      return duplicate;
    },
  };
  if (!patched(FAST_PATH)) return saveNote(stepByStep, input, workflowId);
  return localFirst(
    () => saveNoteAtOnce({ input, workflowId }),
    () => saveNote(stepByStep, input, workflowId),
  );
}
