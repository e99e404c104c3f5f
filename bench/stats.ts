// Small helpers for benchmark figures: percentiles of a sample, and writing results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summary(values: number[]): { n: number; p50: number; p95: number; max: number } {
  const round = (x: number) => Math.round(x * 10) / 10;
  return { n: values.length, p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), max: round(Math.max(...values)) };
}

export function writeResult(name: string, result: unknown): string {
  const dir = fileURLToPath(new URL('./results', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/${name}.json`;
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}
