// The gateway and a worker as real child processes (the way `npm run dev` runs them), on free ports.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { portOpen, startProcess, waitUntil, type Managed } from '../../scripts/stack/process.js';
import { freePort } from './ports.js';
import { uniqueId } from './services.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');

export interface App {
  url: string;
  metricsPort: number;
  wsUrl: string;
  taskQueue: string;
  gateway: Managed;
  worker?: Managed;
  /** Replaces the worker with a new process on the same task queue (and metrics port). */
  restartWorker(): Promise<Managed>;
  stop(): Promise<void>;
}

export async function startApp(opts: { env?: Record<string, string>; worker?: boolean } = {}): Promise<App> {
  const port = await freePort();
  const taskQueue = uniqueId('e2e');
  const logDir = process.env.SPARKLE_TEST_DATA_DIR ?? root;
  const metricsPort = await freePort();
  const env = { ...process.env, PORT: String(port), METRICS_PORT: String(metricsPort), TASK_QUEUE_INTERACTIVE: taskQueue, ...opts.env };
  const spawnWorker = () => startProcess('worker', tsx, [join(root, 'workers', 'main.ts')], { env, logFile: join(logDir, `${taskQueue}-worker.log`) });
  let worker = opts.worker === false ? undefined : spawnWorker();
  const gateway = startProcess('gateway', tsx, [join(root, 'gateway', 'main.ts')], { env, logFile: join(logDir, `${taskQueue}-gateway.log`) });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await Promise.all([gateway.stop(), worker?.stop()]);
  };
  try {
    await waitUntil('gateway', async () => (await fetch(`${url}/healthz`)).ok, { timeoutMs: 60_000, proc: gateway, logFile: join(logDir, `${taskQueue}-gateway.log`) });
    // The worker serves /metrics once its bundle is built and it polls.
    if (worker) await waitUntil('worker', () => portOpen(metricsPort), { timeoutMs: 60_000, proc: worker, logFile: join(logDir, `${taskQueue}-worker.log`) });
  } catch (err) {
    await stop();
    throw err;
  }
  const restartWorker = async () => {
    await worker?.stop();
    const next = spawnWorker();
    worker = next;
    await waitUntil('worker', () => portOpen(metricsPort), { timeoutMs: 60_000, proc: next, logFile: join(logDir, `${taskQueue}-worker.log`) });
    return next;
  };
  return { url, metricsPort, wsUrl: `ws://127.0.0.1:${port}/ws`, taskQueue, gateway, worker, restartWorker, stop };
}
