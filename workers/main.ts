// A worker process: chat turns (WORKER_KIND=interactive) or background jobs (WORKER_KIND=jobs: knowledge nodes,
// imports, error-book analyses), on separate task queues so a long import never delays a student's answer.
// SIGINT/SIGTERM stop polling, let in-flight work finish, then flush the batch writers.
import { config } from '../lib/config.js';
import { createPool } from '../lib/db.js';
import { embeddingSpace, similarityThresholds } from '../lib/embeddings/index.js';
import { logger } from '../lib/logger.js';
import { serveMetrics } from '../lib/metrics-server.js';
import { createRedis } from '../lib/redis.js';
import { watchRedisCluster } from '../lib/redis-cluster-metrics.js';
import { connectClient, connectWorker } from '../lib/temporal.js';
import { setupTracing } from '../lib/tracing.js';
import { inspectInput } from '../activities/security/input/guard.js';
import { closeWriters } from '../activities/writers.js';
import type { SandboxDriver } from '../sandbox/types.js';
import { buildWorker } from './build.js';
import { buildActivityDeps } from './deps.js';
import { installTemporalRuntime, temporalMetricsPort } from './runtime.js';
import { ensureMaintenanceSchedule } from './schedules.js';

const SANDBOX_SWEEP_MS = 5 * 60_000;

async function sweepSandbox(sandbox: SandboxDriver): Promise<void> {
  try {
    const removed = await sandbox.sweep?.();
    if (removed) logger.warn({ removed }, 'removed sandbox containers left by dead workers or past their deadline');
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'sandbox sweep failed');
  }
}

async function main(): Promise<void> {
  const c = config();
  const sdkMetricsPort = installTemporalRuntime({ metricsPort: await temporalMetricsPort() });
  const tracing = setupTracing(c.WORKER_KIND === 'jobs' ? 'jobs-worker' : 'worker'); // OTEL_EXPORTER_OTLP_ENDPOINT set, else undefined
  const db = createPool();
  const redis = createRedis('worker');
  watchRedisCluster(redis); // redis_cluster_node_* gauges on /metrics, in cluster mode only
  const deps = buildActivityDeps(c, { db, redis });
  const model = deps.models[0]!;
  const taskQueue = c.WORKER_KIND === 'jobs' ? c.TASK_QUEUE_JOBS : c.TASK_QUEUE_INTERACTIVE;
  const connection = await connectWorker(c.TEMPORAL_ADDRESS);
  const worker = await buildWorker({
    connection,
    namespace: c.TEMPORAL_NAMESPACE,
    taskQueue,
    deps,
    tracing,
    workflowBundle: c.WORKFLOW_BUNDLE_PATH ? { codePath: c.WORKFLOW_BUNDLE_PATH } : undefined,
    maxConcurrentActivities: c.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTasks: c.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    shutdownGraceTime: c.WORKER_SHUTDOWN_GRACE_MS,
    resourceTuner:
      c.WORKER_TUNER === 'resource-based' ? { targetCpuUsage: c.WORKER_TUNER_TARGET_CPU, targetMemoryUsage: c.WORKER_TUNER_TARGET_MEMORY } : undefined,
  });
  if (c.WORKER_KIND === 'jobs') {
    const client = await connectClient();
    await ensureMaintenanceSchedule(client, taskQueue).finally(() => client.connection.close());
  }
  // Load the classifier and the tokenizer's tables now, not inside the first student's turn.
  inspectInput('warm-up', deps.inputGuard);
  // Sandbox containers a killed worker left running: removed before this one takes work, then every few minutes.
  await sweepSandbox(deps.sandbox);
  const sweeps = setInterval(() => void sweepSandbox(deps.sandbox), SANDBOX_SWEEP_MS).unref();
  const metrics = await serveMetrics(c.METRICS_PORT, '0.0.0.0', { sdkMetricsPort });
  logger.info(
    {
      kind: c.WORKER_KIND,
      taskQueue,
      provider: model.provider,
      model: model.model,
      metricsPort: c.METRICS_PORT,
      sdkMetricsPort,
      embedder: embeddingSpace(deps.embedder),
      similarity: similarityThresholds(c, deps.embedder),
    },
    model.provider === 'offline' ? 'worker started with the OFFLINE model provider (no LLM_BASE_URL set)' : 'worker started',
  );
  // Worker.run() installs SIGINT/SIGTERM handlers that drain the worker before it resolves.
  try {
    await worker.run();
  } finally {
    clearInterval(sweeps);
    metrics.close();
    await closeWriters(deps.writers);
    await connection.close();
    await tracing?.shutdown();
    await Promise.allSettled([db.end(), redis.quit()]);
    logger.info('worker stopped');
  }
}

main().catch((err) => {
  logger.fatal({ err: err instanceof Error ? err.message : String(err) }, 'worker failed');
  process.exit(1);
});
