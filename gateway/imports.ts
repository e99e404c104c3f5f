// Staging a bulk import: the JSON-lines body is validated line by line while it streams in and written to
// knowledge_import_lines in bounded batches, each its own short statement, so no pooled connection waits on a slow
// client. The import's row is claimed first with total_lines NULL ("still staging") and gets its count only once
// every line is staged; any bad line deletes the row and, by cascade, what was staged (400 naming the line), so a
// failed upload leaves nothing behind. The import workflow then reads the lines.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Request } from 'express';
import pgvector from 'pgvector';
import { z } from 'zod';
import { config } from '../lib/config.js';
import type { Db } from '../lib/db.js';
import { AppError, ErrorCode } from '../lib/errors.js';
import { checkEmbedding, nodeFields } from './api-schemas.js';

export interface ImportLimits {
  maxBytes: number;
  maxLines: number;
  maxContentChars: number;
  /** Longest line; default KNOWLEDGE_IMPORT_MAX_LINE_BYTES. */
  maxLineBytes?: number;
}

interface StagedRow {
  title: string;
  content: string;
  tags: string[];
  embedding?: number[];
}

interface ImportIds {
  importId: string;
  userId: string;
  workflowId: string;
}

/** A batch is staged once it has this many rows or this many characters of lines, whichever comes first. */
const STAGE_BATCH = 1000;
const STAGE_CHARS = 1024 * 1024;
/** A staging upload refreshes its claim this often; a claim not refreshed for STALE_SECONDS was left by a dead gateway. */
const TOUCH_MS = 10_000;
const STALE_SECONDS = 30;
/** How often a request with the same Idempotency-Key as an upload still staging looks whether it has finished. */
const AWAIT_MS = 100;

const NEWLINE = 0x0a;
const tooLarge = (message: string) => new AppError(ErrorCode.PAYLOAD_TOO_LARGE, message, 413);

/**
 * The body's lines, decoded, never holding more than one line (of at most `maxLineBytes`) beyond the chunk being
 * split: a newline-free body is refused when its first line passes the cap, not buffered whole.
 */
async function* boundedLines(body: AsyncIterable<Buffer>, limits: { maxBytes: number; maxLineBytes: number }): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let lineNo = 0;
  const tooLong = () => tooLarge(`line ${lineNo + 1} is longer than ${limits.maxLineBytes} bytes`);
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) throw tooLarge(`import is larger than ${limits.maxBytes} bytes`);
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, nl);
      if (pendingBytes + piece.length > limits.maxLineBytes) throw tooLong();
      const line = pendingBytes ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      pendingBytes = 0;
      lineNo++;
      yield line.toString('utf8');
      start = nl + 1;
    }
    if (start < chunk.length) {
      if (pendingBytes + chunk.length - start > limits.maxLineBytes) throw tooLong();
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
    }
  }
  if (pendingBytes) yield Buffer.concat(pending).toString('utf8');
}

/**
 * Reads and drops what is left of a rejected upload (up to the byte limit), so the client, still sending, gets
 * the answer that names its bad line instead of a reset connection.
 */
async function discardRest(req: Request, maxBytes: number): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > maxBytes) req.destroy();
  });
  req.resume();
  await Promise.race([once(req, 'end'), once(req, 'close')]).catch(() => undefined);
}

async function stageBatch(db: Db, importId: string, firstLine: number, rows: StagedRow[]): Promise<void> {
  await db.query(
    `INSERT INTO knowledge_import_lines (import_id, line_no, title, content, tags, embedding)
     SELECT $1, $2 + ord - 1, title, content, ARRAY(SELECT jsonb_array_elements_text(tags::jsonb)), embedding::vector
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS u(title, content, tags, embedding, ord)`,
    // Tags travel as JSON (each row's list as one text), which Postgres parses exactly, whatever they contain.
    [
      importId,
      firstLine,
      rows.map((r) => r.title),
      rows.map((r) => r.content),
      rows.map((r) => JSON.stringify(r.tags)),
      rows.map((r) => (r.embedding ? pgvector.toSql(r.embedding) : null)),
    ],
  );
}

/**
 * Claims the import's id for this upload (undefined), or answers the line count of the upload that already holds
 * it. The same Idempotency-Key sent twice at once: the second request waits for the first to finish staging, and
 * stages its own body if the first failed or its gateway died (its claim went stale).
 */
async function claim(db: Db, req: Request, ids: ImportIds): Promise<number | undefined> {
  for (;;) {
    const claimed = await db.query(
      'INSERT INTO knowledge_imports (id, user_id, total_lines, workflow_id) VALUES ($1, $2, NULL, $3) ON CONFLICT (id) DO NOTHING',
      [ids.importId, ids.userId, ids.workflowId],
    );
    if (claimed.rowCount === 1) return undefined;
    const {
      rows: [held],
    } = await db.query<{ user_id: string; total_lines: number | null; stale: boolean }>(
      'SELECT user_id, total_lines, touched_at < now() - make_interval(secs => $2) AS stale FROM knowledge_imports WHERE id = $1',
      [ids.importId, STALE_SECONDS],
    );
    if (!held) continue; // that upload failed and was removed: this one may have it
    if (held.user_id !== ids.userId) throw new AppError(ErrorCode.CONFLICT, 'this Idempotency-Key names another import', 409);
    if (held.total_lines !== null) return held.total_lines;
    if (held.stale) {
      await db.query('DELETE FROM knowledge_imports WHERE id = $1 AND total_lines IS NULL AND touched_at < now() - make_interval(secs => $2)', [
        ids.importId,
        STALE_SECONDS,
      ]);
      continue;
    }
    if (req.destroyed) throw new AppError(ErrorCode.BAD_REQUEST, 'the upload was aborted', 400);
    await sleep(AWAIT_MS);
  }
}

/** Validates the body line by line and stages it in bounded batches; returns the number of nodes staged. */
async function stageLines(db: Db, req: Request, importId: string, limits: Required<ImportLimits>): Promise<number> {
  const line = z.object(nodeFields(limits.maxContentChars)).strict();
  let batch: StagedRow[] = [];
  let batchChars = 0;
  let staged = 0;
  let fileLine = 0;
  // destroyOnReturn false: a bad line stops reading, but the rest is still drained so the client hears the 400.
  for await (const raw of boundedLines(req.iterator({ destroyOnReturn: false }), limits)) {
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
      throw new AppError(
        ErrorCode.IMPORT_INVALID,
        `line ${fileLine}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ')}`,
        400,
      );
    }
    checkEmbedding(parsed.data.embedding, `line ${fileLine}: embedding`);
    if (staged + batch.length >= limits.maxLines) throw new AppError(ErrorCode.IMPORT_INVALID, `more than ${limits.maxLines} nodes in one import`, 400);
    batch.push(parsed.data);
    batchChars += raw.length;
    if (batch.length === STAGE_BATCH || batchChars >= STAGE_CHARS) {
      await stageBatch(db, importId, staged, batch);
      staged += batch.length;
      batch = [];
      batchChars = 0;
    }
  }
  if (batch.length) await stageBatch(db, importId, staged, batch);
  staged += batch.length;
  if (staged === 0) throw new AppError(ErrorCode.IMPORT_INVALID, 'the import holds no nodes (send one JSON object per line)', 400);
  return staged;
}

/** Streams, validates and stages the body; returns the number of nodes staged. Throws AppError on bad input. */
export async function stageImport(db: Db, req: Request, ids: ImportIds, limits: ImportLimits): Promise<number> {
  const all = { maxLineBytes: config().KNOWLEDGE_IMPORT_MAX_LINE_BYTES, ...limits };
  const settled = await claim(db, req, ids);
  if (settled !== undefined) {
    await discardRest(req, all.maxBytes);
    return settled;
  }
  const touch = setInterval(() => {
    db.query('UPDATE knowledge_imports SET touched_at = now() WHERE id = $1', [ids.importId]).catch(() => undefined);
  }, TOUCH_MS);
  let replaced = false;
  try {
    const staged = await stageLines(db, req, ids.importId, all);
    const done = await db.query('UPDATE knowledge_imports SET total_lines = $2 WHERE id = $1 AND total_lines IS NULL', [ids.importId, staged]);
    replaced = done.rowCount === 0;
    if (replaced) throw new AppError(ErrorCode.CONFLICT, 'this upload went quiet for too long and another request with its Idempotency-Key replaced it', 409);
    return staged;
  } catch (err) {
    // Nothing half-staged may stay behind: the claim goes, and its lines with it (ON DELETE CASCADE). A claim
    // that another request took over is that request's to finish or remove.
    if (!replaced) await db.query('DELETE FROM knowledge_imports WHERE id = $1 AND total_lines IS NULL', [ids.importId]).catch(() => undefined);
    await discardRest(req, all.maxBytes);
    throw err;
  } finally {
    clearInterval(touch);
  }
}
