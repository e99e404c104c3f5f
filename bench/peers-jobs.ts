// The "fast tasks" scenario on two peers a team might pick instead of Temporal, on this machine and a throwaway
// Redis: Celery 5.7 (Redis broker and result backend, acks_late, prefetch 1, prefork pool of 2) and BullMQ. Each
// gets N no-op tasks enqueued back to back, after a warm-up that is not counted; we record the latency of every
// task from its enqueue to its result reaching the client, and the wall time until the last result.
// Each peer's worker runs alone: it is started, measured and stopped before the other's.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents, Worker, type ConnectionOptions } from 'bullmq';
import { z } from 'zod';
import { bin } from '../scripts/stack/paths.js';
import { startScratchStack } from '../scripts/stack/scratch.js';
import { resultRow, type ResultRow } from './report/rows.js';
import { percentile, writeResult } from './stats.js';

const N = process.env.BENCH_QUICK === '1' ? 200 : 1000;
const WARMUP = 20;
const QUEUE = 'peers-jobs';
// BullMQ's concurrency is jobs in flight in one event loop, not processes: a no-op job is all Redis round trips
// (fetch, lock, move to completed), so many in flight keep its one core busy instead of idle between replies, the
// way a team would set it for light I/O-bound jobs. (Celery's 2 are processes, one per core.)
const BULLMQ_CONCURRENCY = 50;
const ADD_WINDOW = 50; // BullMQ adds in flight from the client (see bullmqRun)
const peersDir = fileURLToPath(new URL('./peers/', import.meta.url));
const venvBin = bin.peers;
const tsxBin = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const REDIS_NOTE = 'Redis here runs without persistence (no AOF, no snapshots), so a Redis restart loses queued tasks';
const NOTES = {
  celery:
    'Celery 5.7, Redis broker + result backend, acks_late, prefork ×2: a task of a killed worker is redelivered only ' +
    "after the broker's visibility_timeout (1 h by default); no workflow history; results expire (1 day by default). " +
    REDIS_NOTE,
  bullmq:
    `BullMQ worker in its own Node process, concurrency ${BULLMQ_CONCURRENCY}: jobs live in Redis; a stalled job ` +
    '(dead worker) goes back to the queue once its 30 s lock expires, once (maxStalledCount 1), then fails; ' +
    "a job that throws isn't retried (attempts 1); no step history. " +
    REDIS_NOTE,
};

const clientOutput = z.object({
  wallSeconds: z.number().positive(),
  enqueueSeconds: z.number().positive(), // printed only: shows whether the client, not the peer, set the pace
  latenciesMs: z.array(z.number().nonnegative()),
});
type Run = z.infer<typeof clientOutput>;

const connectionOf = (url: string): ConnectionOptions => ({ host: new URL(url).hostname, port: Number(new URL(url).port) });

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** A worker in its own process group (a prefork pool, tsx's child node), its output in a log we show on failure. */
function spawnWorker(cmd: string, args: string[], o: { cwd: string; env: NodeJS.ProcessEnv; log: string }): ChildProcess {
  const child = spawn(cmd, args, { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(o.log);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

/** SIGTERM to the whole group (a warm shutdown), SIGKILL if it is still there a few seconds later. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // the group is already gone
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    signal('SIGTERM');
    await withTimeout(exited, 5_000, 'worker stop').catch(() => undefined);
  }
  signal('SIGKILL'); // also reaps pool processes a dead parent left behind
}

/** Rejects when the worker exits before the measurement is over, with the end of its log. */
function diesEarly(child: ChildProcess, log: string): Promise<never> {
  const died = once(child, 'exit').then(([code, sig]): never => {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n').slice(-15).join('\n') : '';
    throw new Error(`worker exited early (${sig ?? code}); ${log} ends:\n${tail}`);
  });
  died.catch(() => undefined); // its exit at our own stop, after the race is decided, is no error
  return died;
}

async function measureCelery(redisUrl: string, logDir: string): Promise<Run> {
  const env = { ...process.env, REDIS_URL: redisUrl };
  const log = join(logDir, 'celery-worker.log');
  const args = ['-A', 'celery_app', 'worker', '--pool', 'prefork', '--concurrency', '2', '--loglevel', 'WARNING'];
  const worker = spawnWorker(join(venvBin, 'celery'), args, { cwd: peersDir, env, log });
  try {
    // The client's warm-up doubles as the readiness check: its first task waits in the broker until the worker is up.
    const client = promisify(execFile)(join(venvBin, 'python'), ['celery_app.py', 'load', String(N), String(WARMUP)], {
      cwd: peersDir,
      env,
      timeout: 180_000,
      maxBuffer: 16 << 20,
    });
    const { stdout } = await Promise.race([client, diesEarly(worker, log)]);
    return clientOutput.parse(JSON.parse(stdout));
  } finally {
    await stopGroup(worker);
  }
}

/** The BullMQ worker process: `tsx bench/peers-jobs.ts bullmq-worker`, REDIS_URL in env. */
async function bullmqWorker(): Promise<void> {
  const connection = connectionOf(process.env.REDIS_URL!);
  const worker = new Worker(QUEUE, async (job) => job.data, { connection, concurrency: BULLMQ_CONCURRENCY });
  await worker.waitUntilReady();
  process.once('SIGTERM', () => void worker.close().then(() => process.exit(0)));
  console.log('ready');
}

/**
 * Enqueues n jobs with ADD_WINDOW adds in flight, results arriving on QueueEvents. One awaited add at a time (as
 * Celery's apply_async goes) made our client the bottleneck: the worker sat waiting on it. All n at once would start
 * every job's clock at 0 while it still sits in our own client's buffers; with a window, a job's clock starts when
 * its add is actually issued.
 */
async function bullmqRun(queue: Queue, events: QueueEvents, n: number, offset: number): Promise<Run> {
  const sent = new Map<number, number>();
  const latenciesMs: number[] = [];
  let onCompleted: (args: { returnvalue: unknown }) => void = () => undefined;
  const allDone = new Promise<number>((resolve, reject) => {
    onCompleted = ({ returnvalue }) => {
      const now = performance.now();
      const { i } = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as { i: number };
      const t0 = sent.get(i);
      if (t0 === undefined) return reject(new Error(`job ${i} completed but was never sent in this run`));
      sent.delete(i);
      latenciesMs.push(now - t0);
      if (latenciesMs.length === n) resolve(now);
    };
  });
  events.on('completed', onCompleted);
  try {
    const started = performance.now();
    let next = offset;
    const lane = async () => {
      for (let i = next++; i < offset + n; i = next++) {
        sent.set(i, performance.now());
        await queue.add('noop', { i });
      }
    };
    await Promise.all(Array.from({ length: ADD_WINDOW }, lane));
    const enqueueSeconds = (performance.now() - started) / 1000;
    const last = await withTimeout(allDone, 120_000, 'BullMQ results');
    return { wallSeconds: (last - started) / 1000, enqueueSeconds, latenciesMs };
  } finally {
    events.off('completed', onCompleted);
  }
}

async function measureBullmq(redisUrl: string, logDir: string): Promise<Run> {
  const connection = connectionOf(redisUrl);
  const queue = new Queue(QUEUE, { connection });
  const events = new QueueEvents(QUEUE, { connection });
  const log = join(logDir, 'bullmq-worker.log');
  // A separate process, as a real deployment runs its workers: the worker gets a core of its own instead of
  // sharing this event loop with the enqueueing client and the result listener.
  const env = { ...process.env, REDIS_URL: redisUrl };
  const worker = spawnWorker(tsxBin, [fileURLToPath(import.meta.url), 'bullmq-worker'], { cwd: process.cwd(), env, log });
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    await Promise.race([bullmqRun(queue, events, WARMUP, 0), diesEarly(worker, log)]); // also waits for the worker to be up
    return await Promise.race([bullmqRun(queue, events, N, WARMUP), diesEarly(worker, log)]);
  } finally {
    await stopGroup(worker);
    await Promise.all([queue.close(), events.close()]);
  }
}

function rowsOf(system: keyof typeof NOTES, run: Run): ResultRow[] {
  if (run.latenciesMs.length !== N) throw new Error(`${system}: ${run.latenciesMs.length} latencies for ${N} tasks`);
  const note = `${N} no-op tasks. ${NOTES[system]}`;
  const row = (metric: string, value: number, unit: string) => resultRow.parse({ scenario: 'fast tasks', system, metric, value, unit, note });
  return [row('throughput', N / run.wallSeconds, 'tasks/s'), ...[50, 95, 99].map((p) => row(`latency p${p}`, percentile(run.latenciesMs, p), 'ms'))];
}

function printTable(runs: Record<keyof typeof NOTES, Run>, rows: ResultRow[]): void {
  const value = (system: string, metric: string) => rows.find((r) => r.system === system && r.metric === metric)!.value;
  const lines = [['system', 'tasks/s', 'p50 ms', 'p95 ms', 'p99 ms', 'enqueue s', 'wall s']];
  for (const [s, run] of Object.entries(runs)) {
    const metrics = ['throughput', 'latency p50', 'latency p95', 'latency p99'].map((m) => value(s, m).toFixed(1));
    lines.push([s, ...metrics, run.enqueueSeconds.toFixed(2), run.wallSeconds.toFixed(2)]);
  }
  console.log(`fast tasks, ${N} no-op tasks after ${WARMUP} warm-up (enqueue s: how long the client took to enqueue them all):`);
  for (const l of lines) console.log(l.map((c, i) => (i === 0 ? c.padEnd(8) : c.padStart(10))).join(''));
}

async function main(): Promise<void> {
  const celery = join(venvBin, 'celery');
  if (!existsSync(celery)) {
    throw new Error(`${celery} is missing: run \`npm run bench\`, which provisions the benchmark peers (or \`bash scripts/provision.sh bench\`)`);
  }
  const stack = await startScratchStack('peers-jobs', { redis: true });
  try {
    const { REDIS_URL } = stack.env;
    const runs = { celery: await measureCelery(REDIS_URL, stack.dataDir), bullmq: await measureBullmq(REDIS_URL, stack.dataDir) };
    const rows = [...rowsOf('celery', runs.celery), ...rowsOf('bullmq', runs.bullmq)];
    printTable(runs, rows);
    console.log(`wrote ${writeResult('peers-jobs', { when: new Date().toISOString(), rows })}`);
  } finally {
    await stack.stop();
  }
}

if (process.argv[2] === 'bullmq-worker') await bullmqWorker();
else await main();
