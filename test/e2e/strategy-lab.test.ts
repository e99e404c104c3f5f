// The strategy lab end to end: REST -> WalkForwardWorkflow / MonteCarloWorkflow on the jobs workers -> the
// harness and the student's strategy in the bubblewrap sandbox. The walk-forward search must find the optimum
// planted in a synthetic series, survive the kill of the worker running it, and Monte Carlo must match an
// independent numpy computation on the same seed and data.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { SYNTHETIC_GRID } from '../../lib/synthetic-series.js';
import { ApiClient } from '../support/api-client.js';
import { e2eFixture } from '../support/e2e.js';
import { uniqueId } from '../support/services.js';

const e = e2eFixture({ jobs: 2 });
const STRATEGY = readFileSync(new URL('../../sandbox/strategy/examples/ma_crossover.py', import.meta.url), 'utf8');
const result = (workflowId: string) => e.s.temporal.workflow.getHandle(workflowId).result();
const WINDOWS = { mode: 'rolling', inSample: 500, outOfSample: 250, warmup: 40 };

describe('strategy lab', () => {
  it('walk-forward finds the planted optimum in every window and survives the kill of its worker', async () => {
    const api = await ApiClient.as(e.app.url, uniqueId('lab'));
    const started = Date.now();
    const res = await api.post('/strategy-lab/walk-forward', {
      code: STRATEGY,
      syntheticSeed: 1,
      syntheticLength: 2000,
      grid: SYNTHETIC_GRID,
      windows: WINDOWS,
    });
    expect(res.status).toBe(202);
    const handle = e.s.temporal.workflow.getHandle(res.body.workflowId);

    // Progress is visible while it runs: the workflow's query, and the tasks API's pending evaluation.
    let progress = await handle.query<{ windowsDone: number; windows: number }>('progress');
    while (progress.windowsDone < 1) {
      await new Promise((r) => setTimeout(r, 100));
      progress = await handle.query('progress');
    }
    expect(progress.windows).toBe(6);
    const task = (await api.get(`/tasks/${encodeURIComponent(res.body.workflowId)}`)).body;
    expect(task).toMatchObject({ kind: 'walk-forward', status: 'running' });

    // Kill the worker running an evaluation: the other takes over after the heartbeat timeout; finished windows stay done.
    let running = (await handle.describe()).raw.pendingActivities?.find((a) => a.lastWorkerIdentity);
    while (!running) {
      await new Promise((r) => setTimeout(r, 50));
      running = (await handle.describe()).raw.pendingActivities?.find((a) => a.lastWorkerIdentity);
    }
    const pid = Number(running.lastWorkerIdentity!.split('@')[0]);
    e.app.killJobsWorker(pid);
    const survivor = e.app.jobsWorkers[0]!;

    const done = (await result(res.body.workflowId)) as { windows: { params: Record<string, number> }[]; report: Record<string, number>; synthetic: boolean };
    const seconds = (Date.now() - started) / 1000;
    expect(done.synthetic).toBe(true);
    expect(done.windows).toHaveLength(6);
    for (const w of done.windows) expect(w.params).toEqual({ fast: 5, slow: 20 });
    expect(done.report.parameterStability).toBe(1);
    expect(done.report.robustness).toBeGreaterThan(50);
    const events = (await handle.fetchHistory()).events!;
    const identities = new Set(events.filter((ev) => ev.activityTaskStartedEventAttributes).map((ev) => ev.activityTaskStartedEventAttributes!.identity));
    expect(identities).toContain(`${survivor.child.pid}@${hostname()}`);
    console.log(
      `walk-forward: 6 windows x ${Object.values(SYNTHETIC_GRID).reduce((n, v) => n * v.length, 1)} sets, worker killed mid-run: ${seconds.toFixed(1)} s`,
    );
  }, 240_000);

  it('Monte Carlo percentiles equal an independent numpy computation on the same seed and data', async () => {
    const api = await ApiClient.as(e.app.url, uniqueId('lab'));
    const returns = Array.from({ length: 120 }, (_, i) => Number((Math.sin(i * 1.7) * 0.04 + 0.003).toFixed(5)));
    const body = { returns, paths: 5000, seed: 42, ruinThreshold: 0.7 };
    const started = Date.now();
    const res = await api.post('/strategy-lab/monte-carlo', body);
    expect(res.status).toBe(202);
    const mc = (await result(res.body.workflowId)) as {
      finalEquity: Record<string, number>;
      maxDrawdown: Record<string, number>;
      probProfit: number;
      probRuin: number;
    };
    const seconds = (Date.now() - started) / 1000;
    const independent = JSON.parse(
      execFileSync(
        '/usr/bin/python3',
        [
          '-c',
          `
import json, sys, numpy as np
b = json.load(sys.stdin); r = np.array(b['returns']); n = len(r)
idx = np.random.default_rng(b['seed']).integers(0, n, size=(b['paths'], n))
eq = np.cumprod(1 + r[idx], axis=1)
peak = np.maximum.accumulate(np.maximum(eq, 1.0), axis=1)
dd = (1 - eq / peak).max(axis=1)
print(json.dumps({'final': [float(np.percentile(eq[:, -1], q)) for q in (5, 50, 95)], 'dd': [float(np.percentile(dd, q)) for q in (5, 50, 95)],
  'profit': float((eq[:, -1] > 1).mean()), 'ruin': float((eq <= b['ruinThreshold']).any(axis=1).mean())}))
`,
        ],
        { input: JSON.stringify(body) },
      ).toString(),
    );
    [mc.finalEquity.p5, mc.finalEquity.p50, mc.finalEquity.p95].forEach((v, i) => expect(v).toBeCloseTo(independent.final[i], 12));
    [mc.maxDrawdown.p5, mc.maxDrawdown.p50, mc.maxDrawdown.p95].forEach((v, i) => expect(v).toBeCloseTo(independent.dd[i], 12));
    expect(mc.probProfit).toBe(independent.profit);
    expect(mc.probRuin).toBe(independent.ruin);
    console.log(`monte carlo: 5000 paths x 120 trades end to end: ${seconds.toFixed(1)} s`);
  });

  it('refuses bad input with 400 and fails a strategy the validator rejects with SANDBOX_VALIDATION', async () => {
    const api = await ApiClient.as(e.app.url, uniqueId('lab'));
    for (const body of [
      { code: STRATEGY, syntheticSeed: 1, grid: SYNTHETIC_GRID, windows: { ...WINDOWS, inSample: 5000 } },
      { code: STRATEGY, syntheticSeed: 1, series: [1, 2, 3], grid: SYNTHETIC_GRID, windows: WINDOWS },
      { code: STRATEGY, series: 'date,close\n2024-01-01,abc\n', grid: SYNTHETIC_GRID, windows: WINDOWS },
      {
        code: STRATEGY,
        syntheticSeed: 1,
        grid: { fast: Array.from({ length: 30 }, (_, i) => i + 1), slow: Array.from({ length: 30 }, (_, i) => i + 20) },
        windows: WINDOWS,
      },
    ]) {
      const r = await api.post('/strategy-lab/walk-forward', body);
      expect(r.status, JSON.stringify(body).slice(-80)).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
    }
    expect((await api.post('/strategy-lab/monte-carlo', { returns: [0.1], paths: 0, seed: 1 })).status).toBe(400);
    const evil = await api.post('/strategy-lab/walk-forward', {
      code: 'import os\ndef signal(prices, **p):\n    return os.system("id")\n',
      syntheticSeed: 1,
      grid: { fast: [5] },
      windows: WINDOWS,
    });
    expect(evil.status).toBe(202);
    await expect(result(evil.body.workflowId)).rejects.toThrow();
    const task = (await api.get(`/tasks/${encodeURIComponent(evil.body.workflowId)}`)).body;
    expect(task).toMatchObject({ status: 'failed', error: { code: 'SANDBOX_VALIDATION' } });
    expect(task.error.message).toMatch(/^line 1: import\./m);
  });
});
