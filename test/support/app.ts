// The gateway and the workers as real child processes (the way `npm run dev` runs them), on free ports.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { portOpen, startProcess, waitUntil, type Managed } from '../../scripts/stack/process.js';
import { freePort } from './ports.js';
import { uniqueId } from './services.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Node with the tsx loader, not the tsx CLI: the CLI runs the script in a child process, and a SIGKILL of the
// CLI would leave that child running (a crash test must kill the process that does the work).
const node = (script: string) => ['--import', 'tsx', join(root, script)];

type WorkerKind = 'interactive' | 'jobs';

export interface App {
  url: string;
  metricsPort: number;
  jobsMetricsPort: number;
  wsUrl: string;
  taskQueue: string;
  gateway: Managed;
  worker?: Managed;
  jobsWorker?: Managed;
  /** Replaces the chat worker with a new process on the same task queue (and metrics port). */
  restartWorker(): Promise<Managed>;
  /** Kills the jobs worker with SIGKILL (no draining, like a crashed machine). */
  killJobsWorker(): void;
  /** Starts a new jobs worker on the same task queue. */
  startJobsWorker(): Promise<Managed>;
  stop(): Promise<void>;
}

export async function startApp(opts: { env?: Record<string, string>; worker?: boolean; jobs?: boolean } = {}): Promise<App> {
  const port = await freePort();
  const taskQueue = uniqueId('e2e');
  const logDir = process.env.SPARKLE_TEST_DATA_DIR ?? root;
  const metricsPorts: Record<WorkerKind, number> = { interactive: await freePort(), jobs: await freePort() };
  const env = {
    ...process.env, PORT: String(port), TASK_QUEUE_INTERACTIVE: taskQueue, TASK_QUEUE_JOBS: `${taskQueue}-jobs`, ...opts.env,
  };
  const logFile = (what: string) => join(logDir, `${taskQueue}-${what}.log`);
  const spawnWorker = (kind: WorkerKind) =>
    startProcess(`${kind}-worker`, process.execPath, node('workers/main.ts'), {
      cwd: root,
      env: { ...env, WORKER_KIND: kind, METRICS_PORT: String(metricsPorts[kind]) },
      logFile: logFile(`${kind}-worker`),
    });
  // A worker serves /metrics once its bundle is built and it polls.
  const waitWorker = (kind: WorkerKind, proc: Managed) =>
    waitUntil(`${kind} worker`, () => portOpen(metricsPorts[kind]), { timeoutMs: 60_000, proc, logFile: logFile(`${kind}-worker`) });

  let worker = opts.worker === false ? undefined : spawnWorker('interactive');
  let jobsWorker = opts.jobs ? spawnWorker('jobs') : undefined;
  const gateway = startProcess('gateway', process.execPath, node('gateway/main.ts'), { cwd: root, env, logFile: logFile('gateway') });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await Promise.all([gateway.stop(), worker?.stop(), jobsWorker?.stop()]);
  };
  try {
    await waitUntil('gateway', async () => (await fetch(`${url}/healthz`)).ok, { timeoutMs: 60_000, proc: gateway, logFile: logFile('gateway') });
    if (worker) await waitWorker('interactive', worker);
    if (jobsWorker) await waitWorker('jobs', jobsWorker);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    metricsPort: metricsPorts.interactive,
    jobsMetricsPort: metricsPorts.jobs,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    taskQueue,
    gateway,
    get worker() {
      return worker;
    },
    get jobsWorker() {
      return jobsWorker;
    },
    async restartWorker() {
      await worker?.stop();
      worker = spawnWorker('interactive');
      await waitWorker('interactive', worker);
      return worker;
    },
    killJobsWorker() {
      jobsWorker?.child.kill('SIGKILL');
    },
    async startJobsWorker() {
      await jobsWorker?.stop();
      jobsWorker = spawnWorker('jobs');
      await waitWorker('jobs', jobsWorker);
      return jobsWorker;
    },
    stop,
  };
}
