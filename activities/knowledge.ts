// The knowledge-node job's steps: embed, find a near-duplicate among the user's nodes, write (batched), notify.
import type { Db } from '../lib/db.js';
import type { Embedder } from '../lib/embeddings/index.js';
import { nearestNodes } from '../lib/knowledge-store.js';
import type { KnowledgeNodeInput } from '../lib/knowledge.js';
import { knowledgeNodesTotal } from '../lib/metrics.js';
import { publishNotification, type Notification } from '../lib/notify.js';
import type { RedisClient } from '../lib/redis.js';
import type { Writers } from './writers.js';

export interface KnowledgeDeps {
  db: Db;
  redis: RedisClient;
  embedder: Embedder;
  writers: Writers;
  /** Cosine similarity at or above which a new node is linked to the existing one instead of added. */
  dedupThreshold: number;
}

export interface Duplicate {
  nodeId: string;
  similarity: number;
}

export function createKnowledgeActivities({ db, redis, embedder, writers, dedupThreshold }: KnowledgeDeps) {
  return {
    async embedTexts(input: { texts: string[] }): Promise<number[][]> {
      return embedder.embed(input.texts);
    },

    /** The user's most similar canonical node, when it is similar enough to count as the same note. */
    async findDuplicate(input: { userId: string; embedding: number[] }): Promise<Duplicate | null> {
      const [best] = await nearestNodes(db, input.userId, input.embedding, 1, dedupThreshold);
      return best ? { nodeId: best.id, similarity: Number(best.similarity.toFixed(6)) } : null;
    },

    /** Writes the node (linked to its duplicate, if any). The id is fixed before the job starts: retries add nothing. */
    async writeNode(input: { node: KnowledgeNodeInput; embedding: number[]; duplicate: Duplicate | null; workflowId: string }): Promise<void> {
      const { node, duplicate } = input;
      await writers.knowledgeNodes.write([{
        id: node.nodeId, user_id: node.userId, title: node.title, content: node.content, tags: node.tags,
        embedding: input.embedding, duplicate_of: duplicate?.nodeId ?? null, similarity: duplicate?.similarity ?? null,
        source: 'api', workflow_id: input.workflowId,
      }]);
      knowledgeNodesTotal.inc({ outcome: duplicate ? 'merged' : 'created' });
    },

    async notifyUser(input: { userId: string; notification: Notification }): Promise<void> {
      await publishNotification(redis, input.userId, input.notification);
    },
  };
}
