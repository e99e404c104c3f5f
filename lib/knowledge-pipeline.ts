// The steps of saving one knowledge node, written once and run two ways (workflows/knowledge-node.ts): all in
// one local activity, in the worker that runs the workflow (the fast path: one workflow task, no server round
// trip per step), or step by step as activities on their patient policies when the fast path fails. Pure and
// deterministic: the workflow runs it with activity proxies, the fast-path activity with the activities themselves.
import type { Duplicate } from '../activities/knowledge.js';
import type { Activities } from '../activities/index.js';
import { sanitisedText } from './contracts/chat.js';
import { DOCUMENT_MAX_TOKENS, nodeText, type KnowledgeNodeInput, type KnowledgeNodeResult } from './contracts/knowledge.js';

export type NoteSteps = Pick<Activities, 'inputGuard' | 'recordSecurityEvents' | 'embedTexts' | 'notifyUser'> & {
  /** Dedup against the user's nodes and write; answers the original this node repeats, if any. */
  write(node: KnowledgeNodeInput, embedding: number[]): Promise<Duplicate | null>;
};

export async function saveNote(s: NoteSteps, input: KnowledgeNodeInput, workflowId: string): Promise<KnowledgeNodeResult> {
  const { userId, nodeId } = input;
  // A notification is a courtesy: the node is saved whether or not a socket hears about it.
  const notify = (event: string, data: Record<string, unknown>) =>
    s.notifyUser({ userId, notification: { event, data: { workflowId, nodeId, ...data } } }).catch(() => undefined);

  const [title, content] = await Promise.all([
    s.inputGuard({ text: input.title, maxTokens: DOCUMENT_MAX_TOKENS }),
    s.inputGuard({ text: input.content, maxTokens: DOCUMENT_MAX_TOKENS }),
  ]);
  if (!title.allowed || !content.allowed) {
    const rules = [...title.rules, ...content.rules];
    await s.recordSecurityEvents({ workflowId, userId, events: [{ layer: 'input', eventType: 'blocked', rules }] });
    await notify('knowledge_node.blocked', { rules });
    return { status: 'blocked', nodeId, reason: (title.allowed ? content : title).reason, rules };
  }
  const node = { ...input, title: sanitisedText(title) ?? input.title, content: sanitisedText(content) ?? input.content };

  const embedding = input.embedding ?? (await s.embedTexts({ texts: [nodeText(node)] }))[0]!;
  const duplicate = await s.write({ ...node, embedding: undefined }, embedding);
  if (duplicate) {
    await notify('knowledge_node.merged', { duplicateOf: duplicate.nodeId, similarity: duplicate.similarity });
    return { status: 'merged', nodeId, duplicateOf: duplicate.nodeId, similarity: duplicate.similarity };
  }
  await notify('knowledge_node.created', { title: node.title });
  return { status: 'created', nodeId };
}
