// Prints the training-source table of the model card (activities/security/model/README.md) from the
// manifests the importers wrote, so the card names exactly what the shipped model was trained on.
//   npx tsx scripts/security-training/sources/card-table.ts [input|output]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './lib.js';

const direction = process.argv[2] ?? 'input';
const path = join(DATA_DIR, direction, 'manifest.json');
if (!existsSync(path)) { console.error(`no manifest at ${path}: run the importers first`); process.exit(1); }
const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { repo: string; commit: string; licence: string; rows: number; labels: Record<string, number>; family?: string }>;
console.log('| source | repository | commit | licence | rows | labels |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, s] of Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b))) {
  const labels = Object.entries(s.labels).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`| ${name} | ${s.repo} | ${s.commit.slice(0, 10)} | ${s.licence.replace(/\|/g, '/')} | ${s.rows} | ${labels} |`);
}
