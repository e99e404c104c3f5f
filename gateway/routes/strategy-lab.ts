// The strategy lab: start a walk-forward optimisation or a Monte Carlo study (their results are the tasks' results).
import express from 'express';
import {
  MONTE_CARLO_WORKFLOW,
  WALK_FORWARD_WORKFLOW,
  monteCarloWorkflowId,
  walkForwardWorkflowId,
  type MonteCarloInput,
  type WalkForwardInput,
} from '../../lib/contracts/strategy-lab.js';
import { MonteCarloBodySchema, parse, WalkForwardBodySchema } from '../api-schemas.js';
import type { JobStarts } from './start-job.js';

export function strategyLabRoutes({ starts }: { starts: JobStarts }): express.Router {
  const r = express.Router();

  r.post(
    '/strategy-lab/walk-forward',
    starts.jobRoute(
      (raw) => parse(WalkForwardBodySchema, raw),
      ({ code, series, syntheticSeed, syntheticLength, grid, windows }, userId) => ({
        kind: 'walk-forward',
        workflowType: WALK_FORWARD_WORKFLOW,
        workflowIdOf: walkForwardWorkflowId,
        idName: 'runId',
        input: (runId): WalkForwardInput => ({ userId, runId, code, series, syntheticSeed, syntheticLength, grid, windows }),
      }),
    ),
  );

  r.post(
    '/strategy-lab/monte-carlo',
    starts.jobRoute(
      (raw) => parse(MonteCarloBodySchema, raw),
      ({ returns, paths, seed, ruinThreshold }, userId) => ({
        kind: 'monte-carlo',
        workflowType: MONTE_CARLO_WORKFLOW,
        workflowIdOf: monteCarloWorkflowId,
        idName: 'runId',
        input: (runId): MonteCarloInput => ({ userId, runId, returns, paths, seed, ruinThreshold }),
      }),
    ),
  );
  return r;
}
