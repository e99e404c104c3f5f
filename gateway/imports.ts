// Staging a bulk import: the JSON-lines body is validated line by line while it streams in and written to
// knowledge_import_lines in multi-row statements inside one transaction. Any bad line rolls everything back
// (400 naming the line), so a failed upload leaves nothing behind; the import workflow then reads the lines.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Request } from 'express';
import pgvector from 'pgvector';
import type { Db } from '../lib/db.js';
import { AppError, ErrorCode } from '../lib/errors.js';
import { checkEmbedding, nodeFields } from './api-schemas.js';
import { z } from 'zod';

export interface ImportLimits {
  maxBytes: number;
  maxLines: number;
  maxContentChars: number;
}

interface StagedRow {
  title: string;
  content: string;
  tags: string[];
  embedding?: number[];
}

const STAGE_BATCH = 1000;

/**
 * Reads and drops what is left of a rejected upload (up to the byte limit), so the client, still sending, gets
 * the 400 that names its bad line instead of a reset connection.
 */
async function discardRest(req: Request): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  req.resume();
  await once(req, 'end').catch(() => undefined);
}

async function stageBatch(client: { query: Db['query'] }, importId: string, firstLine: number, rows: StagedRow[]): Promise<void> {
  await client.query(
    `INSERT INTO knowledge_import_lines (import_id, line_no, title, content, tags, embedding)
     SELECT $1, $2 + ord - 1, title, content, ARRAY(SELECT jsonb_array_elements_text(tags::jsonb)), embedding::vector
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS u(title, content, tags, embedding, ord)`,
    // Tags travel as JSON (each row's list as one text), which Postgres parses exactly, whatever they contain.
    [importId, firstLine, rows.map((r) => r.title), rows.map((r) => r.content),
      rows.map((r) => JSON.stringify(r.tags)), rows.map((r) => (r.embedding ? pgvector.toSql(r.embedding) : null))],
  );
}

/** Streams, validates and stages the body; returns the number of nodes staged. Throws AppError on bad input. */
export async function stageImport(db: Db, req: Request, ids: { importId: string; userId: string; workflowId: string }, limits: ImportLimits): Promise<number> {
  const line = z.object(nodeFields(limits.maxContentChars)).strict();
  // The line iterator exists before the first await, so no line is emitted before anyone listens (it pauses the
  // request while lines wait to be staged, so a large upload is never buffered whole).
  const lines = createInterface({ input: req, crlfDelay: Infinity })[Symbol.asyncIterator]();
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) req.destroy(new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `import is larger than ${limits.maxBytes} bytes`, 413));
  });
  const client = await db.connect();
  let staged = 0;
  try {
    await client.query('BEGIN');
    // The parent row first: the staged lines reference it. The same Idempotency-Key sent twice at once: the second
    // request waits here for the first to commit, then answers with what the first staged.
    const claimed = await client.query(
      'INSERT INTO knowledge_imports (id, user_id, total_lines, workflow_id) VALUES ($1, $2, 1, $3) ON CONFLICT (id) DO NOTHING',
      [ids.importId, ids.userId, ids.workflowId],
    );
    if (claimed.rowCount === 0) {
      await client.query('ROLLBACK');
      await discardRest(req);
      const { rows } = await db.query<{ total_lines: number }>('SELECT total_lines FROM knowledge_imports WHERE id = $1 AND user_id = $2', [ids.importId, ids.userId]);
      if (!rows[0]) throw new AppError(ErrorCode.CONFLICT, 'this Idempotency-Key names another import', 409);
      return rows[0].total_lines;
    }
    let batch: StagedRow[] = [];
    let fileLine = 0;
    for await (const raw of { [Symbol.asyncIterator]: () => lines }) {
      fileLine++;
      if (raw.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw new AppError(ErrorCode.IMPORT_INVALID, `line ${fileLine}: not valid JSON`, 400);
      }
      const parsed = line.safeParse(value);
      if (!parsed.success) {
        throw new AppError(ErrorCode.IMPORT_INVALID, `line ${fileLine}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ')}`, 400);
      }
      checkEmbedding(parsed.data.embedding, `line ${fileLine}: embedding`);
      if (staged + batch.length >= limits.maxLines) throw new AppError(ErrorCode.IMPORT_INVALID, `more than ${limits.maxLines} nodes in one import`, 400);
      batch.push(parsed.data);
      if (batch.length === STAGE_BATCH) {
        await stageBatch(client, ids.importId, staged, batch);
        staged += batch.length;
        batch = [];
      }
    }
    if (batch.length) await stageBatch(client, ids.importId, staged, batch);
    staged += batch.length;
    if (staged === 0) throw new AppError(ErrorCode.IMPORT_INVALID, 'the import holds no nodes (send one JSON object per line)', 400);
    await client.query('UPDATE knowledge_imports SET total_lines = $2 WHERE id = $1', [ids.importId, staged]);
    await client.query('COMMIT');
    return staged;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    await discardRest(req);
    throw err;
  } finally {
    client.release();
  }
}
