#!/usr/bin/env node
// `npx sparkle …`: runs the TypeScript CLI (scripts/sparkle.ts) through this checkout's tsx, from any directory.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const r = spawnSync(`${root}node_modules/.bin/tsx`, [`${root}scripts/sparkle.ts`, ...process.argv.slice(2)], { stdio: 'inherit' });
if (r.error) {
  console.error(`sparkle: cannot start tsx (${r.error.message}); run \`npm install\` in ${root}`);
  process.exit(70);
}
process.exit(r.status ?? 1);
