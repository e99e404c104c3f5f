// Sandbox costs on this machine: validation of a typical script, start-to-exit of a trivial program in the local
// (bubblewrap + cgroups) driver against plain python3, and the strategy lab's sandboxed runs (one harness run of
// 100 parameter sets over 1000 bars; Monte Carlo 10k paths x 200 trades). Medians of BENCH_SANDBOX_RUNS runs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createLocalDriver } from '../sandbox/local-driver.js';
import { syntheticSeries } from '../lib/synthetic-series.js';
import { expandGrid, harnessJob } from '../lib/strategy-lab.js';
import { evaluationRun, monteCarloRun } from '../sandbox/strategy-programs.js';
import { DEFAULT_ALLOWED_IMPORTS, validatePython } from '../sandbox/validator.js';
import type { RunRequest } from '../sandbox/types.js';
import { summary, writeResult } from './stats.js';

const RUNS = Number(process.env.BENCH_SANDBOX_RUNS ?? 30);
const limits = { memoryBytes: 256 << 20, cpus: 0.5, pids: 64, wallTimeMs: 60_000, outputBytes: 1 << 20 };
const driver = createLocalDriver({});
const strategy = readFileSync(new URL('../sandbox/strategy/examples/ma_crossover.py', import.meta.url), 'utf8');

async function timed(n: number, fn: () => Promise<unknown>): Promise<ReturnType<typeof summary>> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return summary(ms);
}
async function sandboxed(req: RunRequest): Promise<void> {
  const r = await driver.run(req);
  if (r.error) throw new Error(`${r.error.code}: ${r.error.message}`);
}

await sandboxed({ code: 'pass', limits }); // the driver's one-time start (probe, sweep)
const results = {
  validateTypicalScript: await timed(RUNS, () => validatePython(strategy, { allowedImports: DEFAULT_ALLOWED_IMPORTS })),
  plainPython: await timed(RUNS, async () => execFileSync('/usr/bin/python3', ['-s', '-B', '-c', 'print(1)'])),
  sandboxTrivial: await timed(RUNS, () => sandboxed({ code: 'print(1)', limits })),
  sandboxNumpyImport: await timed(Math.ceil(RUNS / 3), () => sandboxed({ code: 'import numpy\nprint(1)', limits })),
  harness100SetsX1000Bars: await timed(5, () => {
    const series = syntheticSeries(1, { length: 1040 });
    const params = expandGrid({ fast: [2, 3, 4, 5, 6, 7, 8, 9, 10, 12], slow: [15, 18, 20, 22, 25, 28, 30, 35, 40, 45] });
    return sandboxed(evaluationRun(strategy, harnessJob(series, [40, 1040], params, { warmup: 40, tradeReturns: false }), limits));
  }),
  monteCarlo10kX200: await timed(5, () =>
    sandboxed(
      monteCarloRun(
        { returns: Array.from({ length: 200 }, (_, i) => Math.sin(i) * 0.03), paths: 10_000, seed: 1, ruinThreshold: 0.5, initialEquity: 1 },
        limits,
      ),
    ),
  ),
};
for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(26)} ms ${JSON.stringify(v)}`);
console.log(`sandbox overhead over plain python3 (p50): ${(results.sandboxTrivial.p50 - results.plainPython.p50).toFixed(1)} ms`);
console.log(`written to ${writeResult('sandbox', { runs: RUNS, limits, results })}`);
