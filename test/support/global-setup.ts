// Starts the real services once for the whole run, on free ports in a throwaway directory:
// the Temporal dev server, native Postgres with pgvector, and Redis. Tests read their addresses from the env.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../../scripts/stack/index.js';
import { freePort } from './ports.js';

export default async function setup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sparkle-test-'));
  chmodSync(dataDir, 0o755); // as root, Postgres runs as the 'postgres' user and must reach its data directory
  const [temporal, temporalMetrics, redis, postgres] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const stack = await startStack({
    dataDir,
    temporal: { port: temporal, metricsPort: temporalMetrics },
    redis: { port: redis, persist: false },
    postgres: { kind: 'native', port: postgres },
  });
  Object.assign(process.env, stack.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    JWT_SECRET: 'test-only-jwt-secret-0123456789abcdef',
    SPARKLE_TEST_DATA_DIR: dataDir,
    // The Temporal server's /metrics (test/integration/prometheus-live.test.ts scrapes it). Not TEMPORAL_METRICS_PORT:
    // that one is the workers' SDK endpoint (lib/config.ts), and every worker process inherits this env.
    TEMPORAL_SERVER_METRICS_PORT: String(temporalMetrics),
  });
  const { migrate } = await import('../../lib/migrate.js');
  const { writeWorkflowBundle } = await import('../../workers/build.js');
  // Every worker process the tests start loads this one bundle instead of building its own.
  const [bundle] = await Promise.all([writeWorkflowBundle(join(dataDir, 'workflow-bundle.js')), migrate(stack.env.DATABASE_URL)]);
  process.env.WORKFLOW_BUNDLE_PATH = bundle;
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
