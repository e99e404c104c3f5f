// Memory per cached workflow and the SDK's CPU per workflow task, measured (--probe-workflows N): a real worker in
// this process, on a throwaway task queue, keeps N conversation-retention workflows parked on their timers in its
// sticky cache; the RSS growth divided by N is what each cached workflow costs, and the CPU spent getting them
// there (less the client's own, measured on a queue nobody polls) is one workflow task each. The probes are
// terminated at the end, and time out on their own after 15 minutes should this command die first.
import { Worker } from '@temporalio/worker';
import { connectClient, connectWorker } from '../../lib/temporal.js';
import { workflowsPath } from '../../workers/build.js';
import { installTemporalRuntime } from '../../workers/runtime.js';

export interface WorkflowProbe {
  workflows: number;
  /** RSS of this process with a polling worker and one cached workflow: what a worker needs before any load. */
  baselineRssBytes: number;
  bytesPerWorkflow: number;
  /** The SDK's CPU per workflow task (poll, activation in the workflow thread, completion), client calls taken out. */
  cpuMsPerWorkflowTask: number;
  seconds: number;
}

const rss = () => process.memoryUsage().rss;

export async function probeWorkflowMemory(opts: { address: string; namespace: string; n: number; bundlePath?: string }): Promise<WorkflowProbe> {
  const started = performance.now();
  installTemporalRuntime();
  const connection = await connectWorker(opts.address);
  const client = await connectClient(opts.address, opts.namespace);
  const taskQueue = `tune-probe-${process.pid}-${Date.now().toString(36)}`;
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue,
    ...(opts.bundlePath ? { workflowBundle: { codePath: opts.bundlePath } } : { workflowsPath }),
    activities: {},
    maxCachedWorkflows: opts.n + 20,
  });
  const running = worker.run();
  const ids: string[] = [];
  const start = (i: number, queue = taskQueue) => {
    const workflowId = `${queue}:${i}`;
    ids.push(workflowId);
    return client.workflow.start('conversationRetentionWorkflow', {
      taskQueue: queue,
      workflowId,
      args: [{ userId: 'tune-probe', conversationId: `probe-${i}`, idleMs: 24 * 3_600_000 }],
      workflowExecutionTimeout: '15m',
    });
  };
  const startAll = async (from: number, n: number, queue?: string) => {
    for (let i = from; i < from + n; i += 20) await Promise.all(Array.from({ length: Math.min(20, from + n - i) }, (_, k) => start(i + k, queue)));
  };
  // Cached once its first workflow task completed (it waits on its timer); the worker counts them itself.
  const cached = async (n: number) => {
    for (let k = 0; k < 3000; k++) {
      const st = worker.getStatus();
      if (st.numCachedWorkflows >= n && st.numInFlightWorkflowActivations === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`the probe worker cached ${worker.getStatus().numCachedWorkflows} of ${n} workflows in 60 s`);
  };
  try {
    await start(0); // loads the bundle into the workflow thread's context
    await cached(1);
    const baselineRssBytes = rss();
    // What the client side costs per start, on a queue nobody polls, so it can be taken out below.
    const idle = process.cpuUsage();
    await startAll(0, 20, `${taskQueue}-unpolled`);
    const startCpu = process.cpuUsage(idle);
    const cpu0 = process.cpuUsage();
    await startAll(1, opts.n);
    await cached(opts.n + 1);
    const cpu = process.cpuUsage(cpu0);
    const ms = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    await new Promise((r) => setTimeout(r, 500)); // let allocation settle; the workflow thread's GC cannot be forced from here
    return {
      workflows: opts.n,
      baselineRssBytes,
      bytesPerWorkflow: (rss() - baselineRssBytes) / opts.n,
      cpuMsPerWorkflowTask: Math.max(0, ms(cpu) / opts.n - ms(startCpu) / 20),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await Promise.allSettled(ids.map((id) => client.workflow.getHandle(id).terminate('tune probe done')));
    worker.shutdown();
    await running.catch(() => undefined);
    await Promise.allSettled([connection.close(), client.connection.close()]);
  }
}
