// The strategy lab's pure pieces: walk-forward windows, parameter grids, choosing the in-sample best, the
// walk-forward report and the CSV parser (the API bodies' schemas are in gateway/api-schemas.ts). No I/O and nothing of the app, so the gateway,
// activities and (deterministic) workflows can all import it. The numbers come from strategy/evaluate.py and
// strategy/montecarlo.py, run in the sandbox; their metric definitions are in sandbox/README.md.
import { z } from 'zod';

export const PERIODS_PER_YEAR = 252;
export const LIMITS = {
  seriesPoints: 20_000,
  csvChars: 2_000_000,
  codeChars: 64_000,
  gridCombos: 500,
  gridKeys: 8,
  windows: 100,
  minInSample: 20,
  minOutOfSample: 5,
  mcReturns: 10_000,
  mcPaths: 100_000,
  maxTradeReturn: 100,
  // paths x trades: 2.5e8 cells take ~3 s of one core here (~6 s at the sandbox's 0.5 CPU), far inside its 60 s.
  mcCells: 250_000_000,
} as const;

export type WindowMode = 'rolling' | 'anchored';
export interface WindowSpec {
  mode: WindowMode;
  inSample: number;
  outOfSample: number;
}
/** Half-open bar range [start, end). */
export type Range = [start: number, end: number];
export interface WalkWindow {
  index: number;
  inSample: Range;
  outOfSample: Range;
}

/**
 * Out-of-sample windows tile the series back to back, each right after its in-sample window. Rolling: the
 * in-sample window slides (fixed length); anchored: it always starts at bar 0 and grows. Trailing bars that do
 * not fill a whole out-of-sample window are left out.
 */
export function walkForwardWindows(length: number, spec: WindowSpec): WalkWindow[] {
  const { mode, inSample, outOfSample } = spec;
  if (!Number.isInteger(length) || length < 0) throw new Error(`series length must be a non-negative integer, got ${length}`);
  if (mode !== 'rolling' && mode !== 'anchored') throw new Error(`windows.mode must be "rolling" or "anchored", got ${JSON.stringify(mode)}`);
  if (!Number.isInteger(inSample) || inSample < LIMITS.minInSample)
    throw new Error(`windows.inSample must be an integer >= ${LIMITS.minInSample} bars, got ${inSample}`);
  if (!Number.isInteger(outOfSample) || outOfSample < LIMITS.minOutOfSample)
    throw new Error(`windows.outOfSample must be an integer >= ${LIMITS.minOutOfSample} bars, got ${outOfSample}`);
  if (inSample + outOfSample > length)
    throw new Error(
      `the series has ${length} bars, fewer than one window needs (inSample ${inSample} + outOfSample ${outOfSample} = ${inSample + outOfSample})`,
    );
  const count = Math.floor((length - inSample) / outOfSample);
  if (count > LIMITS.windows) throw new Error(`these windows would make ${count} walk-forward steps, more than ${LIMITS.windows}; use a longer outOfSample`);
  return Array.from({ length: count }, (_, index) => {
    const oosStart = inSample + index * outOfSample;
    return { index, inSample: [mode === 'rolling' ? oosStart - inSample : 0, oosStart], outOfSample: [oosStart, oosStart + outOfSample] };
  });
}

export type ParamSet = Record<string, number>;
export type Grid = Record<string, number[]>;
// Keys become Python keyword arguments: identifiers only, never dunders.
const PARAM_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

/** Number of combinations, after checking the grid's shape (keys, non-empty lists of distinct finite numbers). */
export function gridSize(grid: Grid): number {
  const keys = Object.keys(grid);
  if (keys.length > LIMITS.gridKeys) throw new Error(`grid has ${keys.length} parameters, more than ${LIMITS.gridKeys}`);
  let count = 1;
  for (const key of keys) {
    if (!PARAM_KEY.test(key) || key.startsWith('__'))
      throw new Error(`grid parameter name ${JSON.stringify(key)} must be a Python identifier (letters, digits, _), not a dunder`);
    const values = grid[key];
    if (!Array.isArray(values) || values.length === 0) throw new Error(`grid.${key} must be a non-empty list of numbers`);
    const seen = new Set<number>();
    for (const v of values) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`grid.${key} has ${JSON.stringify(v)}, not a finite number`);
      if (seen.has(v)) throw new Error(`grid.${key} lists ${v} twice`);
      seen.add(v);
    }
    count *= values.length;
  }
  return count;
}

/** Cartesian product in itertools.product order (first key slowest). An empty grid is one empty set. */
export function expandGrid(grid: Grid, max: number = LIMITS.gridCombos): ParamSet[] {
  const count = gridSize(grid);
  if (count > max) throw new Error(`grid has ${count} combinations, more than ${max}`);
  let sets: ParamSet[] = [{}];
  for (const [key, values] of Object.entries(grid)) sets = sets.flatMap((set) => values.map((v) => ({ ...set, [key]: v })));
  return sets;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What evaluate.py reports per parameter set (see its docstring). */
export interface Metrics {
  totalReturn: number;
  sharpe: number;
  maxDrawdown: number;
  trades: number;
  bars: number;
  exposure?: number;
  tradeReturns?: number[];
}
export interface Evaluation {
  params: ParamSet;
  metrics: Metrics;
}

/** Highest Sharpe; ties go to the higher total return, then to the earlier set (grid order). */
export function bestInSample<T extends Evaluation>(evaluations: readonly T[]): T {
  let best: T | undefined;
  for (const e of evaluations) {
    if (!best) best = e;
    else if (e.metrics.sharpe > best.metrics.sharpe || (e.metrics.sharpe === best.metrics.sharpe && e.metrics.totalReturn > best.metrics.totalReturn)) best = e;
  }
  if (!best) throw new Error('no parameter set was evaluated successfully in this window');
  return best;
}

/** (1 + total)^(periodsPerYear / bars) - 1; -1 after a total loss, 0 for no bars. */
export function annualisedReturn(totalReturn: number, bars: number, periodsPerYear: number = PERIODS_PER_YEAR): number {
  if (bars <= 0) return 0;
  if (1 + totalReturn <= 0) return -1;
  return Math.pow(1 + totalReturn, periodsPerYear / bars) - 1;
}

export interface WindowResult {
  inSample: Range;
  outOfSample: Range;
  params: ParamSet;
  inSampleMetrics: Metrics;
  outOfSampleMetrics: Metrics;
}

export interface WalkForwardReport {
  windows: number;
  /** Mean of the windows' annualised in-sample returns. */
  annualisedInSample: number;
  /** Annualised return of the stitched out-of-sample equity (all OOS windows compounded, over all OOS bars). */
  annualisedOutOfSample: number;
  outOfSampleTotalReturn: number;
  /** annualisedOutOfSample / annualisedInSample; null when the in-sample figure is <= 0 (nothing to keep). */
  walkForwardEfficiency: number | null;
  meanInSampleSharpe: number;
  meanOutOfSampleSharpe: number;
  /** Mean over windows of (in-sample Sharpe - out-of-sample Sharpe). */
  degradation: number;
  /**
   * 1 - mean over the grid's parameters of std(chosen values across windows, population) / (half the grid's range
   * for that parameter), in [0, 1] (a std never exceeds half the range); parameters with one grid value are left
   * out, and with none left it is 1.
   */
  parameterStability: number;
  /** Share of windows that chose the most frequent parameter set, and that set (first seen wins a tie). */
  modalShare: number;
  modalParams: ParamSet;
  /** Share of windows with a positive out-of-sample total return. */
  profitableWindows: number;
  /** 0..100, see robustnessScore. */
  robustness: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * 100 x (0.3 e + 0.3 s + 0.2 p + 0.2 w), rounded to 0.1, with e = walk-forward efficiency clamped to [0, 1]
 * (0 when null), s = Sharpe retention = meanOOS / meanIS Sharpe clamped to [0, 1] (0 when meanIS <= 0; equals
 * 1 - degradation / meanIS), p = parameter stability, w = share of profitable OOS windows.
 */
export function robustnessScore(
  r: Pick<WalkForwardReport, 'walkForwardEfficiency' | 'meanInSampleSharpe' | 'meanOutOfSampleSharpe' | 'parameterStability' | 'profitableWindows'>,
): number {
  const e = r.walkForwardEfficiency === null ? 0 : clamp01(r.walkForwardEfficiency);
  const s = r.meanInSampleSharpe > 0 ? clamp01(r.meanOutOfSampleSharpe / r.meanInSampleSharpe) : 0;
  return Math.round(1000 * (0.3 * e + 0.3 * s + 0.2 * r.parameterStability + 0.2 * r.profitableWindows)) / 10;
}

export function walkForwardReport(windows: readonly WindowResult[], grid: Grid, periodsPerYear: number = PERIODS_PER_YEAR): WalkForwardReport {
  if (windows.length === 0) throw new Error('walk-forward report needs at least one window');
  const annIs = mean(windows.map((w) => annualisedReturn(w.inSampleMetrics.totalReturn, w.inSampleMetrics.bars, periodsPerYear)));
  const oosGrowth = windows.reduce((g, w) => g * (1 + w.outOfSampleMetrics.totalReturn), 1);
  const oosBars = windows.reduce((n, w) => n + w.outOfSampleMetrics.bars, 0);
  const annOos = annualisedReturn(oosGrowth - 1, oosBars, periodsPerYear);
  const isSharpe = mean(windows.map((w) => w.inSampleMetrics.sharpe));
  const oosSharpe = mean(windows.map((w) => w.outOfSampleMetrics.sharpe));

  // A key with one value in the grid is not a choice: it would only dilute the dispersion.
  const dispersions = Object.entries(grid).flatMap(([key, values]) => {
    const half = (Math.max(...values) - Math.min(...values)) / 2;
    if (!(half > 0)) return [];
    const chosen = windows.map((w) => w.params[key] ?? NaN);
    const m = mean(chosen);
    return [Math.min(1, Math.sqrt(mean(chosen.map((v) => (v - m) ** 2))) / half)];
  });
  const parameterStability = dispersions.length ? clamp01(1 - mean(dispersions)) : 1;

  const counts = new Map<string, { n: number; params: ParamSet }>();
  for (const w of windows) {
    const key = JSON.stringify(Object.keys(grid).map((k) => w.params[k]));
    const c = counts.get(key) ?? { n: 0, params: w.params };
    c.n += 1;
    counts.set(key, c);
  }
  const modal = [...counts.values()].reduce((a, b) => (b.n > a.n ? b : a));

  const partial = {
    windows: windows.length,
    annualisedInSample: annIs,
    annualisedOutOfSample: annOos,
    outOfSampleTotalReturn: oosGrowth - 1,
    walkForwardEfficiency: annIs > 0 ? annOos / annIs : null,
    meanInSampleSharpe: isSharpe,
    meanOutOfSampleSharpe: oosSharpe,
    degradation: isSharpe - oosSharpe,
    parameterStability,
    modalShare: modal.n / windows.length,
    modalParams: modal.params,
    profitableWindows: windows.filter((w) => w.outOfSampleMetrics.totalReturn > 0).length / windows.length,
  };
  return { ...partial, robustness: robustnessScore(partial) };
}

/** The JSON job for evaluate.py: only the bars the strategy may see travel (range plus warmup history). */
export interface HarnessJob {
  series: number[];
  start: number;
  end: number;
  params: ParamSet[];
  warmup: number;
  probes?: number;
  budgetSeconds?: number;
  /** false: leave the per-trade lists out (a grid search needs only the summary; keeps output far under 1 MB). */
  tradeReturns?: boolean;
}
export function harnessJob(
  series: readonly number[],
  range: Range,
  params: ParamSet[],
  opts: Partial<Omit<HarnessJob, 'series' | 'start' | 'end' | 'params'>> = {},
): HarnessJob {
  const [start, end] = range;
  const from = Math.max(0, start - (opts.warmup ?? 0));
  return { ...opts, series: series.slice(from, end), start: start - from, end: end - from, params, warmup: start - from };
}

const metricsSchema = z.object({
  totalReturn: z.number(),
  sharpe: z.number(),
  maxDrawdown: z.number(),
  trades: z.number().int(),
  bars: z.number().int(),
  exposure: z.number().optional(),
  tradeReturns: z.array(z.number()).optional(),
});
export const HarnessOutputSchema = z.object({
  results: z.array(z.object({ index: z.number().int(), params: z.record(z.string(), z.number()), metrics: metricsSchema })),
  errors: z.array(z.object({ index: z.number().int().nullable(), params: z.record(z.string(), z.number()).nullable(), code: z.string(), message: z.string() })),
});
export type HarnessOutput = z.infer<typeof HarnessOutputSchema>;
/** Throws when stdout is not the harness's JSON (null metrics from absurd prices fail here, on purpose). */
export function parseHarnessOutput(stdout: string): HarnessOutput {
  return HarnessOutputSchema.parse(JSON.parse(stdout));
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = 'CsvError';
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// ISO 8601 only: Date.parse alone is lenient ("1.5" is a date to V8), which would hide a swapped column.
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const isCalendarDate = (s: string) => {
  if (!DATE.test(s)) return false;
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d; // Date.parse would roll 2024-02-30 into March
};
const cells = (line: string) =>
  line.split(',').map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );

/**
 * An uploaded price series, oldest row first: `date,close` rows, or one close per row. An optional first header
 * row is one with no number and no date in it; with more than two columns, the header must name a `close` column
 * (and may name `date`). Dates, when present, are ISO 8601 (YYYY-MM-DD, optionally with a time) and strictly
 * increase. Blank lines are skipped; quotes around a cell are dropped (a cell cannot hold a comma).
 */
export function parseCsvSeries(text: string, maxPoints: number = LIMITS.seriesPoints): { closes: number[]; dates: string[] | null } {
  if (text.length > LIMITS.csvChars) throw new CsvError(0, `the CSV is larger than ${LIMITS.csvChars} characters`);
  const lines = text.split(/\r\n|\n|\r/);
  let width = 0;
  let closeCol = 0;
  let dateCol = -1;
  const closes: number[] = [];
  const dates: string[] = [];
  let lastTime = -Infinity;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const row = cells(raw);
    if (width === 0) {
      width = row.length;
      const header = row.map((c) => c.toLowerCase());
      // A header has no number and no date in it; "2024-01-02,abc" is a bad row, not a header.
      const isHeader = row.every((c) => !NUMBER.test(c) && !DATE.test(c));
      if (isHeader && header.includes('close')) [closeCol, dateCol] = [header.indexOf('close'), header.indexOf('date')];
      else if (width === 1) [closeCol, dateCol] = [0, -1];
      else if (width === 2) [closeCol, dateCol] = [1, 0];
      else
        throw new CsvError(
          lineNo,
          isHeader ? `the header has ${width} columns but none is named "close"` : `expected 1 column (close) or 2 (date,close), got ${width}`,
        );
      if (isHeader) continue;
    }
    if (row.length !== width) throw new CsvError(lineNo, `expected ${width} column${width > 1 ? 's' : ''}, got ${row.length}`);
    const cell = row[closeCol]!;
    if (!NUMBER.test(cell)) throw new CsvError(lineNo, `close ${JSON.stringify(cell)} is not a number`);
    const close = Number(cell);
    if (!Number.isFinite(close) || close <= 0) throw new CsvError(lineNo, `close must be a positive number, got ${cell}`);
    if (dateCol >= 0) {
      const date = row[dateCol]!;
      const time = isCalendarDate(date) ? Date.parse(date.replace(' ', 'T')) : NaN;
      if (Number.isNaN(time)) throw new CsvError(lineNo, `date ${JSON.stringify(date)} is not a date (use YYYY-MM-DD, optionally with a time)`);
      if (time <= lastTime)
        throw new CsvError(lineNo, `date ${date} is not after the previous row's ${dates[dates.length - 1]} (rows must be oldest first, one per date)`);
      lastTime = time;
      dates.push(date);
    }
    closes.push(close);
    if (closes.length > maxPoints) throw new CsvError(lineNo, `more than ${maxPoints} prices`);
  }
  if (closes.length < 2) throw new CsvError(0, `the CSV has ${closes.length} price${closes.length === 1 ? '' : 's'}; at least 2 are needed`);
  return { closes, dates: dateCol >= 0 ? dates : null };
}

/** The JSON job for montecarlo.py (equity starts at 1). */
export function monteCarloJob(body: { returns: number[]; paths: number; seed: number; ruinThreshold: number }): {
  returns: number[];
  paths: number;
  seed: number;
  ruinThreshold: number;
  initialEquity: number;
} {
  return { returns: body.returns, paths: body.paths, seed: body.seed, ruinThreshold: body.ruinThreshold, initialEquity: 1 };
}
