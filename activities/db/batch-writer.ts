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
import { GroupCommitter, Refused, sqlState, type Call, type GroupOptions } from './group-commit.js';
import { checkColumns, copyField, encoders, ident, parseCopyLine, unnestParams, unnestSelect, type Column } from './pg-values.js';

export type { Column } from './pg-values.js';

export interface BatchWriterOptions extends GroupOptions {
  table: string;
  columns: Column[];
  /** The conflict target: a primary key or unique index's columns. */
  key: string[];
  /** Batches of at least this many rows are written with COPY (default 64; Infinity never uses COPY). */
  copyMinRows?: number;
}

const COPY_CHUNK_BYTES = 1 << 20;

export class BatchWriter<Row extends Record<string, unknown>> {
  private readonly names: string[];
  private readonly encoders: ReturnType<typeof encoders>;
  private readonly keyIdx: number[];
  private readonly insertSql: string;
  private readonly copySql: string;
  private readonly copyMinRows: number;
  private readonly group: GroupCommitter<Row[], void>;
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
    this.group = new GroupCommitter<Row[], void>({ table: o.table, op: 'insert', what: `BatchWriter(${o.table})` }, (calls) => this.writeBatch(calls), o);
  }

  /**
   * Resolves once the batch holding these rows committed; rejects if it failed or a value does not fit its
   * column (then none of these rows is written). The rows are read when their batch is written, not before:
   * leave them unchanged until this settles.
   */
  write(rows: Row[]): Promise<void> {
    return this.group.submit(rows, rows.length);
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

  /**
   * One row as its COPY line; its key goes to keys[at] (key values joined by NUL, which Postgres text cannot hold).
   * The key is written into the caller's array rather than returned as a pair: this runs once per row.
   */
  private encode(row: Row, keys: string[], at: number): string {
    const fields = new Array<string>(this.names.length);
    let key = '';
    for (let i = 0; i < fields.length; i++) {
      const v = this.encoders[i]!(row[this.names[i]!]);
      fields[i] = copyField(v);
      // NULLs are distinct in a unique index: a row with a NULL key part is never a duplicate.
      if (this.keyIdx.includes(i)) key += (key ? '\u0000' : '') + (v ?? `\u0001${this.nullKeys++}`);
    }
    keys[at] = key;
    return fields.join('\t') + '\n'; // join gives one flat string; += would leave a rope to flatten later
  }

  private async writeBatch(calls: Call<Row[], void>[]): Promise<(void | Refused)[]> {
    const { chunks, rows, results } = this.encodeBatch(calls);
    if (rows === 0) return results;
    if (rows >= this.copyMinRows) {
      try {
        await this.copy(chunks);
        return results;
      } catch (err) {
        if (sqlState(err) !== '23505') throw err;
        // Some key exists already (a retried write): skip those rows instead.
      }
    }
    const lines = chunks.join('').split('\n');
    lines.pop(); // the text ends with a newline
    await this.db.query(this.insertSql, unnestParams(lines.map(parseCopyLine), this.names.length));
    return results;
  }

  /**
   * The batch as COPY text in ~1 MB chunks, each key once (the first occurrence, as ON CONFLICT DO NOTHING
   * would keep). Rows are encoded here rather than at write() time: the encoded text then lives for one flush
   * instead of waiting in the queue, which the benchmark showed as less garbage-collector work per row.
   * A call with a value its column cannot take is refused alone.
   */
  private encodeBatch(calls: Call<Row[], void>[]): { chunks: string[]; rows: number; results: (void | Refused)[] } {
    const seen = new Set<string>();
    const chunks: string[] = [];
    const results = new Array<void | Refused>(calls.length);
    let pending: string[] = [];
    let size = 0;
    let rows = 0;
    for (let c = 0; c < calls.length; c++) {
      const input = calls[c]!.payload;
      const lines = new Array<string>(input.length);
      const keys = new Array<string>(input.length);
      try {
        for (let r = 0; r < input.length; r++) {
          lines[r] = this.encode(input[r]!, keys, r);
        }
      } catch (err) {
        results[c] = new Refused(err);
        continue;
      }
      for (let r = 0; r < lines.length; r++) {
        if (seen.has(keys[r]!)) continue;
        seen.add(keys[r]!);
        pending.push(lines[r]!);
        size += lines[r]!.length;
        rows++;
      }
      if (size >= COPY_CHUNK_BYTES) {
        chunks.push(pending.join(''));
        pending = [];
        size = 0;
      }
    }
    if (pending.length > 0) chunks.push(pending.join(''));
    return { chunks, rows, results };
  }

  private async copy(chunks: string[]): Promise<void> {
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
      await pipeline(Readable.from(chunks), copy);
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
