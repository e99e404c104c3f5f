// Wires a worker: task queue, concurrency limits, the workflow bundle and the activities with their deps.
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkerOptions, type WorkerTuner } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import { config } from '../lib/config.js';
import { asAppError } from '../lib/errors.js';
import { otelWorkflowInterceptorsPath, type Tracing } from '../lib/tracing.js';
import { activityLogContext } from './activity-logging.js';

/**
 * Activities throw AppError (or a Postgres error a write hit); this turns one into the ApplicationFailure Temporal
 * understands, retryable or not as lib/errors.ts decides, so no activity has to remember to convert its own errors.
 */
const appErrorsToFailures: NonNullable<NonNullable<WorkerOptions['interceptors']>['activity']>[number] = () => ({
  inbound: {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (err) {
        throw asAppError(err)?.toFailure() ?? err;
      }
    },
  },
});

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
const logContextInterceptorsPath = fileURLToPath(new URL('../workflows/log-context.ts', import.meta.url));
/** Workflow interceptor modules: the log context's, and the OTel ones when tracing is on. A prebuilt bundle must include them (a worker cannot add them). */
export const workflowInterceptorModules = (tracing: boolean) => [logContextInterceptorsPath, ...(tracing ? [otelWorkflowInterceptorsPath] : [])];
const tracingConfigured = () => Boolean(config().OTEL_EXPORTER_OTLP_ENDPOINT);

/**
 * Bundles the workflows once into `file`, for several worker processes to load instead of each bundling. With tracing
 * (default: OTEL_EXPORTER_OTLP_ENDPOINT set, as the workers that load it will see it) the OTel workflow interceptors are in.
 */
export async function writeWorkflowBundle(file: string, opts: { tracing?: boolean } = {}): Promise<string> {
  const modules = workflowInterceptorModules(opts.tracing ?? tracingConfigured());
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: modules,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
  });
  await writeFile(file, code);
  return file;
}

export interface BuildWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  maxConcurrentActivities?: number;
  maxConcurrentWorkflowTasks?: number;
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
  /** The SDK's resource-based tuner with these targets (0-1); the two maxima above become its maximum slots. */
  resourceTuner?: { targetCpuUsage: number; targetMemoryUsage: number };
  /** A prebuilt bundle (tests build it once and share it between workers). */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** OpenTelemetry (lib/tracing.ts): activity spans and the sink the workflow interceptors export their spans to. */
  tracing?: Pick<Tracing, 'spanProcessor' | 'resource' | 'tracer'>;
}

/** The sink the OTel workflow interceptors export spans to; a no-op without tracing (a bundle built with them still runs). */
function tracingSinks(tracing: BuildWorkerOptions['tracing']): WorkerOptions['sinks'] {
  if (tracing) return { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) };
  return { exporter: { export: { fn: () => undefined, callDuringReplay: false } } };
}

function activityInterceptors(tracing: BuildWorkerOptions['tracing']): NonNullable<NonNullable<WorkerOptions['interceptors']>['activity']> {
  const otel: NonNullable<NonNullable<WorkerOptions['interceptors']>['activity']>[number] = (ctx) => ({
    inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer: tracing?.tracer }),
    outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
  });
  // Outermost first: the trace span, then the log context, then our error conversion around the activity itself.
  return [...(tracing ? [otel] : []), activityLogContext, appErrorsToFailures];
}

/** Fixed slot counts, or the resource tuner bounded by them: the SDK refuses a tuner together with fixed counts. */
export function slotOptions(o: Pick<BuildWorkerOptions, 'maxConcurrentActivities' | 'maxConcurrentWorkflowTasks' | 'resourceTuner'>) {
  if (!o.resourceTuner)
    return { maxConcurrentActivityTaskExecutions: o.maxConcurrentActivities, maxConcurrentWorkflowTaskExecutions: o.maxConcurrentWorkflowTasks };
  const slots = (minimumSlots: number, maximumSlots: number | undefined) => ({ minimumSlots, ...(maximumSlots ? { maximumSlots } : {}) });
  const tuner: WorkerTuner = {
    tunerOptions: o.resourceTuner,
    activityTaskSlotOptions: slots(1, o.maxConcurrentActivities),
    localActivityTaskSlotOptions: slots(1, o.maxConcurrentActivities),
    workflowTaskSlotOptions: slots(2, o.maxConcurrentWorkflowTasks),
  };
  return { tuner };
}

export function buildWorker(o: BuildWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath }),
    activities: createActivities(o.deps),
    ...slotOptions(o),
    shutdownGraceTime: o.shutdownGraceTime ?? '30s',
    interceptors: {
      activity: activityInterceptors(o.tracing),
      ...(o.workflowBundle ? {} : { workflowModules: workflowInterceptorModules(Boolean(o.tracing)) }),
    },
    sinks: tracingSinks(o.tracing),
    // Heartbeats carry checkpoints (an import's next line): send them at least every 2 s, not only every
    // 0.8 x heartbeatTimeout, so a worker that dies leaves little work to redo.
    maxHeartbeatThrottleInterval: '2s',
  });
}
