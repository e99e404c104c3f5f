// `npm run bench` ends here (and `tsx bench/summary.ts` redraws it from bench/results/ at any time): one table of
// our figures, the ceiling and each peer with their ratios, the targets, and the chart the README links.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderChart } from './report/chart.js';
import { loadRows } from './report/load.js';
import { renderTable, renderTargets } from './report/table.js';

/** The results of the side-by-side benchmarks; the others (guards, dedup, …) measure our pipeline alone. */
export const SIDE_BY_SIDE = ['chat-load', 'jobs', 'peers-jobs', 'ws-capacity'];

export async function summarise(): Promise<void> {
  const dir = fileURLToPath(new URL('./results', import.meta.url));
  const { rows, invalid } = loadRows(dir, new Set(SIDE_BY_SIDE));
  for (const bad of invalid) console.error(`skipped ${bad.file}: ${bad.reason}`);
  if (rows.length === 0) {
    console.log('no side-by-side results yet: run `npm run bench -- --quick`');
    return;
  }
  console.log(renderTable(rows));
  console.log(`\n${renderTargets(rows)}`);
  const svg = await renderChart(rows, new Date().toISOString().slice(0, 10));
  const file = `${dir}/summary.svg`;
  writeFileSync(file, svg);
  console.log(`\nchart: ${file}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await summarise();
