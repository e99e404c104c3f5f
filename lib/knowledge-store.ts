// Reads of the knowledge base by meaning, shared by the gateway's search, the dedup step and chat retrieval, and
// the lock that makes one user's dedup decisions one at a time.
import pgvector from 'pgvector';
import type { Db } from './db.js';

export interface NodeMatch {
  id: string;
  title: string;
  content: string;
  similarity: number;
}

/** The pool, or one client of it inside a transaction. */
export type Queryable = { query: Db['query'] };

/** Whose nodes, in which embedding space (lib/embeddings embeddingSpace): only vectors of one model compare. */
export interface NodeScope {
  userId: string;
  space: string;
}

/** The advisory-lock class of "a user's knowledge nodes" (the second key is a hash of the user id). */
const USER_NODES_LOCK = 0x4b4e; // "KN"

/**
 * Held until the transaction ends: whoever decides "original or duplicate" for a user's new nodes and writes them
 * holds it, so two notes arriving together cannot both miss each other and both become originals. Users never
 * wait for each other (bar a hash collision, which only serialises them).
 */
export async function lockUserNodes(client: Queryable, userId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [USER_NODES_LOCK, userId]);
}

/**
 * The user's canonical nodes nearest to `embedding` by cosine similarity, best first. The HNSW index serves a
 * user with many nodes; a btree scan on user_id serves one with few (the planner picks). The pool sets
 * `hnsw.iterative_scan`, so filtering by user after an index scan still returns up to `limit` rows.
 */
export async function nearestNodes(db: Queryable, scope: NodeScope, embedding: number[], limit: number, minSimilarity = -1): Promise<NodeMatch[]> {
  const { rows } = await db.query<NodeMatch>(
    `SELECT id, title, content, 1 - (embedding <=> $2) AS similarity
       FROM knowledge_nodes
      WHERE user_id = $1 AND duplicate_of IS NULL AND embedding_space = $4
      ORDER BY embedding <=> $2
      LIMIT $3`,
    [scope.userId, pgvector.toSql(embedding), limit, scope.space],
  );
  return rows.filter((r) => r.similarity >= minSimilarity);
}
