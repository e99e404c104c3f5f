// Walk-forward optimisation of a student's strategy: per window, a grid search in-sample (sandboxed evaluations,
// a bounded number at once), the best parameters checked out-of-sample; then the report (efficiency,
// degradation, parameter stability, robustness). Every finished evaluation is in the history, so a worker killed
// mid-run costs only the evaluations in flight.
import { ApplicationFailure, defineQuery, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { EvaluationBatch } from '../activities/strategy-lab.js';
import { validationMessage } from '../lib/code-runs.js';
import type { WalkForwardInput, WalkForwardProgress } from '../lib/strategy-lab.js';
import type { WindowResult } from '../sandbox/strategy-lab.js';
import { JOB_STEP, NOTIFICATION, SANDBOX_RUN, SHORT_LOCAL } from './activity-options.js';

const { validateCode, planWalkForward } = proxyActivities<Activities>(JOB_STEP);
const { chooseBestParams, walkForwardReport } = proxyLocalActivities<Activities>(SHORT_LOCAL);
const { notifyUser } = proxyActivities<Activities>(NOTIFICATION);
const { evaluateStrategy } = proxyActivities<Activities>(SANDBOX_RUN);

export const walkForwardProgressQuery = defineQuery<WalkForwardProgress>('progress');

export async function walkForwardWorkflow(input: WalkForwardInput) {
  const { workflowId } = workflowInfo();
  const progress: WalkForwardProgress = { windowsDone: 0, windows: 0, evaluations: 0 };
  setHandler(walkForwardProgressQuery, () => progress);

  const validation = await validateCode({ code: input.code });
  if (!validation.ok) throw ApplicationFailure.nonRetryable(validationMessage(validation.errors), 'SANDBOX_VALIDATION');
  const plan = await planWalkForward({ series: input.series, syntheticSeed: input.syntheticSeed, syntheticLength: input.syntheticLength, grid: input.grid, windows: input.windows });
  progress.windows = plan.windows.length;
  const warmup = input.windows.warmup;
  // The harness sees only what it needs: the window and its warm-up bars (keeps the history small).
  const slice = (range: [number, number]) => {
    const from = Math.max(0, range[0] - warmup);
    return { series: plan.series.slice(from, range[1]), range: [range[0] - from, range[1] - from] as [number, number], warmup };
  };

  const windows: WindowResult[] = [];
  for (const [i, w] of plan.windows.entries()) {
    const batches: EvaluationBatch[] = [];
    for (let k = 0; k < plan.chunks.length; k += plan.parallelism) {
      const wave = plan.chunks.slice(k, k + plan.parallelism);
      batches.push(...(await Promise.all(wave.map((params) => evaluateStrategy({ code: input.code, ...slice(w.inSample), params, window: i, phase: 'in-sample' })))));
      progress.evaluations += wave.reduce((n, c) => n + c.length, 0);
    }
    const best = await chooseBestParams({ window: i, batches });
    const oos = await evaluateStrategy({ code: input.code, ...slice(w.outOfSample), params: [best.params], window: i, phase: 'out-of-sample' });
    const checked = oos.results[0];
    if (!checked) throw ApplicationFailure.nonRetryable(`window ${i + 1} out-of-sample: ${oos.errors[0]?.message ?? 'no result'}`, 'SANDBOX_RUNTIME_ERROR');
    windows.push({ inSample: w.inSample, outOfSample: w.outOfSample, params: best.params, inSampleMetrics: best.metrics, outOfSampleMetrics: checked.metrics });
    progress.windowsDone = i + 1;
  }
  const report = await walkForwardReport({ windows, grid: input.grid });
  await notifyUser({ userId: input.userId, notification: { event: 'walk_forward.finished', data: { workflowId, runId: input.runId, robustness: report.robustness } } })
    .catch(() => undefined);
  return { runId: input.runId, bars: plan.series.length, synthetic: input.syntheticSeed !== undefined, report, windows };
}
