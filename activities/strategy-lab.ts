// The strategy lab's steps. Every evaluation of user code runs inside the sandbox (the harness beside the user's
// validated strategy.py); the planning and the report are pure computations from lib/strategy-lab.ts.
// A walk-forward's code and series are stored once (strategy_inputs) when it is planned: each evaluation loads its
// window's bars by the run's id, so they do not travel through Temporal's history thousands of times.
import type { Db } from '../lib/db.js';
import { AppError, ErrorCode } from '../lib/errors.js';
import type { MonteCarloInput, WalkForwardInput } from '../lib/contracts/strategy-lab.js';
import { syntheticSeries } from '../lib/synthetic-series.js';
import {
  bestInSample,
  chunk,
  expandGrid,
  harnessJob,
  monteCarloJob,
  parseHarnessOutput,
  walkForwardReport,
  walkForwardWindows,
  type Evaluation,
  type Grid,
  type ParamSet,
  type Range,
  type WalkWindow,
  type WindowResult,
} from '../lib/strategy-lab.js';
import { evaluationRun, monteCarloRun } from '../sandbox/strategy-programs.js';
import type { SandboxDriver, SandboxLimits } from '../sandbox/types.js';
import { runSandboxed } from './sandbox-run.js';

export interface StrategyLabDeps {
  db: Db;
  sandbox: SandboxDriver;
  sandboxLimits: SandboxLimits;
  sandboxParallelism: number;
  /** Parameter sets per sandbox run (default SETS_PER_RUN). */
  setsPerRun?: number;
}

/** Parameter sets per sandbox run: amortises the ~0.3 s start of Python + numpy, stays far from the output cap. */
const SETS_PER_RUN = 25;
/** Errors an in-sample batch answers with: the workflow needs only the first, to say why a window had no result. */
const BATCH_ERRORS = 3;

export interface EvaluationBatch {
  results: Evaluation[];
  errors: { params: ParamSet | null; code: string; message: string }[];
}

export interface WalkForwardPlan {
  windows: WalkWindow[];
  chunks: ParamSet[][];
  parallelism: number;
  bars: number;
}

/** Where an evaluation's code and bars come from: the run's stored inputs, or (runs started before they were stored) carried along. */
export type EvaluationSource = { userId: string; runId: string } | { code: string; series: number[] };

export function createStrategyLabActivities({ db, sandbox, sandboxLimits, sandboxParallelism, setsPerRun = SETS_PER_RUN }: StrategyLabDeps) {
  /** The stored code and the bars [from, to) of one run of this user (Postgres arrays are 1-based, bounds inclusive). */
  const loadInputs = async (userId: string, runId: string, from: number, to: number) => {
    const { rows } = await db.query<{ code: string; series: number[] }>(
      'SELECT code, series[$3:$4] AS series FROM strategy_inputs WHERE run_id = $1 AND user_id = $2',
      [runId, userId, from + 1, to],
    );
    if (!rows[0]) throw new AppError(ErrorCode.NOT_FOUND, 'the inputs of this walk-forward are gone', 404);
    return rows[0];
  };

  return {
    /**
     * The series (given, or the seeded synthetic one), the windows and the grid in sandbox-sized chunks. With `store`,
     * the code and the series are written to strategy_inputs and the plan leaves the series out.
     */
    async planWalkForward(
      input: Pick<WalkForwardInput, 'series' | 'syntheticSeed' | 'syntheticLength' | 'grid' | 'windows'> & {
        store?: { userId: string; runId: string; code: string };
      },
    ): Promise<WalkForwardPlan & { series?: number[] }> {
      const series = input.series ?? syntheticSeries(input.syntheticSeed!, input.syntheticLength ? { length: input.syntheticLength } : {});
      let plan: WalkForwardPlan;
      try {
        plan = {
          windows: walkForwardWindows(series.length, input.windows),
          chunks: chunk(expandGrid(input.grid), setsPerRun),
          parallelism: sandboxParallelism,
          bars: series.length,
        };
      } catch (err) {
        throw new AppError(ErrorCode.BAD_REQUEST, err instanceof Error ? err.message : String(err), 400);
      }
      if (!input.store) return { ...plan, series };
      const { userId, runId, code } = input.store;
      await db.query('INSERT INTO strategy_inputs (run_id, user_id, code, series) VALUES ($1, $2, $3, $4) ON CONFLICT (run_id) DO NOTHING', [
        runId,
        userId,
        code,
        series,
      ]);
      return plan;
    },

    /**
     * Parameter sets of one window, in one sandbox run. `range` is into the stored series (or into the carried slice).
     * In-sample, only the batch's best set and its first errors come back: all the grid search needs, and the history stays small.
     */
    async evaluateStrategy(
      input: EvaluationSource & { range: Range; warmup: number; params: ParamSet[]; window: number; phase: 'in-sample' | 'out-of-sample' },
    ): Promise<EvaluationBatch> {
      let code: string;
      let series: number[];
      let range = input.range;
      if ('runId' in input) {
        const from = Math.max(0, range[0] - input.warmup);
        ({ code, series } = await loadInputs(input.userId, input.runId, from, range[1]));
        range = [range[0] - from, range[1] - from];
      } else ({ code, series } = input);
      const job = harnessJob(series, range, input.params, { warmup: input.warmup, tradeReturns: input.phase === 'out-of-sample' });
      const run = await runSandboxed(sandbox, evaluationRun(code, job, sandboxLimits), 'strategy', () => ({
        window: input.window,
        phase: input.phase,
        sets: input.params.length,
      }));
      if (run.error) {
        // The whole run failed (a limit, a crash of the harness): every set of it gets that error.
        const error = { code: run.error.code, message: run.error.message };
        return { results: [], errors: input.params.slice(0, BATCH_ERRORS).map((params) => ({ params, ...error })) };
      }
      const out = parseHarnessOutput(run.stdout);
      const results = out.results.map((r) => ({ params: r.params, metrics: r.metrics }));
      const errors = out.errors.map((e) => ({ params: e.params, code: e.code, message: e.message }));
      if (input.phase === 'out-of-sample') return { results, errors };
      // The batches are in grid order and bestInSample keeps the first of equals: the best of the batches' bests is the best of all.
      return { results: results.length ? [bestInSample(results)] : [], errors: errors.slice(0, BATCH_ERRORS) };
    },

    /** The best in-sample set, or a typed failure naming why none ran. */
    async chooseBestParams(input: { window: number; batches: EvaluationBatch[] }): Promise<Evaluation> {
      const evaluations = input.batches.flatMap((b) => b.results);
      if (evaluations.length === 0) {
        const first = input.batches.flatMap((b) => b.errors)[0];
        throw new AppError(
          ErrorCode.SANDBOX_RUNTIME_ERROR,
          `no parameter set ran in window ${input.window + 1}${first ? `: ${first.code}: ${first.message}` : ''}`,
          400,
        );
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
