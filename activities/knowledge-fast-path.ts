// The fast path of a knowledge node: every step of lib/knowledge-pipeline.ts in one activity, which the workflow
// runs as a local activity. Each step is idempotent on the node's id, so the step-by-step path the workflow falls
// back to when this fails may repeat any of them.
import { saveNote } from '../lib/knowledge-pipeline.js';
import type { KnowledgeNodeInput, KnowledgeNodeResult } from '../lib/contracts/knowledge.js';
import type { createAuditActivities } from './audit.js';
import type { createInputGuardActivities } from './input-guard.js';
import type { createKnowledgeActivities } from './knowledge.js';
import type { createNotifyActivities } from './notify.js';

type Steps = ReturnType<typeof createInputGuardActivities> &
  ReturnType<typeof createAuditActivities> &
  ReturnType<typeof createKnowledgeActivities> &
  ReturnType<typeof createNotifyActivities>;

export function createNoteFastPath(steps: Steps) {
  return {
    async saveNoteAtOnce({ input, workflowId }: { input: KnowledgeNodeInput; workflowId: string }): Promise<KnowledgeNodeResult> {
      return saveNote({ ...steps, write: (node, embedding) => steps.writeNode({ node, embedding, workflowId }) }, input, workflowId);
    },
  };
}
