// Bulk import of knowledge nodes from lines staged by the gateway: one long activity that works through the
// lines in chunks. It heartbeats on a timer the whole time (a slow chunk is not a dead worker) with the checkpoint
// of the last committed chunk. When its worker dies, Temporal hands the activity to another worker with that
// checkpoint; node ids derive from (import, line), so lines redone after the checkpoint are written once.
import { setTimeout as sleep } from 'node:timers/promises';
import { Context } from '@temporalio/activity';
import pgvector from 'pgvector';
import type { PoolClient } from 'pg';
import type { Db } from '../lib/db.js';
import { uuidFromName } from '../lib/ids.js';
import { cosineSimilarity, embeddingSpace, type Embedder } from '../lib/embeddings/index.js';
import { AppError, ErrorCode } from '../lib/errors.js';
import { DOCUMENT_MAX_TOKENS, nodeText, type KnowledgeImportResult } from '../lib/contracts/knowledge.js';
import { knowledgeNodesTotal } from '../lib/metrics.js';
import type { NodeScope } from '../lib/knowledge-store.js';
import { heartbeatWhile } from './heartbeat.js';
import { insertNodes, withUserNodesLocked } from './knowledge.js';
import { inspectInput } from './security/input/guard.js';
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

type ChunkCounts = Omit<ImportCheckpoint, 'nextLine'>;

/** A UUID fixed by the import and the line, so a line written twice is one row. */
export const importNodeId = (importId: string, lineNo: number) => uuidFromName(`import:${importId}:${lineNo}`);

/** For each vector, the user's nearest canonical node outside this chunk: one statement for the whole chunk. */
async function nearestOutside(client: PoolClient, scope: NodeScope, vectors: number[][], exclude: string[]): Promise<{ id: string; similarity: number }[]> {
  // Force the HNSW index for these per-line searches: while an import grows a user's nodes the planner's
  // statistics lag, and its "exact scan of the user's rows, then sort" plan turns the import quadratic.
  await client.query('SET LOCAL enable_sort = off');
  const { rows } = await client.query<{ ord: number; id: string; similarity: number }>(
    `SELECT u.ord::int AS ord, m.id, m.similarity
       FROM (SELECT t::vector(384) AS e, ord FROM unnest($2::text[]) WITH ORDINALITY AS x(t, ord)) u
       CROSS JOIN LATERAL (
         SELECT n.id, 1 - (n.embedding <=> u.e) AS similarity
           FROM knowledge_nodes n
          WHERE n.user_id = $1 AND n.duplicate_of IS NULL AND n.embedding_space = $4 AND n.id <> ALL($3::uuid[])
          ORDER BY n.embedding <=> u.e
          LIMIT 1) m`,
    [scope.userId, vectors.map((v) => pgvector.toSql(v)), exclude, scope.space],
  );
  const best: { id: string; similarity: number }[] = [];
  for (const r of rows) best[r.ord - 1] = { id: r.id, similarity: r.similarity };
  return best;
}

/**
 * Claims the import for this attempt. An attempt Temporal gave up on (its heartbeats stopped, a later attempt
 * runs) may wake up again: it finds a later attempt's number here and stops before writing anything more.
 */
async function fenceAttempt(client: PoolClient, importId: string, attempt: number): Promise<void> {
  const {
    rows: [row],
  } = await client.query<{ attempt: number }>('UPDATE knowledge_imports SET attempt = GREATEST(attempt, $2) WHERE id = $1 RETURNING attempt', [
    importId,
    attempt,
  ]);
  if (!row) throw new AppError(ErrorCode.IMPORT_INCOMPLETE, 'the import is no longer staged');
  if (row.attempt > attempt) throw new AppError(ErrorCode.SUPERSEDED, `import attempt ${attempt} was superseded by attempt ${row.attempt}`);
}

export function createImportActivities({ db, embedder, dedupThreshold, importChunk, inputGuard }: ImportDeps) {
  const space = embeddingSpace(embedder);
  /**
   * Guard and embed one chunk, then (under the user's node lock, so no note or other import of theirs is decided
   * meanwhile) dedup it against stored nodes and its own earlier lines, and write it.
   */
  async function importChunkOf(userId: string, importId: string, workflowId: string, lines: StagedLine[]): Promise<ChunkCounts> {
    const kept: { line: StagedLine; title: string; content: string }[] = [];
    let blocked = 0;
    for (const line of lines) {
      const title = inspectInput(line.title, { ...inputGuard, maxTokens: DOCUMENT_MAX_TOKENS });
      const content = inspectInput(line.content, { ...inputGuard, maxTokens: DOCUMENT_MAX_TOKENS });
      if (title.blocked || content.blocked) blocked++;
      else kept.push({ line, title: title.sanitised ?? line.title, content: content.sanitised ?? line.content });
    }
    if (kept.length === 0) return { created: 0, merged: 0, blocked };
    const missing = kept.filter((k) => !k.line.embedding);
    const computed = missing.length ? await embedder.embed(missing.map((k) => nodeText(k))) : [];
    const byLine = new Map(missing.map((k, i) => [k.line.line_no, computed[i]!]));
    const vectors = kept.map((k) => (k.line.embedding ? (JSON.parse(k.line.embedding) as number[]) : byLine.get(k.line.line_no)!));
    const ids = kept.map((k) => importNodeId(importId, k.line.line_no));
    const { attempt } = Context.current().info;
    const stored = await withUserNodesLocked(db, userId, async (client) => {
      await fenceAttempt(client, importId, attempt);
      const nearest = await nearestOutside(client, { userId, space }, vectors, ids);
      const rows: KnowledgeNodeRow[] = [];
      kept.forEach((k, i) => {
        let dup = nearest[i] && nearest[i]!.similarity >= dedupThreshold ? nearest[i]! : undefined;
        // An earlier line of this chunk that was kept as canonical may be a closer duplicate.
        for (let j = 0; j < i; j++) {
          if (rows[j]!.duplicate_of !== null) continue;
          const s = cosineSimilarity(vectors[i]!, vectors[j]!);
          if (s >= dedupThreshold && s > (dup?.similarity ?? -1)) dup = { id: ids[j]!, similarity: s };
        }
        rows.push({
          id: ids[i]!,
          user_id: userId,
          title: k.title,
          content: k.content,
          tags: k.line.tags,
          embedding: vectors[i]!,
          embedding_space: space,
          duplicate_of: dup?.id ?? null,
          similarity: dup ? Number(dup.similarity.toFixed(6)) : null,
          source: `import:${importId}`,
          workflow_id: workflowId,
        });
      });
      await insertNodes(client, rows);
      // What is stored, not what this attempt decided: an earlier attempt may have written some of these lines.
      return (
        await client.query<{ created: number; merged: number }>(
          `SELECT count(*) FILTER (WHERE duplicate_of IS NULL)::int AS created, count(duplicate_of)::int AS merged
           FROM knowledge_nodes WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      ).rows[0]!;
    });
    knowledgeNodesTotal.inc({ outcome: 'merged' }, stored.merged);
    knowledgeNodesTotal.inc({ outcome: 'created' }, stored.created);
    return { ...stored, blocked };
  }

  /** Exactly the staged lines [from, from + count): fewer means some were purged or never staged. */
  async function stagedLines(importId: string, from: number, count: number, total: number): Promise<StagedLine[]> {
    const { rows } = await db.query<StagedLine>(
      `SELECT line_no, title, content, tags, embedding::text AS embedding
         FROM knowledge_import_lines WHERE import_id = $1 AND line_no >= $2 AND line_no < $3 ORDER BY line_no`,
      [importId, from, from + count],
    );
    if (rows.length !== count) {
      throw new AppError(
        ErrorCode.IMPORT_INCOMPLETE,
        `only ${rows.length} of lines ${from + 1}-${from + count} (of ${total}) are staged; the import stops rather than skip them`,
      );
    }
    return rows;
  }

  return {
    async importKnowledgeLines(input: {
      userId: string;
      importId: string;
      totalLines: number;
      workflowId: string;
    }): Promise<KnowledgeImportResult & { resumedFrom: number }> {
      const ctx = Context.current();
      const checkpoint = ctx.info.heartbeatDetails as ImportCheckpoint | undefined;
      // Changed only once a chunk has committed: every beat, whenever it fires, carries a true checkpoint.
      const counts: ImportCheckpoint = { nextLine: 0, created: 0, merged: 0, blocked: 0, ...checkpoint };
      const resumedFrom = counts.nextLine;
      let firstCommitted!: () => void;
      const committed = new Promise<void>((resolve) => (firstCommitted = resolve));
      const work = (async () => {
        while (counts.nextLine < input.totalLines) {
          ctx.cancellationSignal.throwIfAborted();
          const count = Math.min(importChunk, input.totalLines - counts.nextLine);
          const lines = await stagedLines(input.importId, counts.nextLine, count, input.totalLines);
          const chunk = await importChunkOf(input.userId, input.importId, input.workflowId, lines);
          counts.created += chunk.created;
          counts.merged += chunk.merged;
          counts.blocked += chunk.blocked;
          counts.nextLine += count;
          firstCommitted();
          ctx.heartbeat({ ...counts });
        }
      })();
      // The SDK sends the first beat at once and throttles the rest to ~0.8 heartbeat timeout: a first beat of the
      // empty checkpoint would hide the import's progress (and the checkpoint a takeover resumes from) for that
      // long. So the timer starts with the first committed chunk, or after a third of the timeout if that is slow.
      await Promise.race([work, committed, sleep((ctx.info.heartbeatTimeoutMs ?? 15_000) / 3, undefined, { ref: false })]);
      await heartbeatWhile(
        () => ({ ...counts }),
        () => work,
      );
      return { importId: input.importId, created: counts.created, merged: counts.merged, blocked: counts.blocked, resumedFrom };
    },

    /** The staged lines are not needed once the import is done. */
    async dropImportStaging(input: { importId: string }): Promise<void> {
      await heartbeatWhile(
        () => undefined,
        () => db.query('DELETE FROM knowledge_import_lines WHERE import_id = $1', [input.importId]),
      );
    },
  };
}
