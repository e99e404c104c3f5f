// Bulk import of knowledge nodes from lines staged by the gateway: one long activity that works through the
// lines in chunks and heartbeats a checkpoint after each committed chunk. When its worker dies, Temporal hands
// the activity to another worker with the last checkpoint; node ids derive from (import, line), so lines
// redone after the checkpoint are written once.
import { Context } from '@temporalio/activity';
import pgvector from 'pgvector';
import type { Db } from '../lib/db.js';
import { uuidFromName } from '../lib/ids.js';
import type { Embedder } from '../lib/embeddings/index.js';
import { cosineSimilarity } from '../lib/embeddings/index.js';
import { DOCUMENT_MAX_TOKENS, nodeText, type KnowledgeImportResult } from '../lib/knowledge.js';
import { knowledgeNodesTotal } from '../lib/metrics.js';
import { inspectInput } from './security/input-guard.js';
import type { InputGuardOptions } from './security/types.js';
import type { KnowledgeNodeRow, Writers } from './writers.js';

export interface ImportDeps {
  db: Db;
  embedder: Embedder;
  writers: Writers;
  dedupThreshold: number;
  importChunk: number;
  inputGuard: Partial<InputGuardOptions>;
}

export interface ImportCheckpoint {
  nextLine: number;
  created: number;
  merged: number;
  blocked: number;
}

interface StagedLine {
  line_no: number;
  title: string;
  content: string;
  tags: string[];
  embedding: string | null;
}

/** A UUID fixed by the import and the line, so a line written twice is one row. */
export const importNodeId = (importId: string, lineNo: number) => uuidFromName(`import:${importId}:${lineNo}`);


export function createImportActivities({ db, embedder, writers, dedupThreshold, importChunk, inputGuard }: ImportDeps) {
  /** For each vector, the user's nearest canonical node outside this chunk: one statement for the whole chunk. */
  async function nearestOutside(userId: string, vectors: number[][], exclude: string[]): Promise<{ id: string; similarity: number }[]> {
    const client = await db.connect();
    let rows: { ord: number; id: string; similarity: number }[];
    try {
      await client.query('BEGIN');
      // Force the HNSW index for these per-line searches: while an import grows a user's nodes the planner's
      // statistics lag, and its "exact scan of the user's rows, then sort" plan turns the import quadratic.
      await client.query('SET LOCAL enable_sort = off');
      rows = (await client.query<{ ord: number; id: string; similarity: number }>(
      `SELECT u.ord::int AS ord, m.id, m.similarity
         FROM (SELECT t::vector(384) AS e, ord FROM unnest($2::text[]) WITH ORDINALITY AS x(t, ord)) u
         CROSS JOIN LATERAL (
           SELECT n.id, 1 - (n.embedding <=> u.e) AS similarity
             FROM knowledge_nodes n
            WHERE n.user_id = $1 AND n.duplicate_of IS NULL AND n.id <> ALL($3::uuid[])
            ORDER BY n.embedding <=> u.e
            LIMIT 1) m`,
      [userId, vectors.map((v) => pgvector.toSql(v)), exclude],
      )).rows;
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    const best: { id: string; similarity: number }[] = [];
    for (const r of rows) best[r.ord - 1] = { id: r.id, similarity: r.similarity };
    return best;
  }

  /** Guard, embed, dedup (against stored nodes and earlier lines of the chunk) and write one chunk. */
  async function importChunkOf(userId: string, importId: string, workflowId: string, lines: StagedLine[], counts: ImportCheckpoint): Promise<void> {
    const kept: { line: StagedLine; title: string; content: string }[] = [];
    for (const line of lines) {
      const title = inspectInput(line.title, { ...inputGuard, maxTokens: DOCUMENT_MAX_TOKENS });
      const content = inspectInput(line.content, { ...inputGuard, maxTokens: DOCUMENT_MAX_TOKENS });
      if (title.blocked || content.blocked) counts.blocked++;
      else kept.push({ line, title: title.sanitized ?? line.title, content: content.sanitized ?? line.content });
    }
    if (kept.length === 0) return;
    const missing = kept.filter((k) => !k.line.embedding);
    const computed = missing.length ? await embedder.embed(missing.map((k) => nodeText(k))) : [];
    const byLine = new Map(missing.map((k, i) => [k.line.line_no, computed[i]!]));
    const vectors = kept.map((k) => (k.line.embedding ? (JSON.parse(k.line.embedding) as number[]) : byLine.get(k.line.line_no)!));
    const ids = kept.map((k) => importNodeId(importId, k.line.line_no));
    const stored = await nearestOutside(userId, vectors, ids);
    const rows: KnowledgeNodeRow[] = [];
    kept.forEach((k, i) => {
      let dup = stored[i] && stored[i]!.similarity >= dedupThreshold ? stored[i]! : undefined;
      // An earlier line of this chunk that was kept as canonical may be a closer duplicate.
      for (let j = 0; j < i; j++) {
        if (rows[j]!.duplicate_of !== null) continue;
        const s = cosineSimilarity(vectors[i]!, vectors[j]!);
        if (s >= dedupThreshold && s > (dup?.similarity ?? -1)) dup = { id: ids[j]!, similarity: s };
      }
      rows.push({
        id: ids[i]!, user_id: userId, title: k.title, content: k.content, tags: k.line.tags, embedding: vectors[i]!,
        duplicate_of: dup?.id ?? null, similarity: dup ? Number(dup.similarity.toFixed(6)) : null,
        source: `import:${importId}`, workflow_id: workflowId,
      });
    });
    await writers.knowledgeNodes.write(rows);
    const merged = rows.filter((r) => r.duplicate_of !== null).length;
    counts.merged += merged;
    counts.created += rows.length - merged;
    knowledgeNodesTotal.inc({ outcome: 'merged' }, merged);
    knowledgeNodesTotal.inc({ outcome: 'created' }, rows.length - merged);
  }

  return {
    async importKnowledgeLines(input: { userId: string; importId: string; totalLines: number; workflowId: string }): Promise<KnowledgeImportResult & { resumedFrom: number }> {
      const ctx = Context.current();
      const checkpoint = ctx.info.heartbeatDetails as ImportCheckpoint | undefined;
      const counts: ImportCheckpoint = checkpoint ?? { nextLine: 0, created: 0, merged: 0, blocked: 0 };
      const resumedFrom = counts.nextLine;
      while (counts.nextLine < input.totalLines) {
        ctx.cancellationSignal.throwIfAborted();
        const { rows } = await db.query<StagedLine>(
          `SELECT line_no, title, content, tags, embedding::text AS embedding
             FROM knowledge_import_lines WHERE import_id = $1 AND line_no >= $2 ORDER BY line_no LIMIT $3`,
          [input.importId, counts.nextLine, importChunk],
        );
        if (rows.length === 0) break;
        await importChunkOf(input.userId, input.importId, input.workflowId, rows, counts);
        counts.nextLine = rows[rows.length - 1]!.line_no + 1;
        ctx.heartbeat({ ...counts });
      }
      return { importId: input.importId, created: counts.created, merged: counts.merged, blocked: counts.blocked, resumedFrom };
    },

    /** The staged lines are not needed once the import is done. */
    async dropImportStaging(input: { importId: string }): Promise<void> {
      await db.query('DELETE FROM knowledge_import_lines WHERE import_id = $1', [input.importId]);
    },
  };
}
