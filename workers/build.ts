// Wires a worker: task queue, concurrency limits, the workflow bundle and the activities with their deps.
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkerOptions, type WorkerTuner } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import { AppError } from '../lib/errors.js';

/**
 * Activities throw AppError; this turns one into the ApplicationFailure Temporal understands, retryable or not
 * as lib/errors.ts decides, so no activity has to remember to convert its own errors.
 */
const appErrorsToFailures: NonNullable<NonNullable<WorkerOptions['interceptors']>['activity']>[number] = () => ({
  inbound: {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (err) {
        throw err instanceof AppError ? err.toFailure() : err;
      }
    },
  },
});

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles the workflows once into `file`, for several worker processes to load instead of each bundling. */
export async function writeWorkflowBundle(file: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } });
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
}

/** Fixed slot counts, or the resource tuner bounded by them: the SDK refuses a tuner together with fixed counts. */
export function slotOptions(o: Pick<BuildWorkerOptions, 'maxConcurrentActivities' | 'maxConcurrentWorkflowTasks' | 'resourceTuner'>) {
  if (!o.resourceTuner) return { maxConcurrentActivityTaskExecutions: o.maxConcurrentActivities, maxConcurrentWorkflowTaskExecutions: o.maxConcurrentWorkflowTasks };
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
    interceptors: { activity: [appErrorsToFailures] },
    // Heartbeats carry checkpoints (an import's next line): send them at least every 2 s, not only every
    // 0.8 x heartbeatTimeout, so a worker that dies leaves little work to redo.
    maxHeartbeatThrottleInterval: '2s',
  });
}
