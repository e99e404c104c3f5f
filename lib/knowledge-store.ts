// Reads of the knowledge base by meaning, shared by the gateway's search, the dedup step and chat retrieval.
import pgvector from 'pgvector';
import type { Db } from './db.js';

export interface NodeMatch {
  id: string;
  title: string;
  content: string;
  similarity: number;
}

/**
 * The user's canonical nodes nearest to `embedding` by cosine similarity, best first. The HNSW index serves a
 * user with many nodes; a btree scan on user_id serves one with few (the planner picks). The pool sets
 * `hnsw.iterative_scan`, so filtering by user after an index scan still returns up to `limit` rows.
 */
export async function nearestNodes(db: Db, userId: string, embedding: number[], limit: number, minSimilarity = -1): Promise<NodeMatch[]> {
  const { rows } = await db.query<NodeMatch>(
    `SELECT id, title, content, 1 - (embedding <=> $2) AS similarity
       FROM knowledge_nodes
      WHERE user_id = $1 AND duplicate_of IS NULL
      ORDER BY embedding <=> $2
      LIMIT $3`,
    [userId, pgvector.toSql(embedding), limit],
  );
  return rows.filter((r) => r.similarity >= minSimilarity);
}
