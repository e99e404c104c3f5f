import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  annualisedReturn,
  bestInSample,
  chunk,
  expandGrid,
  harnessJob,
  monteCarloJob,
  parseCsvSeries,
  parseHarnessOutput,
  robustnessScore,
  walkForwardReport,
  walkForwardWindows,
  type Metrics,
  type WindowResult,
} from '../../lib/strategy-lab.js';
import { SYNTHETIC_DEFAULTS, syntheticSeries } from '../../lib/synthetic-series.js';
import { MonteCarloBodySchema, WalkForwardBodySchema } from '../../gateway/api-schemas.js';

describe('walkForwardWindows', () => {
  it('rolling: fixed in-sample length, out-of-sample windows back to back, a partial tail left out', () => {
    const expected = [0, 1, 2, 3, 4].map((k) => ({ index: k, inSample: [k * 100, 500 + k * 100], outOfSample: [500 + k * 100, 600 + k * 100] }));
    expect(walkForwardWindows(1000, { mode: 'rolling', inSample: 500, outOfSample: 100 })).toEqual(expected);
    expect(walkForwardWindows(1099, { mode: 'rolling', inSample: 500, outOfSample: 100 })).toEqual(expected);
  });

  it('anchored: in-sample always starts at bar 0 and grows', () => {
    expect(walkForwardWindows(260, { mode: 'anchored', inSample: 200, outOfSample: 20 })).toEqual([
      { index: 0, inSample: [0, 200], outOfSample: [200, 220] },
      { index: 1, inSample: [0, 220], outOfSample: [220, 240] },
      { index: 2, inSample: [0, 240], outOfSample: [240, 260] },
    ]);
  });

  it('exactly one window when the series is one window long', () => {
    expect(walkForwardWindows(25, { mode: 'rolling', inSample: 20, outOfSample: 5 })).toEqual([{ index: 0, inSample: [0, 20], outOfSample: [20, 25] }]);
  });

  it.each([
    [24, { mode: 'rolling', inSample: 20, outOfSample: 5 }, 'the series has 24 bars, fewer than one window needs (inSample 20 + outOfSample 5 = 25)'],
    [1000, { mode: 'rolling', inSample: 19, outOfSample: 5 }, 'windows.inSample must be an integer >= 20'],
    [1000, { mode: 'rolling', inSample: 100.5, outOfSample: 5 }, 'windows.inSample must be an integer'],
    [1000, { mode: 'rolling', inSample: 100, outOfSample: 4 }, 'windows.outOfSample must be an integer >= 5'],
    [1000, { mode: 'rolling', inSample: 100, outOfSample: Number.NaN }, 'windows.outOfSample'],
    [1000, { mode: 'expanding', inSample: 100, outOfSample: 10 }, 'windows.mode must be "rolling" or "anchored"'],
    [2000, { mode: 'anchored', inSample: 20, outOfSample: 5 }, 'would make 396 walk-forward steps, more than 100'],
    [-1, { mode: 'rolling', inSample: 20, outOfSample: 5 }, 'series length must be a non-negative integer'],
  ])('rejects length %s with %j', (length, spec, message) => {
    expect(() => walkForwardWindows(length, spec as never)).toThrow(message);
  });
});

describe('expandGrid / chunk', () => {
  it('expands in itertools.product order (first key slowest)', () => {
    expect(expandGrid({ fast: [5, 10], slow: [20, 50] })).toEqual([
      { fast: 5, slow: 20 },
      { fast: 5, slow: 50 },
      { fast: 10, slow: 20 },
      { fast: 10, slow: 50 },
    ]);
    expect(expandGrid({ a: [1], b: [0.5, 2], c: [3] })).toEqual([
      { a: 1, b: 0.5, c: 3 },
      { a: 1, b: 2, c: 3 },
    ]);
    expect(expandGrid({})).toEqual([{}]);
  });

  it('caps the number of combinations before expanding', () => {
    const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(expandGrid({ a: range(25), b: range(20) })).toHaveLength(500);
    expect(() => expandGrid({ a: range(30), b: range(20) })).toThrow('grid has 600 combinations, more than 500');
    expect(() => expandGrid({ a: range(3), b: range(3) }, 8)).toThrow('grid has 9 combinations, more than 8');
    expect(() => expandGrid({ a: range(1e4), b: range(1e4), c: range(1e4) })).toThrow('1000000000000 combinations');
  });

  it.each([
    [{ __class__: [1] }, 'must be a Python identifier'],
    [{ 'a-b': [1] }, 'must be a Python identifier'],
    [{ '1x': [1] }, 'must be a Python identifier'],
    [{ fast: [] }, 'grid.fast must be a non-empty list'],
    [{ fast: [5, 5] }, 'grid.fast lists 5 twice'],
    [{ fast: [5, Number.POSITIVE_INFINITY] }, 'not a finite number'],
    [{ fast: ['5'] }, 'grid.fast has "5", not a finite number'],
    [Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, [1]])), 'grid has 9 parameters, more than 8'],
  ])('rejects %j', (grid, message) => {
    expect(() => expandGrid(grid as never)).toThrow(message);
  });

  it('chunks in order with a short last chunk', () => {
    expect(chunk([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(chunk([], 4)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow('chunk size must be a positive integer');
    expect(() => chunk([1], 1.5)).toThrow('chunk size');
  });
});

const m = (sharpe: number, totalReturn: number, bars = 100): Metrics => ({ sharpe, totalReturn, bars, maxDrawdown: 0.1, trades: 3 });

describe('bestInSample', () => {
  it('highest Sharpe, then higher total return, then the earlier set', () => {
    const evals = [
      { params: { a: 1 }, metrics: m(1, 0.5) },
      { params: { a: 2 }, metrics: m(2, 0.1) },
      { params: { a: 3 }, metrics: m(2, 0.3) },
      { params: { a: 4 }, metrics: m(2, 0.3) },
      { params: { a: 5 }, metrics: m(-1, 0.9) },
    ];
    expect(bestInSample(evals).params).toEqual({ a: 3 });
    expect(bestInSample([evals[4]!, evals[0]!]).params).toEqual({ a: 1 });
    expect(() => bestInSample([])).toThrow('no parameter set was evaluated successfully');
  });
});

describe('walkForwardReport', () => {
  it('annualises by compounding to 252 bars a year', () => {
    expect(annualisedReturn(0.1, 126)).toBeCloseTo(0.21, 12);
    expect(annualisedReturn(0.1, 252)).toBeCloseTo(0.1, 12);
    expect(annualisedReturn(-1, 50)).toBe(-1);
    expect(annualisedReturn(0.3, 0)).toBe(0);
    expect(annualisedReturn(0.1, 12, 12)).toBeCloseTo(0.1, 12);
  });

  const grid = { fast: [5, 10, 15], slow: [20, 40] };
  const w = (params: { fast: number; slow: number }, is: Metrics, oos: Metrics): WindowResult => ({
    inSample: [0, 252],
    outOfSample: [252, 315],
    params,
    inSampleMetrics: is,
    outOfSampleMetrics: oos,
  });
  const windows = [
    w({ fast: 5, slow: 20 }, m(2.0, 0.2, 252), m(1.0, 0.05, 63)),
    w({ fast: 5, slow: 20 }, m(1.5, 0.1, 252), m(-0.5, -0.02, 63)),
    w({ fast: 15, slow: 40 }, m(1.0, 0.3, 252), m(0.5, 0.04, 63)),
  ];

  it('computes every figure from the documented formulas', () => {
    const r = walkForwardReport(windows, grid);
    const annIs = (0.2 + 0.1 + 0.3) / 3; // 252-bar windows: annualised == total
    const oosGrowth = 1.05 * 0.98 * 1.04;
    const annOos = oosGrowth ** (252 / 189) - 1;
    expect(r.windows).toBe(3);
    expect(r.annualisedInSample).toBeCloseTo(annIs, 12);
    expect(r.outOfSampleTotalReturn).toBeCloseTo(oosGrowth - 1, 12);
    expect(r.annualisedOutOfSample).toBeCloseTo(annOos, 12);
    expect(r.walkForwardEfficiency).toBeCloseTo(annOos / annIs, 12);
    expect(r.meanInSampleSharpe).toBeCloseTo(1.5, 12);
    expect(r.meanOutOfSampleSharpe).toBeCloseTo(1 / 3, 12);
    expect(r.degradation).toBeCloseTo((1.0 + 2.0 + 0.5) / 3, 12);
    // fast chosen 5, 5, 15: population std = sqrt(200/9), half range (15 - 5) / 2 = 5; slow 20, 20, 40: std sqrt(800/9), half range 10
    const dispersionFast = Math.sqrt(200 / 9) / 5;
    const dispersionSlow = Math.sqrt(800 / 9) / 10;
    expect(r.parameterStability).toBeCloseTo(1 - (dispersionFast + dispersionSlow) / 2, 12);
    expect(r.modalShare).toBeCloseTo(2 / 3, 12);
    expect(r.modalParams).toEqual({ fast: 5, slow: 20 });
    expect(r.profitableWindows).toBeCloseTo(2 / 3, 12);
    const e = Math.min(1, annOos / annIs);
    const s = 1 / 3 / 1.5;
    const expected = Math.round(1000 * (0.3 * e + 0.3 * s + 0.2 * r.parameterStability + 0.2 * (2 / 3))) / 10;
    expect(r.robustness).toBe(expected);
    expect(r.robustness).toBeGreaterThan(0);
    expect(r.robustness).toBeLessThanOrEqual(100);
  });

  it('the same parameters everywhere are perfectly stable; a single-value grid key never counts as dispersion', () => {
    const same = windows.map((x) => ({ ...x, params: { fast: 10, slow: 20 } }));
    expect(walkForwardReport(same, grid).parameterStability).toBe(1);
    expect(walkForwardReport(same, grid).modalShare).toBe(1);
    expect(walkForwardReport(windows, { fast: [5, 10, 15], slow: [20] }).parameterStability).toBeCloseTo(1 - Math.sqrt(200 / 9) / 5, 12);
  });

  it('efficiency is null and the score counts it as 0 when nothing was earned in-sample', () => {
    const losing = windows.map((x) => ({ ...x, inSampleMetrics: m(-0.5, -0.1, 252) }));
    const r = walkForwardReport(losing, grid);
    expect(r.walkForwardEfficiency).toBeNull();
    expect(r.degradation).toBeCloseTo(-0.5 - 1 / 3, 12);
    expect(r.robustness).toBe(Math.round(1000 * (0.2 * r.parameterStability + 0.2 * (2 / 3))) / 10);
  });

  it('robustness is 100 for a perfect run and 0 for a hopeless one', () => {
    expect(robustnessScore({ walkForwardEfficiency: 1.4, meanInSampleSharpe: 1, meanOutOfSampleSharpe: 2, parameterStability: 1, profitableWindows: 1 })).toBe(
      100,
    );
    expect(robustnessScore({ walkForwardEfficiency: -3, meanInSampleSharpe: 1, meanOutOfSampleSharpe: -2, parameterStability: 0, profitableWindows: 0 })).toBe(
      0,
    );
    expect(() => walkForwardReport([], grid)).toThrow('at least one window');
  });
});

describe('parseCsvSeries', () => {
  it('reads date,close with or without a header, one close per line, CRLF and blank lines', () => {
    expect(parseCsvSeries('date,close\n2024-01-02,100.5\n2024-01-03,101\n')).toEqual({ closes: [100.5, 101], dates: ['2024-01-02', '2024-01-03'] });
    expect(parseCsvSeries('2024-01-02,100\r\n\r\n2024-01-03,1e2\r\n')).toEqual({ closes: [100, 100], dates: ['2024-01-02', '2024-01-03'] });
    expect(parseCsvSeries('close\n1\n2\n3')).toEqual({ closes: [1, 2, 3], dates: null });
    expect(parseCsvSeries('1\n2.5\n.5')).toEqual({ closes: [1, 2.5, 0.5], dates: null });
    expect(parseCsvSeries('Date,Open,High,Low,Close,Volume\n2024-01-02,1,3,1,2,10\n2024-01-03,2,4,2,3,10')).toEqual({
      closes: [2, 3],
      dates: ['2024-01-02', '2024-01-03'],
    });
    expect(parseCsvSeries('"date","close"\n"2024-01-02 09:30","10"\n"2024-01-02 10:30","11"').closes).toEqual([10, 11]);
  });

  it.each([
    ['date,close\n2024-01-02,100\n2024-01-03,abc', 'line 3: close "abc" is not a number'],
    ['2024-01-02,abc\n2024-01-03,100', 'line 1: close "abc" is not a number'],
    ['date,close\n2024-01-02,100\n2024-01-03,-5', 'line 3: close must be a positive number, got -5'],
    ['date,close\n2024-01-02,100\n2024-01-03,0', 'line 3: close must be a positive number'],
    ['date,close\n2024-01-02,100\n\n2024-01-03,101,7', 'line 4: expected 2 columns, got 3'],
    ['1\n2\n3,4', 'line 3: expected 1 column, got 2'],
    ['date,close\n2024-01-03,100\n2024-01-02,101', "line 3: date 2024-01-02 is not after the previous row's 2024-01-03 (rows must be oldest first"],
    ['date,close\n2024-01-02,100\n2024-01-02,101', 'line 3: date 2024-01-02 is not after'],
    ['date,close\n2024-01-02,100\n03/01/2024,101', 'line 3: date "03/01/2024" is not a date (use YYYY-MM-DD'],
    ['date,close\n2024-01-02,100\n2024-02-30,101', 'line 3: date "2024-02-30" is not a date'],
    ['a,b,c\n1,2,3', 'line 1: the header has 3 columns but none is named "close"'],
    ['2024-01-02,1,2\n', 'line 1: expected 1 column (close) or 2 (date,close), got 3'],
    ['close\n5', 'the CSV has 1 price; at least 2 are needed'],
    ['', 'the CSV has 0 prices'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseCsvSeries(text)).toThrow(message);
  });

  it('stops at the size limit, naming the line', () => {
    expect(() => parseCsvSeries('close\n1\n2\n3\n4', 3)).toThrow('line 5: more than 3 prices');
  });
});

describe('API body schemas', () => {
  const base = {
    code: 'def signal(prices, **p):\n    return prices * 0\n',
    grid: { fast: [5, 10], slow: [20, 50] },
    windows: { mode: 'rolling', inSample: 500, outOfSample: 100 },
  };
  const issues = (schema: { safeParse: (x: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, body: unknown) =>
    schema.safeParse(body).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('accepts a seeded synthetic series (2000 bars by default) and defaults warmup to 0', () => {
    const r = WalkForwardBodySchema.parse({ ...base, syntheticSeed: 7 });
    expect(r.windows.warmup).toBe(0);
    expect(r.syntheticSeed).toBe(7);
    expect(issues(WalkForwardBodySchema, { ...base, syntheticSeed: 7, syntheticLength: 550 }).join()).toContain('fewer than one window');
  });

  it('accepts closes or CSV text as the series, the CSV parsed into closes', () => {
    const closes = Array.from({ length: 600 }, (_, i) => 100 + i);
    expect(WalkForwardBodySchema.parse({ ...base, series: closes }).series).toEqual(closes);
    const csv = ['close', ...closes.map(String)].join('\n');
    expect(WalkForwardBodySchema.parse({ ...base, series: csv }).series).toEqual(closes);
  });

  it.each([
    [{ ...base }, 'series: give exactly one of series (closes or CSV text) or syntheticSeed'],
    [{ ...base, series: [1, 2], syntheticSeed: 1 }, 'give exactly one of'],
    [{ ...base, syntheticSeed: 1.5 }, 'syntheticSeed'],
    [{ ...base, syntheticSeed: -1 }, 'syntheticSeed'],
    [{ ...base, series: 'close\n1\nx' }, 'series: line 3: close "x" is not a number'],
    [{ ...base, series: [1, 2, 3] }, 'windows: the series has 3 bars, fewer than one window needs'],
    [{ ...base, series: Array(LIMITS.seriesPoints + 1).fill(1) }, 'series'],
    [{ ...base, syntheticSeed: 1, grid: { a: Array.from({ length: 501 }, (_, i) => i) } }, 'grid: grid has 501 combinations, more than 500'],
    [{ ...base, syntheticSeed: 1, grid: { __class__: [1] } }, 'grid: grid parameter name "__class__"'],
    [{ ...base, syntheticSeed: 1, windows: { mode: 'sliding', inSample: 500, outOfSample: 100 } }, 'windows.mode'],
    [{ ...base, syntheticSeed: 1, windows: { mode: 'rolling', inSample: 5, outOfSample: 100 } }, 'windows: windows.inSample must be an integer >= 20'],
    [{ ...base, syntheticSeed: 1, code: '' }, 'code'],
    [{ ...base, syntheticSeed: 1, extra: true }, 'extra'],
  ])('rejects walk-forward body %#', (body, message) => {
    expect(issues(WalkForwardBodySchema, body).join('\n')).toContain(message);
  });

  it('accepts a Monte Carlo body, ruinThreshold defaulting to 0.5, and builds the script job', () => {
    const body = MonteCarloBodySchema.parse({ returns: [0.01, -0.02], paths: 1000, seed: 3 });
    expect(body.ruinThreshold).toBe(0.5);
    expect(monteCarloJob(body)).toEqual({ returns: [0.01, -0.02], paths: 1000, seed: 3, ruinThreshold: 0.5, initialEquity: 1 });
  });

  it.each([
    [{ returns: [], paths: 10, seed: 1 }, 'returns'],
    [{ returns: [-1.5], paths: 10, seed: 1 }, 'returns.0'],
    [{ returns: Array(LIMITS.mcReturns + 1).fill(0), paths: 10, seed: 1 }, 'returns'],
    [{ returns: [0.1], paths: 0, seed: 1 }, 'paths'],
    [{ returns: [0.1], paths: 100_001, seed: 1 }, 'paths'],
    [{ returns: [0.1], paths: 10, seed: 1.5 }, 'seed'],
    [{ returns: [0.1], paths: 10, seed: -1 }, 'seed'],
    [{ returns: [0.1], paths: 10, seed: 1, ruinThreshold: 1 }, 'ruinThreshold'],
    [{ returns: Array(10_000).fill(0.01), paths: 100_000, seed: 1 }, 'paths: paths x number of returns must be at most 250,000,000'],
  ])('rejects Monte Carlo body %#', (body, message) => {
    expect(issues(MonteCarloBodySchema, body).join('\n')).toContain(message);
  });
});

describe('harness job and output', () => {
  it('sends only the range plus its warmup history, start and end rebased', () => {
    const series = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(harnessJob(series, [50, 60], [{ a: 1 }], { warmup: 10 })).toMatchObject({ series: series.slice(40, 60), start: 10, end: 20, warmup: 10 });
    expect(harnessJob(series, [5, 60], [], { warmup: 10 })).toMatchObject({ series: series.slice(0, 60), start: 5, end: 60, warmup: 5 });
    expect(harnessJob(series, [5, 60], [])).toMatchObject({ series: series.slice(5, 60), start: 0, end: 55, warmup: 0 });
  });

  it('parses the harness output and refuses anything else', () => {
    const out = { results: [{ index: 0, params: { a: 1 }, metrics: m(1, 0.1) }], errors: [{ index: null, params: null, code: 'import', message: 'x' }] };
    expect(parseHarnessOutput(JSON.stringify(out))).toEqual(out);
    expect(() => parseHarnessOutput('{"results": [{"index": 0}], "errors": []}')).toThrow();
    expect(() => parseHarnessOutput('not json')).toThrow();
  });
});

describe('syntheticSeries', () => {
  it('is deterministic per seed, positive, of the requested length', () => {
    const a = syntheticSeries(42);
    expect(a).toHaveLength(SYNTHETIC_DEFAULTS.length);
    expect(syntheticSeries(42)).toEqual(a);
    expect(syntheticSeries(43)).not.toEqual(a);
    expect(a.every((p) => p > 0 && Number.isFinite(p))).toBe(true);
    expect(syntheticSeries(1, { length: 50 })).toEqual(syntheticSeries(1, { length: 80 }).slice(0, 50));
  });

  it.each([
    [-1, {}, 'seed must be an integer'],
    [2 ** 32, {}, 'seed must be an integer'],
    [1, { length: 1 }, 'length must be an integer in [2, 20000]'],
    [1, { fast: 20, slow: 20 }, 'slow must be an integer above fast'],
    [1, { vol: 0.5 }, 'vol must be in [0, 0.1]'],
  ])('rejects seed %s with %j', (seed, opts, message) => {
    expect(() => syntheticSeries(seed, opts)).toThrow(message);
  });
});
