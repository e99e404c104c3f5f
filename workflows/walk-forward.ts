// Walk-forward optimisation of a student's strategy: per window, a grid search in-sample (sandboxed evaluations,
// a bounded number at once), the best parameters checked out-of-sample; then the report (efficiency,
// degradation, parameter stability, robustness). Every finished evaluation is in the history, so a worker killed
// mid-run costs only the evaluations in flight.
//
// The history stays small at the largest allowed study (100 windows x 500 sets, 20k bars, 64k chars of code):
// planning stores the code and the series in Postgres and evaluations name the run instead of carrying them, an
// in-sample batch answers only its best set, and every WINDOWS_PER_RUN windows the loop continues as a new run
// that carries only the plan and the finished windows.
import { continueAsNew, defineQuery, patched, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { EvaluationBatch, EvaluationSource, WalkForwardPlan } from '../activities/strategy-lab.js';
import { validationMessage } from '../lib/contracts/code-runs.js';
import { ErrorCode, temporalFailure } from '../lib/errors.js';
import type { WalkForwardInput, WalkForwardProgress } from '../lib/contracts/strategy-lab.js';
import type { Range, WindowResult } from '../lib/strategy-lab.js';
import { JOB_STEP, NOTIFICATION, SANDBOX_RUN, SHORT_LOCAL } from './activity-options.js';

const { validateCode, planWalkForward } = proxyActivities<Activities>(JOB_STEP);
const { chooseBestParams, walkForwardReport } = proxyLocalActivities<Activities>(SHORT_LOCAL);
const { notifyUser } = proxyActivities<Activities>(NOTIFICATION);
const { evaluateStrategy } = proxyActivities<Activities>(SANDBOX_RUN);

export const walkForwardProgressQuery = defineQuery<WalkForwardProgress>('progress');

/** Runs started before this patch carry the code and each window's bars to every evaluation, and never continue as new. */
export const INPUTS_BY_REFERENCE_PATCH = 'walk-forward-inputs-by-reference';
/** ~21 evaluations of ~1 KB each per window (at 25 sets per batch): a run's history stays far under a megabyte. */
export const WINDOWS_PER_RUN = 10;

/** What a continued run starts from: no code and no series (they are in strategy_inputs), the plan and the windows done. */
export interface WalkForwardResume {
  plan: WalkForwardPlan;
  done: WindowResult[];
  evaluations: number;
}
export type WalkForwardContinued = Omit<WalkForwardInput, 'code' | 'series'> & { resume: WalkForwardResume };

export async function walkForwardWorkflow(input: WalkForwardInput | WalkForwardContinued) {
  const { workflowId } = workflowInfo();
  const resume = 'resume' in input ? input.resume : undefined;
  const progress: WalkForwardProgress = {
    windowsDone: resume?.done.length ?? 0,
    windows: resume?.plan.windows.length ?? 0,
    evaluations: resume?.evaluations ?? 0,
  };
  setHandler(walkForwardProgressQuery, () => progress);

  let plan: WalkForwardPlan;
  /** The code and the bars [from, to) of a window with its warm-up, as an evaluation takes them. */
  let source: (range: Range) => EvaluationSource & { range: Range; warmup: number };
  let byReference = true;
  const warmup = input.windows.warmup;
  const stored = (range: Range) => ({ userId: input.userId, runId: input.runId, range, warmup });
  const spec = { syntheticSeed: input.syntheticSeed, syntheticLength: input.syntheticLength, grid: input.grid, windows: input.windows };
  if (resume) {
    plan = resume.plan;
    source = stored;
  } else {
    const first = input as WalkForwardInput;
    const validation = await validateCode({ code: first.code });
    if (!validation.ok) throw temporalFailure(ErrorCode.SANDBOX_VALIDATION, validationMessage(validation.errors));
    if (patched(INPUTS_BY_REFERENCE_PATCH)) {
      plan = await planWalkForward({ ...spec, series: first.series, store: { userId: input.userId, runId: input.runId, code: first.code } });
      source = stored;
    } else {
      byReference = false;
      const { series, ...rest } = await planWalkForward({ ...spec, series: first.series });
      plan = { ...rest, bars: series!.length };
      // The harness sees only what it needs: the window and its warm-up bars.
      source = (range) => {
        const from = Math.max(0, range[0] - warmup);
        return { code: first.code, series: series!.slice(from, range[1]), range: [range[0] - from, range[1] - from], warmup };
      };
    }
  }
  progress.windows = plan.windows.length;
  const windows: WindowResult[] = resume ? [...resume.done] : [];
  const start = windows.length;

  for (let i = start; i < plan.windows.length; i++) {
    const w = plan.windows[i]!;
    if (byReference && i > start && i % WINDOWS_PER_RUN === 0) {
      const next: WalkForwardContinued = {
        userId: input.userId,
        runId: input.runId,
        syntheticSeed: input.syntheticSeed,
        syntheticLength: input.syntheticLength,
        grid: input.grid,
        windows: input.windows,
        resume: { plan, done: windows, evaluations: progress.evaluations },
      };
      await continueAsNew<typeof walkForwardWorkflow>(next);
    }
    const batches: EvaluationBatch[] = [];
    for (let k = 0; k < plan.chunks.length; k += plan.parallelism) {
      const wave = plan.chunks.slice(k, k + plan.parallelism);
      batches.push(...(await Promise.all(wave.map((params) => evaluateStrategy({ ...source(w.inSample), params, window: i, phase: 'in-sample' })))));
      progress.evaluations += wave.reduce((n, c) => n + c.length, 0);
    }
    const best = await chooseBestParams({ window: i, batches });
    const oos = await evaluateStrategy({ ...source(w.outOfSample), params: [best.params], window: i, phase: 'out-of-sample' });
    const checked = oos.results[0];
    if (!checked) throw temporalFailure(ErrorCode.SANDBOX_RUNTIME_ERROR, `window ${i + 1} out-of-sample: ${oos.errors[0]?.message ?? 'no result'}`);
    windows.push({ inSample: w.inSample, outOfSample: w.outOfSample, params: best.params, inSampleMetrics: best.metrics, outOfSampleMetrics: checked.metrics });
    progress.windowsDone = i + 1;
  }
  const report = await walkForwardReport({ windows, grid: input.grid });
  await notifyUser({
    userId: input.userId,
    notification: { event: 'walk_forward.finished', data: { workflowId, runId: input.runId, robustness: report.robustness } },
  }).catch(() => undefined);
  return { runId: input.runId, bars: plan.bars, synthetic: input.syntheticSeed !== undefined, report, windows };
}
