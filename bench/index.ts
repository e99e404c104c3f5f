// `npm run bench`: every benchmark, one after another (they share this machine's two cores).
// The guard benchmark's target is stated for one core, so it runs pinned to CPU 0 where taskset exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const benches: { file: string; oneCore?: boolean }[] = [{ file: 'guards.ts', oneCore: true }, { file: 'chat-turn.ts' }, { file: 'writers.ts' }, { file: 'dedup.ts' }, { file: 'import.ts' }, { file: 'sandbox.ts' }, { file: 'retrieval.ts' }, { file: 'embedding-thresholds.ts' }];
for (const b of benches) {
  console.log(`== ${b.file}`);
  const script = fileURLToPath(new URL(b.file, import.meta.url));
  if (b.oneCore && hasTaskset) execFileSync('taskset', ['-c', '0', tsx, script], { stdio: 'inherit' });
  else execFileSync(tsx, [script], { stdio: 'inherit' });
}
