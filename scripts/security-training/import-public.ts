// Copies the public development corpus into public-dev.jsonl with a deterministic split.
//   npx tsx scripts/security-training/import-public.ts /path/to/public-dev.jsonl
// Stratified by label and source family; within each stratum rows are ordered by a hash of their first
// 80 normalised characters (so near-duplicate jailbreak variants share a split) and cut 30% test,
// 10% val, 60% train.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unitHash, type Row } from './generate.js';

const input = process.argv[2];
if (!input) {
  console.error('usage: import-public.ts PUBLIC-DEV.jsonl');
  process.exit(2);
}
type Src = { id: string; text: string; label: 'attack' | 'benign'; source: string; direction: string };
const src = readFileSync(input, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Src).filter((r) => r.direction === 'input');

const family = (s: string) => (s.includes('sysprompt') ? 'sysprompt' : s.split('/')[1]?.replace(/\.json$/, '') ?? s);
const groupKey = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 80);
const strata = new Map<string, Src[]>();
for (const r of src) {
  const k = `${r.label}:${family(r.source)}`;
  strata.set(k, [...(strata.get(k) ?? []), r]);
}
const rows: Row[] = [];
for (const members of strata.values()) {
  const sorted = [...members].sort((a, b) => unitHash(groupKey(a.text)) - unitHash(groupKey(b.text)));
  const nTest = Math.round(sorted.length * 0.3);
  const nVal = Math.round(sorted.length * 0.1);
  let lastKey = '';
  let lastSplit: Row['split'] = 'train';
  sorted.forEach((r, i) => {
    const key = groupKey(r.text);
    // Rows with the same opening stay together even when they straddle a cut.
    const split: Row['split'] = key === lastKey ? lastSplit : i < nTest ? 'test' : i < nTest + nVal ? 'val' : 'train';
    lastKey = key;
    lastSplit = split;
    rows.push({ id: r.id, text: r.text, label: r.label, split, source: r.source });
  });
}
rows.sort((a, b) => a.id.localeCompare(b.id));
const out = new URL('./public-dev.jsonl', import.meta.url);
writeFileSync(out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
for (const split of ['train', 'val', 'test']) {
  const s = rows.filter((r) => r.split === split);
  console.log(`${split}: ${s.filter((r) => r.label === 'attack').length} attacks, ${s.filter((r) => r.label === 'benign').length} benign`);
}
console.log(`wrote ${rows.length} rows to ${fileURLToPath(out)}`);
