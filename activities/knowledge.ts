// The knowledge-node job's steps: embed, decide "original or near-duplicate" and write under the user's lock, notify.
import type { PoolClient } from 'pg';
import type { Db } from '../lib/db.js';
import { embeddingSpace, type Embedder } from '../lib/embeddings/index.js';
import { lockUserNodes, nearestNodes } from '../lib/knowledge-store.js';
import type { KnowledgeNodeInput } from '../lib/contracts/knowledge.js';
import { knowledgeNodesTotal } from '../lib/metrics.js';
import { encoders, ident, rowToText, unnestParams, unnestSelect, type Column } from './db/pg-values.js';
import type { KnowledgeNodeRow, Writers } from './writers.js';

export interface KnowledgeDeps {
  db: Db;
  embedder: Embedder;
  writers: Writers;
  /** Cosine similarity at or above which a new node is linked to the existing one instead of added. */
  dedupThreshold: number;
}

export interface Duplicate {
  nodeId: string;
  similarity: number;
}

/** knowledge_nodes' columns as every writer of nodes sends them. */
export const NODE_COLUMNS: Column[] = [
  { name: 'id', type: 'uuid' },
  { name: 'user_id', type: 'text' },
  { name: 'title', type: 'text' },
  { name: 'content', type: 'text' },
  { name: 'tags', type: 'text[]' },
  { name: 'embedding', type: 'vector' },
  { name: 'embedding_space', type: 'text' },
  { name: 'duplicate_of', type: 'uuid' },
  { name: 'similarity', type: 'real' },
  { name: 'source', type: 'text' },
  { name: 'workflow_id', type: 'text' },
];
const NODE_ENCODERS = encoders(NODE_COLUMNS);
const INSERT_NODES = `INSERT INTO knowledge_nodes (${NODE_COLUMNS.map((c) => ident(c.name)).join(', ')}) ${unnestSelect(NODE_COLUMNS)} ON CONFLICT (id) DO NOTHING`;

/** Rows in one statement; an id written before (a retried write) is skipped. */
export async function insertNodes(client: PoolClient, rows: KnowledgeNodeRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    INSERT_NODES,
    unnestParams(
      rows.map((r) => rowToText(r, NODE_COLUMNS, NODE_ENCODERS)),
      NODE_COLUMNS.length,
    ),
  );
}

const turns = new Map<string, Promise<unknown>>();

/** One call per key at a time in this process: one user's burst then waits here, not holding pooled clients. */
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const run = (turns.get(key) ?? Promise.resolve()).then(work, work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  turns.set(key, tail);
  void tail.then(() => turns.get(key) === tail && turns.delete(key));
  return run;
}

/**
 * `work` in a transaction holding the user's node lock: the dedup decision it makes and the rows it writes commit
 * before the next decision for that user is made (which then sees them). The write therefore bypasses the batch
 * writer, whose group commit would commit on another connection after the lock is gone.
 */
export function withUserNodesLocked<T>(db: Db, userId: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return oneAtATime(userId, async () => {
    const client = await db.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await lockUserNodes(client, userId);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw err;
    } finally {
      client.release(broken);
    }
  });
}

export function createKnowledgeActivities({ db, embedder, dedupThreshold }: KnowledgeDeps) {
  const space = embeddingSpace(embedder);
  const nearestOriginal = async (client: Pick<PoolClient, 'query'>, userId: string, embedding: number[]): Promise<Duplicate | null> => {
    const [best] = await nearestNodes(client, { userId, space }, embedding, 1, dedupThreshold);
    return best ? { nodeId: best.id, similarity: Number(best.similarity.toFixed(6)) } : null;
  };

  return {
    async embedTexts(input: { texts: string[] }): Promise<number[][]> {
      return embedder.embed(input.texts);
    },

    /** The user's most similar canonical node, when it is similar enough to count as the same note. */
    async findDuplicate(input: { userId: string; embedding: number[] }): Promise<Duplicate | null> {
      return nearestOriginal(db, input.userId, input.embedding);
    },

    /**
     * Decides whether the node repeats one of the user's originals and writes it, under the user's lock, and
     * answers that decision (`duplicate` from an earlier findDuplicate is not trusted: another note may have been
     * written since). The id is fixed before the job starts: a retry finds its row and answers what it decided.
     */
    async writeNode(input: { node: KnowledgeNodeInput; embedding: number[]; duplicate?: Duplicate | null; workflowId: string }): Promise<Duplicate | null> {
      const { node, embedding } = input;
      const { duplicate, inserted } = await withUserNodesLocked(db, node.userId, async (client) => {
        const {
          rows: [written],
        } = await client.query<{ duplicate_of: string | null; similarity: number | null }>(
          'SELECT duplicate_of, similarity FROM knowledge_nodes WHERE id = $1',
          [node.nodeId],
        );
        if (written) return { inserted: false, duplicate: written.duplicate_of ? { nodeId: written.duplicate_of, similarity: written.similarity! } : null };
        const found = await nearestOriginal(client, node.userId, embedding);
        await insertNodes(client, [
          {
            id: node.nodeId,
            user_id: node.userId,
            title: node.title,
            content: node.content,
            tags: node.tags,
            embedding,
            embedding_space: space,
            duplicate_of: found?.nodeId ?? null,
            similarity: found?.similarity ?? null,
            source: 'api',
            workflow_id: input.workflowId,
          },
        ]);
        return { inserted: true, duplicate: found };
      });
      if (inserted) knowledgeNodesTotal.inc({ outcome: duplicate ? 'merged' : 'created' });
      return duplicate;
    },
  };
}
