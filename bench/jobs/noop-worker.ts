// The no-op ceiling's worker, a process of its own like the engine's jobs worker, with the same slot counts, so the
// two differ only in what their workflows do. `TASK_QUEUE=… node --import tsx bench/jobs/noop-worker.ts`.
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { config } from '../../lib/config.js';
import { connectWorker } from '../../lib/temporal.js';

const activities = { noop: async (n: number) => n };
export type NoopActivities = typeof activities;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const c = config();
  const connection = await connectWorker(c.TEMPORAL_ADDRESS);
  const worker = await Worker.create({
    connection,
    namespace: c.TEMPORAL_NAMESPACE,
    taskQueue: process.env.TASK_QUEUE!,
    workflowsPath: fileURLToPath(new URL('./noop-workflow.ts', import.meta.url)),
    activities,
    maxConcurrentActivityTaskExecutions: c.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: c.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
  });
  process.on('SIGTERM', () => worker.shutdown());
  console.log('ready'); // the bench waits for this line
  await worker.run();
  await connection.close();
}
