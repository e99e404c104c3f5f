// The strategy lab's Python scripts, run directly with Debian's python3 + numpy as subprocesses (the sandboxed
// path is wired by the workflow). No mocks: real harness, real strategies, real numpy.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bestInSample,
  chunk,
  expandGrid,
  harnessJob,
  parseHarnessOutput,
  walkForwardReport,
  walkForwardWindows,
  type HarnessOutput,
  type WindowResult,
  type WindowSpec,
} from '../../lib/strategy-lab.js';
import { SYNTHETIC_GRID, syntheticSeries } from '../../lib/synthetic-series.js';
import { DEFAULT_ALLOWED_IMPORTS, validatePython } from '../../sandbox/validator.js';

const PYTHON = '/usr/bin/python3'; // Debian's, with numpy (the PATH python3 may be a shim without it)
const DIR = resolve('sandbox/strategy');
const EXAMPLE = join(DIR, 'examples/ma_crossover.py');
const work = mkdtempSync(join(tmpdir(), 'strategy-lab-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function python(args: string[], stdin: string, cwd = work): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = execFile(PYTHON, ['-B', ...args], { cwd, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') fail(err);
      else done({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr });
    });
    child.stdin!.end(stdin);
  });
}

let files = 0;
function strategyFile(source: string): string {
  const path = join(work, `strategy_${files++}.py`);
  writeFileSync(path, source);
  return path;
}

async function evaluate(strategy: string, job: object): Promise<HarnessOutput> {
  const r = await python([join(DIR, 'evaluate.py'), strategy], JSON.stringify(job));
  expect(r.code, r.stderr).toBe(0);
  return parseHarnessOutput(r.stdout);
}

/** The harness's contract, end to end: grid search in-sample, best set out-of-sample, report. */
async function walkForward(series: number[], spec: WindowSpec, grid: Record<string, number[]>, warmup: number) {
  const sets = expandGrid(grid);
  const results: WindowResult[] = [];
  for (const pair of chunk(walkForwardWindows(series.length, spec), 2)) {
    // two windows at a time: this machine has two cores (the workflow bounds its own parallelism)
    const done = await Promise.all(
      pair.map(async (w): Promise<WindowResult> => {
        const is = await evaluate(EXAMPLE, harnessJob(series, w.inSample, sets, { warmup, tradeReturns: false }));
        expect(is.results[0]!.metrics.tradeReturns).toBeUndefined();
        expect(is.errors).toEqual([]);
        const best = bestInSample(is.results);
        const oos = await evaluate(EXAMPLE, harnessJob(series, w.outOfSample, [best.params], { warmup }));
        expect(oos.results[0]!.metrics.tradeReturns!.length).toBe(oos.results[0]!.metrics.trades);
        return {
          inSample: w.inSample,
          outOfSample: w.outOfSample,
          params: best.params,
          inSampleMetrics: best.metrics,
          outOfSampleMetrics: oos.results[0]!.metrics,
        };
      }),
    );
    results.push(...done);
  }
  return { windows: results, report: walkForwardReport(results, grid) };
}

describe('walk-forward on the synthetic series', () => {
  // Two seeds here (each is 30 harness runs); offline, the optimum won all 600 windows of 40 seeds (7919 k + 1), both modes.
  it.each([
    [1, 'rolling'],
    [7, 'anchored'],
  ] as const)('finds the planted optimum (fast 5, slow 20) in-sample in every window: seed %s, %s', async (seed, mode) => {
    const series = syntheticSeries(seed);
    const { windows, report } = await walkForward(series, { mode, inSample: 500, outOfSample: 100 }, SYNTHETIC_GRID, 40);
    expect(windows).toHaveLength(15);
    for (const w of windows) expect(w.params, `window ${w.inSample.join('-')}`).toEqual({ fast: 5, slow: 20 });
    expect(report.parameterStability).toBe(1);
    expect(report.modalShare).toBe(1);
    expect(report.meanOutOfSampleSharpe).toBeGreaterThan(1); // the planted edge holds out of sample too
    expect(report.walkForwardEfficiency).not.toBeNull();
    expect(report.robustness).toBeGreaterThan(60);
    if (process.env.STRATEGY_LAB_VERBOSE) console.log(seed, mode, JSON.stringify(report));
  });
});

describe('the reference strategy', () => {
  it('passes the validator with the default import whitelist', async () => {
    const code = readFileSync(EXAMPLE, 'utf8');
    expect(await validatePython(code, { allowedImports: DEFAULT_ALLOWED_IMPORTS })).toEqual({ ok: true });
  });
});

describe('harness metrics', () => {
  // positions chosen per `case`; prices 100 -> 110 -> 99 -> 99 -> 108.9: bar returns +10 %, -10 %, 0, +10 %
  const fixed = strategyFile(`import numpy as np
CASES = {1: [1, -1, 0, 1, 1], 2: [1, 1, 1, 1, 0], 3: [0, 0, 0, 0, 0]}
def signal(prices, case=1):
    return np.resize(np.array(CASES[int(case)], dtype=float), len(prices))  # the case's pattern, repeated
`);
  const prices = [100, 110, 99, 99, 108.9];

  it('applies each position to the NEXT bar and computes the documented metrics', async () => {
    const out = await evaluate(fixed, { series: prices, start: 0, end: 5, params: [{ case: 1 }, { case: 2 }, { case: 3 }], probes: 0 });
    expect(out.errors).toEqual([]);
    const [a, b, c] = out.results.map((r) => r.metrics);
    // case 1: held 1, -1, 0, 1 -> +10 %, +10 % (short into a fall), 0, +10 %. Same-bar use would give -10 % first.
    const x = [0.1, 0.1, 0, 0.1];
    const mu = 0.075;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mu) ** 2, 0) / 3);
    expect(a!.totalReturn).toBeCloseTo(1.1 ** 3 - 1, 12);
    expect(a!.sharpe).toBeCloseTo((mu / sd) * Math.sqrt(252), 10);
    expect(a!.maxDrawdown).toBeCloseTo(0, 12);
    expect(a!.trades).toBe(3); // long, short, (flat), long
    a!.tradeReturns!.forEach((t) => expect(t).toBeCloseTo(0.1, 12));
    expect(a!.exposure).toBeCloseTo(0.75, 12);
    expect(a!.bars).toBe(4);
    // case 2: long throughout -> equity 1.1, 0.99, 0.99, 1.089; one trade; drawdown 1 - 0.99 / 1.1
    expect(b!.totalReturn).toBeCloseTo(0.089, 12);
    expect(b!.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(b!.trades).toBe(1);
    expect(b!.tradeReturns![0]).toBeCloseTo(0.089, 12);
    // case 3: flat -> no variance, Sharpe 0 by definition
    expect(c).toMatchObject({ totalReturn: 0, sharpe: 0, maxDrawdown: 0, trades: 0, tradeReturns: [], exposure: 0 });
  });

  it('warmup bars are seen by the strategy but not scored', async () => {
    const series = [100, 110, 99, 99, 108.9, 100, 110, 99, 99, 108.9];
    const cut = await evaluate(fixed, { series, start: 5, end: 10, params: [{ case: 1 }], probes: 0 });
    const warm = await evaluate(fixed, { series, start: 5, end: 10, warmup: 5, params: [{ case: 1 }], probes: 0 });
    // without warmup the strategy sees bars 5..9 (positions 1, -1, 0, 1, 1) and returns at bars 6..9 are scored
    expect(cut.results[0]!.metrics).toMatchObject({ bars: 4, trades: 3 });
    expect(cut.results[0]!.metrics.totalReturn).toBeCloseTo(1.1 ** 3 - 1, 12);
    // with 5 bars of warmup it sees bars 0..9 (the pattern twice); bar 5's return (-8.2 %) is scored, held long from bar 4
    expect(warm.results[0]!.metrics).toMatchObject({ bars: 5, trades: 3 });
    expect(warm.results[0]!.metrics.totalReturn).toBeCloseTo((100 / 108.9) * 1.1 ** 3 - 1, 12);
  });
});

describe('strategy failures are per parameter set', () => {
  it('an exception, a wrong length, bad values and SystemExit each fail one set; the others still run', async () => {
    const strategy = strategyFile(`import numpy as np
def signal(prices, mode=0):
    print("debug output must not break the harness's JSON")
    if mode == 1:
        raise ValueError("mode 1 is broken")
    if mode == 2:
        return np.ones(len(prices) - 1)
    if mode == 3:
        return np.full(len(prices), 2.0)
    if mode == 4:
        return ["long"] * len(prices)
    if mode == 5:
        raise SystemExit(0)
    if mode == 6:
        return np.full(len(prices), np.nan)
    return np.ones(len(prices))
`);
    const series = syntheticSeries(3, { length: 200 });
    const out = await evaluate(strategy, { series, start: 0, end: 200, params: [0, 1, 2, 3, 4, 5, 6, 0].map((mode) => ({ mode })) });
    expect(out.results.map((r) => r.index)).toEqual([0, 7]);
    expect(out.results[0]!.metrics.totalReturn).toBeCloseTo(series[199]! / series[0]! - 1, 10); // long throughout
    const errors = Object.fromEntries(out.errors.map((e) => [e.index, `${e.code}: ${e.message}`]));
    expect(errors[1]).toMatch(/^exception: ValueError: mode 1 is broken \(strategy_\d+\.py line 5\)$/);
    expect(errors[2]).toBe('shape: signal() returned shape (199,) for 200 prices; need one position per bar');
    expect(errors[3]).toBe('value: position at bar 0 is 2.0; positions must be finite and in [-1, 1]');
    expect(errors[4]).toMatch(/^value: signal\(\) must return numbers/);
    expect(errors[5]).toMatch(/^exception: SystemExit: 0/);
    expect(errors[6]).toMatch(/^value: position at bar 0 is nan/);
  });

  it('print output never reaches the JSON, and only its first 8 KB reaches stderr', async () => {
    const chatty = strategyFile('import numpy as np\ndef signal(prices):\n    print("x" * 100000)\n    return np.zeros(len(prices))\n');
    const r = await python([join(DIR, 'evaluate.py'), chatty], JSON.stringify({ series: [1, 2, 3], start: 0, end: 3, params: [{}, {}] }));
    expect(r.code).toBe(0);
    expect(parseHarnessOutput(r.stdout).results).toHaveLength(2);
    expect(r.stderr.length).toBeLessThan(8300);
    expect(r.stderr).toContain('[391812 more characters of print output dropped]'); // 4 calls (2 sets, 1 probe each) x 100001 - 8192
  });

  it('a module that fails to import, or has no signal(), is one error with index null', async () => {
    const broken = await evaluate(strategyFile('import numpy as np\nx = 1 / 0\n'), { series: [1, 2, 3], start: 0, end: 3, params: [{}] });
    expect(broken).toEqual({
      results: [],
      errors: [
        { index: null, params: null, code: 'import', message: expect.stringMatching(/^ZeroDivisionError: division by zero \(strategy_\d+\.py line 2\)$/) },
      ],
    });
    const missing = await evaluate(strategyFile('def other(prices):\n    return prices\n'), { series: [1, 2, 3], start: 0, end: 3, params: [{}] });
    expect(missing.errors[0]).toMatchObject({
      index: null,
      code: 'import',
      message: expect.stringContaining('must define a function signal(prices, **params)'),
    });
  });

  it('stops at the time budget and reports the sets it did not evaluate', async () => {
    const slow = strategyFile('import numpy as np\ndef signal(prices):\n    total = sum(range(3000000))\n    return np.ones(len(prices))\n');
    const out = await evaluate(slow, { series: [1, 2, 3], start: 0, end: 3, params: [{}, {}, {}], probes: 0, budgetSeconds: 0.001 });
    expect(out.results.map((r) => r.index)).toEqual([0]);
    expect(out.errors.map((e) => [e.index, e.code])).toEqual([
      [1, 'budget'],
      [2, 'budget'],
    ]);
  });

  it("a malformed job is the caller's bug: exit 2 with a message", async () => {
    const r = await python([join(DIR, 'evaluate.py'), EXAMPLE], JSON.stringify({ series: [1, 2, 3], start: 2, end: 3, params: [] }));
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toContain('start + 2 <= end');
  });
});

describe('no look-ahead', () => {
  const peeking = strategyFile("import numpy as np\ndef signal(prices):\n    return np.sign(np.roll(prices, -1) - prices)  # tomorrow's move, today\n");
  const zscore = strategyFile("import numpy as np\ndef signal(prices):\n    return np.sign(prices - prices.mean())  # the whole window's mean\n");
  const series = syntheticSeries(11, { length: 300 });

  it('a strategy that reads later prices is refused by the prefix probe', async () => {
    for (const path of [peeking, zscore]) {
      const out = await evaluate(path, { series, start: 0, end: 300, params: [{}] });
      expect(out.results).toEqual([]);
      expect(out.errors[0]).toMatchObject({ index: 0, code: 'lookahead', message: expect.stringContaining('it uses later prices') });
    }
  });

  it('without the probe, the peek is exactly what the next-bar rule would reward (so the probe matters)', async () => {
    const out = await evaluate(peeking, { series, start: 0, end: 300, params: [{}], probes: 0 });
    expect(out.results[0]!.metrics.sharpe).toBeGreaterThan(20);
    const causal = await evaluate(EXAMPLE, { series, start: 0, end: 300, params: [{ fast: 5, slow: 20 }] });
    expect(causal.errors).toEqual([]); // the reference strategy passes the probe
  });
});

describe('Monte Carlo', () => {
  const returns = Array.from({ length: 200 }, (_, i) => 0.006 + 0.03 * Math.sin(i * 1.7) + (i % 17 === 0 ? -0.1 : 0));
  // Written from the definitions, not from montecarlo.py: one draw for all paths, equity with its starting point.
  const independent = `
import json, sys, numpy as np
job = json.loads(sys.stdin.read())
r = np.array(job["returns"]); n = len(r); paths = job["paths"]
idx = np.random.default_rng(job["seed"]).integers(0, n, size=(paths, n))
equity = np.hstack([np.ones((paths, 1)), np.cumprod(1 + r[idx], axis=1)])
peak = np.maximum.accumulate(equity, axis=1)
dd = ((peak - equity) / peak).max(axis=1)
final = equity[:, -1]
print(json.dumps({"final": np.percentile(final, [5, 50, 95]).tolist(), "dd": np.percentile(dd, [5, 50, 95]).tolist(),
  "profit": float((final > 1).mean()), "ruin": float((equity[:, 1:] <= job["ruinThreshold"]).any(axis=1).mean())}))
`;

  it('matches an independent numpy computation on the same seed and data (percentiles within 1e-12)', async () => {
    const job = { returns, paths: 10_000, seed: 20260, ruinThreshold: 0.7, initialEquity: 1 };
    const [mine, chunked, ref] = await Promise.all([
      python([join(DIR, 'montecarlo.py')], JSON.stringify(job)),
      python([join(DIR, 'montecarlo.py')], JSON.stringify({ ...job, chunkCells: 7_777 })), // 38-row chunks
      python(['-c', independent], JSON.stringify(job)),
    ]);
    expect(mine.code, mine.stderr).toBe(0);
    expect(ref.code, ref.stderr).toBe(0);
    const a = JSON.parse(mine.stdout);
    const b = JSON.parse(ref.stdout);
    expect(JSON.parse(chunked.stdout)).toEqual(a); // chunking changes memory, never results
    const close = (x: number, y: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(y)));
    [a.finalEquity.p5, a.finalEquity.p50, a.finalEquity.p95].forEach((x: number, i: number) => close(x, b.final[i]));
    [a.maxDrawdown.p5, a.maxDrawdown.p50, a.maxDrawdown.p95].forEach((x: number, i: number) => close(x, b.dd[i]));
    expect(a.probProfit).toBe(b.profit);
    expect(a.probRuin).toBe(b.ruin);
    // the data are not degenerate: some paths profit, some are ruined, drawdowns spread out
    expect(a.probProfit).toBeGreaterThan(0.05);
    expect(a.probProfit).toBeLessThan(0.95);
    expect(a.probRuin).toBeGreaterThan(0);
    expect(a.maxDrawdown.p95).toBeGreaterThan(a.maxDrawdown.p5);
  });

  it('is reproducible per seed and different across seeds; a malformed job exits 2', async () => {
    const job = (seed: number) => JSON.stringify({ returns: [0.05, -0.04, 0.01], paths: 500, seed });
    const [x, y, z] = await Promise.all([
      python([join(DIR, 'montecarlo.py')], job(1)),
      python([join(DIR, 'montecarlo.py')], job(1)),
      python([join(DIR, 'montecarlo.py')], job(2)),
    ]);
    expect(x.stdout).toBe(y.stdout);
    expect(x.stdout).not.toBe(z.stdout);
    expect(JSON.parse(x.stdout)).toMatchObject({ paths: 500, trades: 3, ruinThreshold: 0.5, initialEquity: 1 });
    const bad = await python([join(DIR, 'montecarlo.py')], JSON.stringify({ returns: [-2], paths: 5, seed: 1 }));
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error).toContain('>= -1');
  });

  it('counts ruin at the threshold, inclusive, and a total loss as a 100 % drawdown', async () => {
    // every path is two trades of -50 %: equity 0.5 then 0.25
    const r = await python([join(DIR, 'montecarlo.py')], JSON.stringify({ returns: [-0.5, -0.5], paths: 10, seed: 1, ruinThreshold: 0.5 }));
    expect(JSON.parse(r.stdout)).toMatchObject({ probRuin: 1, probProfit: 0, finalEquity: { p50: 0.25 }, maxDrawdown: { p50: 0.75 } });
    const wiped = await python([join(DIR, 'montecarlo.py')], JSON.stringify({ returns: [-1], paths: 3, seed: 1, ruinThreshold: 0 }));
    expect(JSON.parse(wiped.stdout)).toMatchObject({ probRuin: 1, finalEquity: { p95: 0 }, maxDrawdown: { p5: 1 } });
  });
});
