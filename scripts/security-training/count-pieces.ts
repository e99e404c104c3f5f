// Counts how often each vocabulary piece occurs in the guard's training texts (canonical form), so
// build-semantic.py keeps the pieces real messages use rather than the most frequent ones of XLM-R's corpus.
//   npx tsx scripts/security-training/count-pieces.ts FULL_SEMANTIC.bin OUT.json
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonical } from '../../activities/security/input/normalize.js';
import { parseSemanticModel, tokenize } from '../../activities/security/input/semantic.js';
import { DATA_DIR } from './sources/lib.js';

const [full, out] = process.argv.slice(2);
if (!full || !out) { console.error('usage: count-pieces.ts FULL_SEMANTIC.bin OUT.json'); process.exit(2); }
const m = parseSemanticModel(readFileSync(full));
const pieces = [...m.ids.keys()];
const files = [new URL('./synthetic.jsonl', import.meta.url), new URL('./public-dev.jsonl', import.meta.url)].map((u) => u.pathname);
for (const dir of ['input', 'output']) {
  const d = join(DATA_DIR, dir);
  if (existsSync(d)) files.push(...readdirSync(d).filter((f) => f.endsWith('.jsonl')).map((f) => join(d, f)));
}
const counts = new Map<number, number>();
for (const f of files) {
  for (const line of readFileSync(f, 'utf8').split('\n')) {
    if (!line) continue;
    const { text } = JSON.parse(line) as { text: string };
    for (const id of tokenize(canonical(text).slice(0, 8000), m)) if (id >= 0) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
}
writeFileSync(out, JSON.stringify(Object.fromEntries([...counts].map(([id, n]) => [pieces[id], n]))));
console.log(`${counts.size} distinct pieces in ${files.length} files -> ${out}`);
