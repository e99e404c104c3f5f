// Group commit: rows from many concurrent callers are queued and written together, one statement (one
// transaction, one WAL flush) per batch. Shared by BatchWriter and BatchUpdateWriter, which only say how to
// write one batch. A caller's rows are never split across batches, so they commit or fail together.
import { isDataRejected } from '../../lib/errors.js';
import { batchWriterBatchRows, batchWriterFlushSeconds, batchWriterFlushesTotal, batchWriterRowsTotal } from '../../lib/metrics.js';

export interface GroupOptions {
  /** Most rows in one flush. A single call larger than this is written alone, unsplit. */
  maxRows?: number;
  /** Rows queued beside a running flush wait at most this long before another flush may start (if a slot is free). */
  maxDelayMs?: number;
  /** Flushes running at once (each holds one pooled connection). */
  maxConcurrentFlushes?: number;
}

// When a flush starts (measured with bench/writers.ts on 2 cores; figures in bench/results/writers.json):
// - nothing in flight: at once (on the next turn of the event loop, so callers of the same tick share it). One
//   row at low load pays one round trip and one commit: 0.5-0.7 ms p50 on a quiet machine.
// - beside a running flush: when FULL_BATCH_ROWS are queued (such a batch already amortises its statement and
//   commit; waiting for more buys little) or the oldest row has waited maxDelayMs. Rows arriving while a flush
//   runs thus form the next batch: batches grow with load.
// - a large queue is spread over the free slots, so both backends (cores) work at once. Under closed-loop load
//   (callers wait for their write before the next one) everything queued would otherwise go into one flush
//   and leave the second connection idle.
// - three flushes at once: with two, a backend waiting for its commit's WAL flush leaves a core idle; a third
//   fills that wait. Each flush holds a pooled connection (DATABASE_POOL_MAX is shared by every writer of a worker).
// Medians of 5 runs, rows/s on messages, small callers / bulk callers (BENCH_WRITERS_TUNE=1, one run, 2 cores):
// defaults (3 flushes) 121k / 124k; 2 flushes 114k / 116k; 1 flush 69k / 81k; maxRows 1000: 102k / 122k,
// 20000: 118k / 119k; COPY never (unnest only): 75k / 87k; maxDelayMs 0: 122k / 122k, 20: 119k / 124k.
// Re-checked after encoding moved to flush time (7 runs, one process): defaults 140k / 138k; 2 flushes
// 129k / 127k; FULL_BATCH_ROWS 1000: 130k / 132k, 2000: 107k / 84k; another run: defaults 139k / 138k,
// 4 flushes 127k / 133k, 5 flushes 129k / 122k. Bigger transactions would cost Postgres
// less per row (raw COPY: 500-row transactions ~0.8x one long one), but under closed-loop load they leave
// backends idle.
export const GROUP_DEFAULTS = { maxRows: 5000, maxDelayMs: 5, maxConcurrentFlushes: 3 } as const;
const FULL_BATCH_ROWS = 500;

export interface Call<P, R> {
  /** The caller's rows, in whatever form the writer keeps them. */
  payload: P;
  count: number;
  enqueuedAt: number;
  resolve(result: R): void;
  reject(err: unknown): void;
  /** The caller's promise; flush() waits on it (kept rather than a derived "settled" promise per call: calls are hot). */
  result: Promise<R>;
}

const ignore = (): void => undefined;

/** A flush's answer for a call it refused before writing anything (a value its column cannot take): that call alone fails. */
export class Refused {
  constructor(readonly error: unknown) {}
}

/** Writes one batch; answers one result (or Refused) per call, in order. */
export type FlushFn<P, R> = (calls: Call<P, R>[]) => Promise<(R | Refused)[]>;

/** The SQLSTATE of a server error, if it is one. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Deadlock or serialization failure: nothing was written, the same batch may simply run again. */
function isTransient(err: unknown): boolean {
  const s = sqlState(err);
  return s === '40P01' || s === '40001';
}

const TRANSIENT_ATTEMPTS = 3;

export class GroupCommitter<P, R> {
  private readonly maxRows: number;
  private readonly maxDelayMs: number;
  private readonly maxConcurrent: number;
  /** A batch this large already amortises the statement and the commit: worth a flush beside a running one. */
  private readonly fullRows: number;
  private queue: Call<P, R>[] = [];
  private queuedRows = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  /** Calls at the head of the queue that flush() or close() wants written without waiting. */
  private forced = 0;
  private closed = false;
  private flushCount = 0;
  private rowCount = 0;

  constructor(
    private readonly label: { table: string; op: 'insert' | 'update'; what: string },
    private readonly write: FlushFn<P, R>,
    o: GroupOptions = {},
  ) {
    this.maxRows = o.maxRows ?? GROUP_DEFAULTS.maxRows;
    this.maxDelayMs = o.maxDelayMs ?? GROUP_DEFAULTS.maxDelayMs;
    this.maxConcurrent = o.maxConcurrentFlushes ?? GROUP_DEFAULTS.maxConcurrentFlushes;
    this.fullRows = Math.min(this.maxRows, FULL_BATCH_ROWS);
    if (!(this.maxRows >= 1 && this.maxDelayMs >= 0 && this.maxConcurrent >= 1)) throw new Error(`${label.what}: bad options`);
  }

  /** Flushes attempted and rows committed by this instance (for tests and diagnostics). */
  get stats(): { flushes: number; rows: number; queuedRows: number; inFlight: number } {
    return { flushes: this.flushCount, rows: this.rowCount, queuedRows: this.queuedRows, inFlight: this.inFlight.size };
  }

  /** Queues one caller's encoded rows; resolves with this call's result once its batch committed. */
  submit(payload: P, count: number): Promise<R> {
    if (this.closed) return Promise.reject(new Error(`${this.label.what} is closed; no more writes are accepted`));
    let resolve!: (r: R) => void;
    let reject!: (e: unknown) => void;
    const result = new Promise<R>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const call: Call<P, R> = { payload, count, enqueuedAt: performance.now(), resolve, reject, result };
    this.queue.push(call);
    this.queuedRows += count;
    this.soon();
    return result;
  }

  /** Writes everything queued now and waits until it and every running flush have settled (failures go to their callers). */
  async flush(): Promise<void> {
    const waits = [...this.queue.map((c) => c.result.then(ignore, ignore)), ...this.inFlight];
    this.forced = this.queue.length;
    this.pump();
    await Promise.all(waits);
  }

  /** Flushes what is queued, then refuses new writes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  /** Pumps on the next turn of the event loop, so callers of the same tick share a batch. */
  private soon(): void {
    if (this.immediate) return;
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.queue.length > 0 && this.inFlight.size < this.maxConcurrent) {
      const due = performance.now() - this.queue[0]!.enqueuedAt >= this.maxDelayMs;
      if (!(this.inFlight.size === 0 || this.queuedRows >= this.fullRows || due || this.forced > 0)) break;
      // Spread a large queue over the free slots, so each backend (core) gets a share at once.
      const free = this.maxConcurrent - this.inFlight.size;
      this.start(this.take(Math.min(this.maxRows, Math.max(this.fullRows, Math.ceil(this.queuedRows / free)))));
    }
    // Rows left waiting beside a running flush: let them start their own once they are due, if a slot frees.
    if (this.queue.length > 0 && this.inFlight.size < this.maxConcurrent) {
      const wait = Math.max(0, this.maxDelayMs - (performance.now() - this.queue[0]!.enqueuedAt));
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      this.timer.unref?.();
    }
  }

  /** Whole calls from the head of the queue, up to `limit` rows (at least one call). */
  private take(limit: number): Call<P, R>[] {
    let n = 0;
    let i = 0;
    while (i < this.queue.length && (i === 0 || n + this.queue[i]!.count <= limit)) n += this.queue[i++]!.count;
    const batch = this.queue.slice(0, i);
    this.queue = this.queue.slice(i);
    this.queuedRows -= n;
    this.forced = Math.max(0, this.forced - i);
    return batch;
  }

  private start(calls: Call<P, R>[]): void {
    const p: Promise<void> = this.run(calls).finally(() => {
      this.inFlight.delete(p);
      this.pump();
    });
    this.inFlight.add(p);
  }

  private async run(calls: Call<P, R>[]): Promise<void> {
    const { table, op } = this.label;
    const rows = calls.reduce((n, c) => n + c.count, 0);
    this.flushCount++;
    batchWriterBatchRows.observe({ table, op }, rows);
    const t0 = performance.now();
    try {
      this.settle(calls, await this.attempt(calls));
      batchWriterFlushesTotal.inc({ table, op, outcome: 'ok' });
    } catch (err) {
      if (calls.length > 1 && isDataRejected(err)) {
        // One caller's bad row must not fail the others: write each caller's rows on its own.
        batchWriterFlushesTotal.inc({ table, op, outcome: 'split' });
        for (const c of calls) {
          try {
            this.settle([c], await this.attempt([c]));
          } catch (e) {
            batchWriterFlushesTotal.inc({ table, op, outcome: 'error' });
            c.reject(e);
          }
        }
      } else {
        batchWriterFlushesTotal.inc({ table, op, outcome: 'error' });
        for (const c of calls) c.reject(err);
      }
    } finally {
      batchWriterFlushSeconds.observe({ table, op }, (performance.now() - t0) / 1000);
    }
  }

  /** Resolves the written calls, rejects the refused ones, and counts the rows written. */
  private settle(calls: Call<P, R>[], results: (R | Refused)[]): void {
    let written = 0;
    calls.forEach((c, i) => {
      const r = results[i];
      if (r instanceof Refused) return c.reject(r.error);
      written += c.count;
      c.resolve(r as R);
    });
    this.rowCount += written;
    batchWriterRowsTotal.inc({ table: this.label.table, op: this.label.op }, written);
  }

  private async attempt(calls: Call<P, R>[]): Promise<(R | Refused)[]> {
    for (let i = 1; ; i++) {
      try {
        return await this.write(calls);
      } catch (err) {
        if (!isTransient(err) || i >= TRANSIENT_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 10));
      }
    }
  }
}
