// Wires a worker: task queue, concurrency limits, the workflow bundle and the activities with their deps.
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.js';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface BuildWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  maxConcurrentActivities?: number;
  maxConcurrentWorkflowTasks?: number;
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
  /** A prebuilt bundle (tests build it once and share it between workers). */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function buildWorker(o: BuildWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath }),
    activities: createActivities(o.deps),
    maxConcurrentActivityTaskExecutions: o.maxConcurrentActivities,
    maxConcurrentWorkflowTaskExecutions: o.maxConcurrentWorkflowTasks,
    shutdownGraceTime: o.shutdownGraceTime ?? '30s',
  });
}
