// A throwaway stack for the benchmarks and `npm run record-histories`: native Postgres (and Temporal and Redis when
// asked for) on free ports in a temporary directory, migrated, with the addresses in process.env so the app's
// processes started afterwards find them.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack } from './index.js';
import { freePort } from './process.js';

export interface ScratchStack {
  env: Stack['env'];
  dataDir: string;
  stop(): Promise<void>;
}

export async function startScratchStack(name: string, want: { temporal?: boolean; redis?: boolean } = {}): Promise<ScratchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `sparkle-${name}-`));
  chmodSync(dataDir, 0o755); // as root, Postgres runs as the 'postgres' user and must reach its data directory
  const stack = await startStack({
    dataDir,
    temporal: want.temporal ? { port: await freePort() } : undefined,
    redis: want.redis ? { port: await freePort(), persist: false } : undefined,
    postgres: { kind: 'native', port: await freePort() },
  });
  Object.assign(process.env, stack.env, { LOG_LEVEL: 'warn', SPARKLE_TEST_DATA_DIR: dataDir });
  const { migrate } = await import('../../lib/migrate.js');
  await migrate(stack.env.DATABASE_URL);
  return {
    env: stack.env,
    dataDir,
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
