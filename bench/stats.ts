// Small helpers for benchmark figures: percentiles of a sample, and writing results.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * What a benchmark started, stopped in reverse order at its end however it ends: a setup step that throws (a
 * peer that will not start) must not leave the servers started before it running.
 */
export class Teardown {
  private readonly steps: (() => Promise<unknown>)[] = [];

  /** Registers the stop of something just started, and answers that thing. */
  add<T>(thing: T, stop: (t: T) => Promise<unknown>): T {
    this.steps.push(() => stop(thing));
    return thing;
  }

  async run(): Promise<void> {
    for (const step of this.steps.reverse()) await step().catch((err: Error) => console.error(`teardown: ${err.message}`));
  }
}

/** A process's resident memory in MB, from /proc (Linux). */
export const rssMB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
