// Load for the jobs benchmark: submit tasks as fast as the client can (a bounded number of submissions in flight,
// like a producer enqueueing a batch), then wait for every result. A task's latency runs from its submission to
// its result as the client sees it, so it includes the time it queued behind the others.
import type { Client } from '@temporalio/client';
import { ApiClient } from '../../test/support/api-client.js';

export interface TaskRun {
  latenciesMs: number[];
  wallSeconds: number;
  /** Results by task, in submission order (undefined where the task failed). */
  results: unknown[];
  failures: number;
}

const SUBMITTERS = 32;

/** `submit(i)` enqueues task i and answers, once it is enqueued, the promise of its result. */
export async function burst(n: number, submit: (i: number) => Promise<{ done: Promise<unknown> }>): Promise<TaskRun> {
  const latenciesMs: number[] = [];
  const results: unknown[] = new Array(n);
  const waits: Promise<void>[] = [];
  let failures = 0;
  let next = 0;
  const t0 = performance.now();
  const submitter = async () => {
    for (let i = next++; i < n; i = next++) {
      const started = performance.now();
      let done: Promise<unknown>;
      try {
        ({ done } = await submit(i));
      } catch {
        failures++; // refused at submission: counted, never retried by the bench
        continue;
      }
      waits.push(
        done.then(
          (r) => void ((results[i] = r), latenciesMs.push(performance.now() - started)),
          () => void failures++,
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(SUBMITTERS, n) }, submitter));
  await Promise.all(waits);
  return { latenciesMs, wallSeconds: (performance.now() - t0) / 1000, results, failures };
}

/** The ceiling's task: the no-op workflow, started straight on Temporal. */
export const noopTask = (client: Client, taskQueue: string, prefix: string) => async (i: number) => {
  const handle = await client.workflow.start('noopWorkflow', { taskQueue, workflowId: `${prefix}-${i}`, args: [i] });
  return { done: handle.result() };
};

/** The engine's fast task: a student saves a note (POST /api/knowledge-nodes), and the job runs to its end. */
export function noteTask(client: Client, apis: ApiClient[], label: string) {
  return async (i: number) => {
    const api = apis[i % apis.length]!;
    const res = await api.post('/knowledge-nodes', {
      title: `${label} note ${i}`,
      content: `Note ${i} of ${label}: the ${['mitochondria', 'river delta', 'sonnet', 'supply curve', 'prime numbers'][i % 5]} and what makes case ${(i * 7919) % 100_003} different.`,
      tags: [label],
    });
    if (res.status !== 202) throw new Error(`note refused: ${res.status} ${JSON.stringify(res.body)}`);
    return { done: client.workflow.getHandle(res.body.workflowId as string).result() };
  };
}

/** Users enough that the per-user write lock does not serialise the load (students save their own notes). */
export const apiClients = (url: string, label: string, users: number) =>
  Promise.all(Array.from({ length: users }, (_, u) => ApiClient.as(url, `${label}-${u}`)));
