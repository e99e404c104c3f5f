// Routes the Temporal SDK's own logs into our JSON logger and, for worker processes, serves the SDK's own metrics
// (slots, schedule-to-start and poll latencies...) on a loopback Prometheus port that lib/metrics-server.ts merges
// into the process's /metrics. Must run before the first NativeConnection; the Runtime is installed once per process.
import { createServer } from 'node:net';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { config } from '../lib/config.js';
import { logger } from '../lib/logger.js';

const SDK_LEVEL: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'ERROR', silent: 'ERROR' };
let installed = false;
let sdkMetricsPort: number | undefined;

/**
 * Installs the SDK runtime (idempotent: a second call, e.g. a second in-process worker in tests, changes nothing).
 * With `metricsPort`, the SDK serves Prometheus metrics on 127.0.0.1:<port>. Returns the SDK metrics port, if any.
 */
export function installTemporalRuntime(opts: { metricsPort?: number } = {}): number | undefined {
  if (installed) return sdkMetricsPort;
  installed = true;
  sdkMetricsPort = opts.metricsPort;
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    logger: new DefaultLogger(SDK_LEVEL[config().LOG_LEVEL] ?? 'INFO', ({ level, message, meta }) => {
      const method = level === 'TRACE' ? 'trace' : level === 'DEBUG' ? 'debug' : level === 'INFO' ? 'info' : level === 'WARN' ? 'warn' : 'error';
      const { error, ...rest } = meta ?? {};
      sdkLogger[method](error === undefined ? rest : { ...rest, err: error }, message);
    }),
    ...(sdkMetricsPort === undefined ? {} : { telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } } } }),
  });
  return sdkMetricsPort;
}

/** TEMPORAL_METRICS_PORT, else a free loopback port (the SDK's endpoint is internal: /metrics merges it). */
export async function temporalMetricsPort(): Promise<number> {
  const configured = config().TEMPORAL_METRICS_PORT;
  if (configured !== undefined) return configured;
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
