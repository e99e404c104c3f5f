import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../bench/report/chart.js';
import { loadRows } from '../../bench/report/load.js';
import type { ResultRow } from '../../bench/report/rows.js';
import { renderTable, renderTargets } from '../../bench/report/table.js';

const row = (system: string, scenario: string, metric: string, value: number, unit = 'ms'): ResultRow => ({ system, scenario, metric, value, unit });

describe('bench report', () => {
  it("puts each peer's ratio to our figure beside it", () => {
    const table = renderTable([row('celery', 'fast tasks', 'throughput', 300, 'tasks/s'), row('sparkle', 'fast tasks', 'throughput', 120, 'tasks/s')]);
    const lines = table.split('\n');
    expect(lines[1]).toMatch(/^fast tasks +throughput +sparkle +120 +tasks\/s$/);
    expect(lines[2]).toMatch(/celery +300 +tasks\/s +2\.50×/);
  });

  it('checks the ceiling ratio and says "not measured" rather than "met" when figures are missing', () => {
    const targets = renderTargets([
      row('sparkle', 'fast tasks', 'throughput', 70, 'tasks/s'),
      row('temporal no-op ceiling', 'fast tasks', 'throughput', 100, 'tasks/s'),
      row('sparkle', 'chat, 50 conversations', 'overhead to first token p95', 42),
    ]);
    expect(targets).toMatch(/fast-task throughput vs the no-op ceiling +≥ 80 % +70\.0 % +NOT MET/);
    expect(targets).toMatch(/overhead to first token p95, 50 conversations +≤ 50 ms +42\.0 ms +met/);
    expect(targets).toMatch(/idle WebSockets held by one gateway +≥ 10,000 +not measured\n?/);
    expect(targets).not.toMatch(/idle WebSockets.*met/);
  });

  it('reads only files with valid rows and names the invalid ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify({ rows: [row('sparkle', 'fast tasks', 'throughput', 1, 'tasks/s')] }));
    writeFileSync(join(dir, 'guards.json'), JSON.stringify({ p95: 3 }));
    writeFileSync(join(dir, 'chat-load.json'), JSON.stringify({ rows: [{ system: 'sparkle', value: 'fast' }] }));
    const { rows, invalid } = loadRows(dir);
    expect(rows.map((r) => r.file)).toEqual(['jobs.json']);
    expect(invalid.map((i) => i.file)).toEqual(['chat-load.json']);
  });

  it('renders an SVG with every system in the legend', async () => {
    const svg = await renderChart(
      [
        row('sparkle', 'fast tasks', 'throughput', 120, 'tasks/s'),
        row('bullmq', 'fast tasks', 'throughput', 900, 'tasks/s'),
        row('litellm proxy', 'chat, 10 conversations', 'overhead to first token p95', 12),
      ],
      '2026-12-04',
    );
    expect(svg.startsWith('<svg')).toBe(true);
    for (const s of ['sparkle', 'bullmq', 'litellm proxy']) expect(svg).toContain(`>${s}<`);
  });
});
