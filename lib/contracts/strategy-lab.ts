// The strategy lab's contract shared by the gateway, the workflows and the activities (the computations
// themselves: the pure planning and report in lib/strategy-lab.ts, the evaluations in the sandbox).
export const WALK_FORWARD_WORKFLOW = 'walkForwardWorkflow';
export const MONTE_CARLO_WORKFLOW = 'monteCarloWorkflow';
export const walkForwardWorkflowId = (userId: string, runId: string) => `walk-forward:${userId}:${runId}`;
export const monteCarloWorkflowId = (userId: string, runId: string) => `monte-carlo:${userId}:${runId}`;

export interface WalkForwardInput {
  userId: string;
  runId: string;
  code: string;
  /** Closes (an uploaded CSV is parsed by the gateway), or a seeded synthetic series. */
  series?: number[];
  syntheticSeed?: number;
  syntheticLength?: number;
  grid: Record<string, number[]>;
  windows: { mode: 'rolling' | 'anchored'; inSample: number; outOfSample: number; warmup: number };
}

export interface MonteCarloInput {
  userId: string;
  runId: string;
  returns: number[];
  paths: number;
  seed: number;
  ruinThreshold: number;
}

/** What a running walk-forward reports through the `progress` query. */
export interface WalkForwardProgress {
  windowsDone: number;
  windows: number;
  evaluations: number;
}
