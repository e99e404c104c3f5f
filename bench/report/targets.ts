// The targets, checked against the figures of the latest run. A target whose figures are missing is
// reported as not measured, never as met.
import { OURS, type ResultRow } from './rows.js';

export interface Target {
  label: string;
  /** The measured value, or undefined when the run did not produce the rows it needs. */
  measure(rows: ResultRow[]): number | undefined;
  unit: string;
  ok(v: number): boolean;
  goal: string;
}

const find = (rows: ResultRow[], scenario: string, metric: string, system = OURS) =>
  rows.find((r) => r.scenario === scenario && r.metric === metric && r.system === system)?.value;

export const TARGETS: Target[] = [
  {
    label: 'fast-task throughput vs the no-op ceiling',
    measure: (rows) => {
      const ours = find(rows, 'fast tasks', 'throughput');
      const ceiling = find(rows, 'fast tasks', 'throughput', 'temporal no-op ceiling');
      return ours !== undefined && ceiling ? (100 * ours) / ceiling : undefined;
    },
    unit: '%',
    ok: (v) => v >= 80,
    goal: '≥ 80 %',
  },
  {
    label: 'overhead to first token p95, 50 conversations',
    measure: (rows) => find(rows, 'chat, 50 conversations', 'overhead to first token p95'),
    unit: 'ms',
    ok: (v) => v <= 50,
    goal: '≤ 50 ms',
  },
  {
    label: 'long tasks with a worker killed: success',
    measure: (rows) => find(rows, 'long tasks, worker killed', 'success'),
    unit: '%',
    ok: (v) => v >= 100,
    goal: '100 %',
  },
  {
    label: '30 % transient failures: final success',
    measure: (rows) => find(rows, 'transient failures', 'success'),
    unit: '%',
    ok: (v) => v >= 99.9,
    goal: '≥ 99.9 %',
  },
  {
    label: 'idle WebSockets held by one gateway',
    measure: (rows) => find(rows, 'idle websockets', 'connections'),
    unit: 'connections',
    ok: (v) => v >= 10_000,
    goal: '≥ 10,000',
  },
];
