// Idempotent bulk inserts with group commit: many activities call write(), one statement per batch commits all
// of them. A row whose key exists already is skipped (ON CONFLICT DO NOTHING semantics), so a retried activity
// with deterministic ids never duplicates a row.
//
// How a batch is written (bench/writers.ts on `messages`, 2 cores, medians in bench/results/writers.json):
// COPY straight into the table is the fastest path, ~2x `INSERT ... SELECT FROM unnest(...) ON CONFLICT`
// (69-81k vs 34-41k rows/s through this writer: no array literals to build and parse, no speculative
// insertion), so batches of copyMinRows rows or more go by COPY. COPY cannot skip existing keys: on a unique
// violation (23505: a retry, or a concurrent writer of the same id) the batch is rolled back and written again
// with the INSERT ... ON CONFLICT DO NOTHING. Duplicates inside a batch are dropped in JS first (first one wins,
// like DO NOTHING), so they never force that slower path. COPY into a temp table, then INSERT ... ON CONFLICT,
// was slower than direct COPY in every run and needs a transaction of three statements.
// Small batches (low load) use the INSERT: one round trip instead of COPY's two (p50 2.6 vs 3.2 ms for one row
// on the loaded bench machine).
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import copyStreams from 'pg-copy-streams';
import type { Db } from '../../lib/db.js';
import { GroupCommitter, sqlState, type Call, type GroupOptions } from './group-commit.js';
import { checkColumns, copyField, encoders, ident, parseCopyLine, unnestParams, unnestSelect, type Column, type PgText } from './pg-values.js';

export type { Column } from './pg-values.js';

export interface BatchWriterOptions extends GroupOptions {
  table: string;
  columns: Column[];
  /** The conflict target: a primary key or unique index's columns. */
  key: string[];
  /** Batches of at least this many rows are written with COPY (default 64; Infinity never uses COPY). */
  copyMinRows?: number;
}

/**
 * A caller's rows, encoded once at write() time: each row as its COPY line (the fast path sends these as they
 * are), and its key, to drop duplicates within a batch. Encoding straight to lines, with no per-row array of
 * values, halved the writer's own CPU and garbage in the benchmark.
 */
interface Encoded {
  lines: string[];
  keys: string[];
}

const COPY_CHUNK_BYTES = 1 << 20;

export class BatchWriter<Row extends Record<string, unknown>> {
  private readonly names: string[];
  private readonly encoders: ReturnType<typeof encoders>;
  private readonly keyIdx: number[];
  private readonly insertSql: string;
  private readonly copySql: string;
  private readonly copyMinRows: number;
  private readonly group: GroupCommitter<Encoded, void>;
  private nullKeys = 0;

  constructor(
    private readonly db: Db,
    o: BatchWriterOptions,
  ) {
    checkColumns(o.table, o.columns, o.key);
    this.names = o.columns.map((c) => c.name);
    this.encoders = encoders(o.columns);
    this.keyIdx = o.key.map((k) => this.names.indexOf(k));
    this.copyMinRows = o.copyMinRows ?? 64;
    const cols = o.columns.map((c) => ident(c.name)).join(', ');
    this.insertSql = `INSERT INTO ${ident(o.table)} (${cols}) ${unnestSelect(o.columns)} ON CONFLICT (${o.key.map(ident).join(', ')}) DO NOTHING`;
    this.copySql = `COPY ${ident(o.table)} (${cols}) FROM STDIN`;
    this.group = new GroupCommitter<Encoded, void>({ table: o.table, op: 'insert', what: `BatchWriter(${o.table})` }, (calls) => this.writeBatch(calls), o);
  }

  /** Resolves once the batch holding these rows committed; rejects if it failed (a bad value rejects at once). */
  write(rows: Row[]): Promise<void> {
    const lines = new Array<string>(rows.length);
    const keys = new Array<string>(rows.length);
    try {
      for (let r = 0; r < rows.length; r++) [lines[r], keys[r]] = this.encode(rows[r]!);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.group.submit({ lines, keys }, rows.length);
  }

  flush(): Promise<void> {
    return this.group.flush();
  }

  close(): Promise<void> {
    return this.group.close();
  }

  get stats() {
    return this.group.stats;
  }

  /** One row as its COPY line and its key (key values joined by NUL, which Postgres text cannot hold). */
  private encode(row: Row): [string, string] {
    const fields = new Array<string>(this.names.length);
    let key = '';
    for (let i = 0; i < fields.length; i++) {
      const v = this.encoders[i]!(row[this.names[i]!]);
      fields[i] = copyField(v);
      // NULLs are distinct in a unique index: a row with a NULL key part is never a duplicate.
      if (this.keyIdx.includes(i)) key += (key ? '\u0000' : '') + (v ?? `\u0001${this.nullKeys++}`);
    }
    return [fields.join('\t') + '\n', key]; // join gives one flat string; += would leave a rope to flatten later
  }

  private async writeBatch(calls: Call<Encoded, void>[]): Promise<void[]> {
    const lines = this.unique(calls);
    const done = calls.map(() => undefined);
    if (lines.length === 0) return done;
    if (lines.length >= this.copyMinRows) {
      try {
        await this.copy(lines);
        return done;
      } catch (err) {
        if (sqlState(err) !== '23505') throw err;
        // Some key exists already (a retried write): skip those rows instead.
      }
    }
    await this.db.query(this.insertSql, unnestParams(lines.map(parseCopyLine), this.names.length));
    return done;
  }

  /** The batch's rows with each key once (the first occurrence, as ON CONFLICT DO NOTHING would keep). */
  private unique(calls: Call<Encoded, void>[]): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const { payload } of calls) {
      for (let i = 0; i < payload.lines.length; i++) {
        const k = payload.keys[i]!;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(payload.lines[i]!);
      }
    }
    return out;
  }

  private async copy(lines: string[]): Promise<void> {
    const client = await this.db.connect();
    let broken: Error | undefined;
    const copy = client.query(copyStreams.from(this.copySql));
    // A server that ends the connection mid-COPY emits 'error' on the client; without a listener that would
    // crash the process instead of failing this flush. Destroying the COPY stream too makes sure the pipeline
    // settles, whatever state the stream was in when the socket went away.
    const onError = (err: Error) => {
      broken = err;
      copy.destroy(err);
    };
    client.on('error', onError);
    try {
      await pipeline(Readable.from(copyChunks(lines)), copy);
    } catch (err) {
      // A server error leaves the connection usable; anything else (socket, stream) may not.
      if (!sqlState(err)) broken = err as Error;
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}

/** COPY text in ~1 MB chunks, so a large batch is never one giant string. */
function* copyChunks(lines: string[]): Generator<string> {
  let start = 0;
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    size += lines[i]!.length;
    if (size >= COPY_CHUNK_BYTES) {
      yield lines.slice(start, i + 1).join('');
      start = i + 1;
      size = 0;
    }
  }
  if (start < lines.length) yield lines.slice(start).join('');
}
