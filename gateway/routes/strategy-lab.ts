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
import { route } from '../route.js';
import type { JobStarts } from './start-job.js';

export function strategyLabRoutes({ starts }: { starts: JobStarts }): express.Router {
  const r = express.Router();

  r.post(
    '/strategy-lab/walk-forward',
    route(async (req, res, user) => {
      const body = parse(WalkForwardBodySchema, req.body);
      await starts.start(req, res, user.id, {
        kind: 'walk-forward',
        workflowType: WALK_FORWARD_WORKFLOW,
        workflowIdOf: walkForwardWorkflowId,
        idName: 'runId',
        body,
        input: (runId): WalkForwardInput => ({
          userId: user.id,
          runId,
          code: body.code,
          series: body.series,
          syntheticSeed: body.syntheticSeed,
          syntheticLength: body.syntheticLength,
          grid: body.grid,
          windows: body.windows,
        }),
      });
    }),
  );

  r.post(
    '/strategy-lab/monte-carlo',
    route(async (req, res, user) => {
      const body = parse(MonteCarloBodySchema, req.body);
      await starts.start(req, res, user.id, {
        kind: 'monte-carlo',
        workflowType: MONTE_CARLO_WORKFLOW,
        workflowIdOf: monteCarloWorkflowId,
        idName: 'runId',
        body,
        input: (runId): MonteCarloInput => ({
          userId: user.id,
          runId,
          returns: body.returns,
          paths: body.paths,
          seed: body.seed,
          ruinThreshold: body.ruinThreshold,
        }),
      });
    }),
  );
  return r;
}
