// `npm run bench`: every benchmark, one after another (they share this machine's two cores), then the side-by-side
// table and chart (bench/summary.ts). `npm run bench -- --quick` runs only the side-by-side benchmarks, each
// shrunk (BENCH_QUICK=1) so the whole run takes a few minutes.
// The guard benchmark's target is stated for one core, so it runs pinned to CPU 0 where taskset exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SIDE_BY_SIDE, summarise } from './summary.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const ownPipeline = ['guards', 'chat-turn', 'writers', 'dedup', 'import', 'sandbox', 'retrieval', 'embedding-thresholds'];
const names = values.quick ? SIDE_BY_SIDE : [...ownPipeline, ...SIDE_BY_SIDE];
const env = values.quick ? { ...process.env, BENCH_QUICK: '1' } : process.env;
const started = performance.now();
for (const name of names) {
  console.log(`== ${name}`);
  const script = fileURLToPath(new URL(`${name}.ts`, import.meta.url));
  if (name === 'guards' && hasTaskset) execFileSync('taskset', ['-c', '0', tsx, script], { stdio: 'inherit', env });
  else execFileSync(tsx, [script], { stdio: 'inherit', env });
}
console.log(`\n== side by side (${((performance.now() - started) / 1000).toFixed(0)} s of benchmarks)`);
await summarise();
