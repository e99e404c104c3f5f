// `npm run bench`: every benchmark, one after another (they share this machine's two cores).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = ['guards.ts', 'chat-turn.ts'];
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
for (const b of benches) {
  console.log(`== ${b}`);
  execFileSync(tsx, [fileURLToPath(new URL(b, import.meta.url))], { stdio: 'inherit' });
}
