// Monte Carlo of a strategy's trade returns (bootstrap with replacement, seeded), computed by numpy inside the
// sandbox: the same seed and data give the same percentiles anywhere.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { MonteCarloInput } from '../lib/contracts/strategy-lab.js';
import { NOTIFICATION, SANDBOX_RUN } from './activity-options.js';

const { runMonteCarlo } = proxyActivities<Activities>(SANDBOX_RUN);
const { notifyUser } = proxyActivities<Activities>(NOTIFICATION);

export async function monteCarloWorkflow(input: MonteCarloInput) {
  const { workflowId } = workflowInfo();
  const result = await runMonteCarlo({ returns: input.returns, paths: input.paths, seed: input.seed, ruinThreshold: input.ruinThreshold });
  await notifyUser({ userId: input.userId, notification: { event: 'monte_carlo.finished', data: { workflowId, runId: input.runId } } }).catch(() => undefined);
  return { runId: input.runId, ...result };
}
