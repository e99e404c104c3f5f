// The strategy lab's steps. Every evaluation of user code runs inside the sandbox (the harness beside the user's
// validated strategy.py); the planning and the report are pure computations from sandbox/strategy-lab.ts.
import { AppError, ErrorCode } from '../lib/errors.js';
import type { MonteCarloInput, WalkForwardInput } from '../lib/strategy-lab.js';
import { syntheticSeries } from '../sandbox/strategy/synthetic.js';
import {
  bestInSample, chunk, expandGrid, harnessJob, monteCarloJob, parseHarnessOutput, walkForwardReport, walkForwardWindows,
  type Evaluation, type Grid, type ParamSet, type Range, type WalkWindow, type WindowResult,
} from '../sandbox/strategy-lab.js';
import { evaluationRun, monteCarloRun } from '../sandbox/strategy-programs.js';
import type { SandboxDriver, SandboxLimits } from '../sandbox/types.js';
import { runSandboxed } from './sandbox-run.js';

export interface StrategyLabDeps {
  sandbox: SandboxDriver;
  sandboxLimits: SandboxLimits;
  sandboxParallelism: number;
}

/** Parameter sets per sandbox run: amortises the ~0.3 s start of Python + numpy, stays far from the output cap. */
const SETS_PER_RUN = 25;

export interface EvaluationBatch {
  results: Evaluation[];
  errors: { params: ParamSet | null; code: string; message: string }[];
}

export function createStrategyLabActivities({ sandbox, sandboxLimits, sandboxParallelism }: StrategyLabDeps) {
  return {
    /** The series (given, or the seeded synthetic one), the windows and the grid in sandbox-sized chunks. */
    async planWalkForward(input: Pick<WalkForwardInput, 'series' | 'syntheticSeed' | 'syntheticLength' | 'grid' | 'windows'>) {
      const series = input.series ?? syntheticSeries(input.syntheticSeed!, input.syntheticLength ? { length: input.syntheticLength } : {});
      try {
        const windows: WalkWindow[] = walkForwardWindows(series.length, input.windows);
        return { series, windows, chunks: chunk(expandGrid(input.grid), SETS_PER_RUN), parallelism: sandboxParallelism };
      } catch (err) {
        throw new AppError(ErrorCode.BAD_REQUEST, err instanceof Error ? err.message : String(err), 400);
      }
    },

    /** Parameter sets of one window's slice, in one sandbox run. */
    async evaluateStrategy(input: { code: string; series: number[]; range: Range; warmup: number; params: ParamSet[]; window: number; phase: 'in-sample' | 'out-of-sample' }): Promise<EvaluationBatch> {
      const job = harnessJob(input.series, input.range, input.params, { warmup: input.warmup, tradeReturns: input.phase === 'out-of-sample' });
      const run = await runSandboxed(sandbox, evaluationRun(input.code, job, sandboxLimits), 'strategy', () => ({ window: input.window, phase: input.phase, sets: input.params.length }));
      if (run.error) {
        // The whole run failed (a limit, a crash of the harness): every set of it gets that error.
        const error = { code: run.error.code, message: run.error.message };
        return { results: [], errors: input.params.map((params) => ({ params, ...error })) };
      }
      const out = parseHarnessOutput(run.stdout);
      return { results: out.results.map((r) => ({ params: r.params, metrics: r.metrics })), errors: out.errors.map((e) => ({ params: e.params, code: e.code, message: e.message })) };
    },

    /** The best in-sample set, or a typed failure naming why none ran. */
    async chooseBestParams(input: { window: number; batches: EvaluationBatch[] }): Promise<Evaluation> {
      const evaluations = input.batches.flatMap((b) => b.results);
      if (evaluations.length === 0) {
        const first = input.batches.flatMap((b) => b.errors)[0];
        throw new AppError(ErrorCode.SANDBOX_RUNTIME_ERROR, `no parameter set ran in window ${input.window + 1}${first ? `: ${first.code}: ${first.message}` : ''}`, 400);
      }
      return bestInSample(evaluations);
    },

    async walkForwardReport(input: { windows: WindowResult[]; grid: Grid }) {
      return walkForwardReport(input.windows, input.grid);
    },

    async runMonteCarlo(input: Omit<MonteCarloInput, 'userId' | 'runId'>) {
      const run = await runSandboxed(sandbox, monteCarloRun(monteCarloJob(input), sandboxLimits), 'strategy', () => ({ paths: input.paths }));
      if (run.error) throw new AppError(ErrorCode[run.error.code], run.error.message, 400);
      return JSON.parse(run.stdout) as Record<string, unknown>;
    },
  };
}
