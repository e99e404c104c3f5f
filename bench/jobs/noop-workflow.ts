// The ceiling of the jobs benchmark: a workflow with one activity that does nothing, on the same Temporal server
// as the engine. No real job can be faster on this server, so the engine's fast tasks are measured against it.
import { proxyActivities } from '@temporalio/workflow';
import type { NoopActivities } from './noop-worker.js';

const { noop } = proxyActivities<NoopActivities>({ startToCloseTimeout: '1m' });

export async function noopWorkflow(n: number): Promise<number> {
  return noop(n);
}
