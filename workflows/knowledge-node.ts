// One knowledge node: input guard -> embedding -> dedup against the user's nodes and write, under the user's lock -> notify.
// A near-duplicate is kept but linked to the node it repeats, so it never shows up twice in search.
import { patched, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { Duplicate } from '../activities/knowledge.js';
import { JOB_STEP, NOTIFICATION, SHORT_LOCAL } from './activity-options.js';
import { DOCUMENT_MAX_TOKENS, nodeText, type KnowledgeNodeInput, type KnowledgeNodeResult } from '../lib/knowledge.js';

const { inputGuard, recordSecurityEvents } = proxyLocalActivities<Activities>(SHORT_LOCAL);
const { embedTexts, findDuplicate, writeNode } = proxyActivities<Activities>(JOB_STEP);
const { notifyUser } = proxyActivities<Activities>(NOTIFICATION);

const DEDUP_AT_WRITE = 'knowledge-node-dedup-at-write';

export async function knowledgeNodeWorkflow(input: KnowledgeNodeInput): Promise<KnowledgeNodeResult> {
  const { workflowId } = workflowInfo();
  const { userId, nodeId } = input;
  const notify = (event: string, data: Record<string, unknown>) =>
    notifyUser({ userId, notification: { event, data: { workflowId, nodeId, ...data } } }).catch(() => undefined);

  const [title, content] = await Promise.all([
    inputGuard({ text: input.title, maxTokens: DOCUMENT_MAX_TOKENS }),
    inputGuard({ text: input.content, maxTokens: DOCUMENT_MAX_TOKENS }),
  ]);
  if (!title.allowed || !content.allowed) {
    const rules = [...title.rules, ...content.rules];
    await recordSecurityEvents({ workflowId, userId, events: [{ layer: 'input', eventType: 'blocked', rules }] });
    await notify('knowledge_node.blocked', { rules });
    return { status: 'blocked', nodeId, reason: (title.allowed ? content : title).reason, rules };
  }
  const node = { ...input, title: title.sanitized ?? input.title, content: content.sanitized ?? input.content };

  const embedding = input.embedding ?? (await embedTexts({ texts: [nodeText(node)] }))[0]!;
  const written = { ...node, embedding: undefined };
  let duplicate: Duplicate | null;
  if (patched(DEDUP_AT_WRITE)) {
    // Decided where the node is written, under the user's lock: a separate lookup first raced with notes written
    // meanwhile, and two notes submitted together both became originals.
    duplicate = await writeNode({ node: written, embedding, workflowId });
  } else {
    duplicate = await findDuplicate({ userId, embedding });
    await writeNode({ node: written, embedding, duplicate, workflowId });
  }

  if (duplicate) {
    await notify('knowledge_node.merged', { duplicateOf: duplicate.nodeId, similarity: duplicate.similarity });
    return { status: 'merged', nodeId, duplicateOf: duplicate.nodeId, similarity: duplicate.similarity };
  }
  await notify('knowledge_node.created', { title: node.title });
  return { status: 'created', nodeId };
}
