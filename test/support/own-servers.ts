// A Redis or a Postgres of a test file's own, for tests that stop and restart one mid-scenario (the rest of the
// suite keeps the shared servers). Each is started before the file's tests and stopped after them.
import { chmodSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createPool, type Db } from '../../lib/db.js';
import { migrate } from '../../lib/migrate.js';
import { createRedis, type RedisClient } from '../../lib/redis.js';
import { startPostgres, startRedis } from '../../scripts/stack/components.js';
import type { Managed } from '../../scripts/stack/process.js';
import { freePort } from './ports.js';

function scratchDir(name: string): string {
  const dir = mkdtempSync(join(process.env.SPARKLE_TEST_DATA_DIR!, `${name}-`));
  chmodSync(dir, 0o755); // as root, Postgres runs as the 'postgres' user and must reach its data directory
  return dir;
}

export interface OwnRedis {
  url: string;
  /** A client of this server (it reconnects after a restart). */
  client: RedisClient;
  /** SIGTERM: an append-only Redis writes its file and exits, so a restart keeps its keys. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export function ownRedis(name: string): OwnRedis {
  const dir = scratchDir(name);
  const server = { port: 0, dir: join(dir, 'redis'), logDir: dir, persist: true };
  let proc: Managed | undefined;
  const own = {
    url: '',
    client: undefined as unknown as RedisClient,
    stop: async () => {
      await proc?.stop();
      proc = undefined;
    },
    start: async () => {
      proc = await startRedis(server);
    },
  };
  beforeAll(async () => {
    server.port = await freePort();
    await own.start();
    own.url = `redis://127.0.0.1:${server.port}`;
    own.client = createRedis('test', own.url);
  });
  afterAll(async () => {
    own.client?.disconnect();
    await own.stop();
  });
  return own;
}

export interface OwnPostgres {
  url: string;
  /** A small pool on this server, migrated. */
  db: Db;
  /** Fast shutdown (SIGINT): open connections are cut, in-flight transactions roll back. */
  kill(): Promise<void>;
  start(): Promise<void>;
}

export function ownPostgres(name: string): OwnPostgres {
  const dir = scratchDir(name);
  const server = { port: 0, dataDir: join(dir, 'postgres'), logDir: dir };
  let proc: Managed | undefined;
  const own = {
    url: '',
    db: undefined as unknown as Db,
    kill: async () => {
      const p = proc!;
      proc = undefined;
      p.child.kill('SIGINT');
      if (p.child.exitCode === null && p.child.signalCode === null) await new Promise((r) => p.child.once('exit', r));
    },
    start: async () => {
      proc = await startPostgres(server);
    },
  };
  beforeAll(async () => {
    server.port = await freePort();
    await own.start();
    own.url = `postgres://postgres@127.0.0.1:${server.port}/postgres`;
    await migrate(own.url);
    own.db = createPool(own.url, 2);
  });
  afterAll(async () => {
    await own.db?.end();
    await proc?.stop();
  });
  return own;
}
