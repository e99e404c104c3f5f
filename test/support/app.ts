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
  /** Replaces the gateway with a new one on the same port; `crash` kills it (SIGKILL) instead of letting it drain. */
  restartGateway(opts?: { crash?: boolean }): Promise<Managed>;
  worker?: Managed;
  /** The first live jobs worker. */
  jobsWorker?: Managed;
  jobsWorkers: Managed[];
  /** Replaces the chat worker with a new process on the same task queue (and metrics port). */
  restartWorker(): Promise<Managed>;
  /** Starts one more chat worker on the same task queue (the first one keeps running, or stays paused). */
  startChatWorker(): Promise<Managed>;
  /** The metrics port of a worker this app started. */
  metricsPortOf(worker: Managed): number;
  /** Kills a jobs worker (the one with this pid, else the first) with SIGKILL: no draining, like a crashed machine. */
  killJobsWorker(pid?: number): Managed;
  /** Starts one more jobs worker on the same task queue. */
  startJobsWorker(): Promise<Managed>;
  stop(): Promise<void>;
}

export async function startApp(opts: { env?: Record<string, string>; worker?: boolean; jobs?: boolean | number } = {}): Promise<App> {
  const port = await freePort();
  const taskQueue = uniqueId('e2e');
  const logDir = process.env.SPARKLE_TEST_DATA_DIR ?? root;
  const metricsPort = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    TASK_QUEUE_INTERACTIVE: taskQueue,
    TASK_QUEUE_JOBS: `${taskQueue}-jobs`,
    ...opts.env,
  };
  const logFile = (what: string) => join(logDir, `${taskQueue}-${what}.log`);
  const ports = new Map<Managed, number>();
  const spawnWorker = async (kind: WorkerKind, port?: number) => {
    const metrics = port ?? (await freePort());
    const name = `${kind}-worker-${ports.size + 1}`;
    const proc = startProcess(name, process.execPath, node('workers/main.ts'), {
      cwd: root,
      // The SDK's internal endpoint too: a port the worker picked for itself could be the one freePort hands the
      // next process a moment later.
      env: { ...env, WORKER_KIND: kind, METRICS_PORT: String(metrics), TEMPORAL_METRICS_PORT: String(await freePort()) },
      logFile: logFile(name),
    });
    ports.set(proc, metrics);
    return proc;
  };
  // A worker serves /metrics once its bundle is built and it polls.
  const waitWorker = (proc: Managed) => waitUntil(proc.name, () => portOpen(ports.get(proc)!), { timeoutMs: 60_000, proc, logFile: logFile(proc.name) });

  let worker = opts.worker === false ? undefined : await spawnWorker('interactive', metricsPort);
  const jobsWorkers: Managed[] = [];
  for (let i = 0; i < Number(opts.jobs ?? 0); i++) jobsWorkers.push(await spawnWorker('jobs'));
  const spawnGateway = () => startProcess('gateway', process.execPath, node('gateway/main.ts'), { cwd: root, env, logFile: logFile('gateway') });
  let gateway = spawnGateway();
  const url = `http://127.0.0.1:${port}`;
  const waitGateway = () =>
    waitUntil('gateway', async () => (await fetch(`${url}/healthz`)).ok, { timeoutMs: 60_000, proc: gateway, logFile: logFile('gateway') });
  const chatWorkers: Managed[] = [];
  const stop = async () => {
    await Promise.all([gateway.stop(), worker?.stop(), ...jobsWorkers.map((w) => w.stop()), ...chatWorkers.map((w) => w.stop())]);
  };
  try {
    await waitGateway();
    if (worker) await waitWorker(worker);
    for (const w of jobsWorkers) await waitWorker(w);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    metricsPort,
    get jobsMetricsPort() {
      return ports.get(jobsWorkers[0]!)!;
    },
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    taskQueue,
    get gateway() {
      return gateway;
    },
    async restartGateway({ crash = false } = {}) {
      if (crash) gateway.child.kill('SIGKILL');
      await gateway.stop(); // after a SIGKILL: waits for the exit
      gateway = spawnGateway();
      await waitGateway();
      return gateway;
    },
    get worker() {
      return worker;
    },
    get jobsWorker() {
      return jobsWorkers[0];
    },
    jobsWorkers,
    async restartWorker() {
      await worker?.stop();
      worker = await spawnWorker('interactive', metricsPort);
      await waitWorker(worker);
      return worker;
    },
    async startChatWorker() {
      const w = await spawnWorker('interactive');
      chatWorkers.push(w);
      await waitWorker(w);
      return w;
    },
    metricsPortOf: (w: Managed) => ports.get(w)!,
    killJobsWorker(pid?: number) {
      const i = Math.max(
        0,
        jobsWorkers.findIndex((w) => w.child.pid === pid),
      );
      const [victim] = jobsWorkers.splice(i, 1);
      if (!victim) throw new Error('no jobs worker to kill');
      victim.child.kill('SIGKILL');
      return victim;
    },
    async startJobsWorker() {
      const w = await spawnWorker('jobs');
      jobsWorkers.push(w);
      await waitWorker(w);
      return w;
    },
    stop,
  };
}
