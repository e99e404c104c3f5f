// One plain-text table: every scenario and metric, our figure first, then the ceiling and each peer with its
// ratio to ours; and the targets with the measured value.
import { OURS, type ResultRow } from './rows.js';
import { TARGETS } from './targets.js';

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function renderTable(rows: ResultRow[]): string {
  const groups = new Map<string, ResultRow[]>();
  for (const r of rows) {
    const key = `${r.scenario}\u0000${r.metric}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const cells: string[][] = [['scenario', 'metric', 'system', 'value', 'unit', '÷ sparkle', 'note']];
  // A system's note says what its figures mean (its durability, its workload): once per scenario is enough.
  const noted = new Set<string>();
  const noteOnce = (r: ResultRow) => {
    const key = `${r.scenario}\u0000${r.system}\u0000${r.note ?? ''}`;
    if (noted.has(key)) return '';
    noted.add(key);
    return r.note ?? '';
  };
  for (const group of groups.values()) {
    const ours = group.find((r) => r.system === OURS);
    const ordered = [...group].sort((a, b) => Number(b.system === OURS) - Number(a.system === OURS));
    ordered.forEach((r, i) => {
      const ratio = ours && r !== ours && ours.value !== 0 ? `${fmt(r.value / ours.value)}×` : '';
      cells.push([i === 0 ? r.scenario : '', i === 0 ? r.metric : '', r.system, fmt(r.value), r.unit, ratio, noteOnce(r)]);
    });
  }
  return pad(cells);
}

export function renderTargets(rows: ResultRow[]): string {
  const cells: string[][] = [['target', 'goal', 'measured', '']];
  for (const t of TARGETS) {
    const v = t.measure(rows);
    cells.push([t.label, t.goal, v === undefined ? 'not measured' : `${fmt(v)} ${t.unit}`, v === undefined ? '' : t.ok(v) ? 'met' : 'NOT MET']);
  }
  return pad(cells);
}
