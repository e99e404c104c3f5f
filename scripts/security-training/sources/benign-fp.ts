// False-positive report of the current input guard on the public benign files written by benign.ts.
//   npx tsx scripts/security-training/sources/benign-fp.ts [source ...] [--examples N] [--json]
// Pipes each file through `scripts/guard-scan.ts` (the same path as `npm run guard:scan`, no services),
// keeps the verdicts in <data>/input/scan/<source>.jsonl and prints the blocked share per source, per kind
// and per language, plus a few wrongly blocked texts per kind.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, type GuardRow, type SourceInfo } from './lib.js';
import { ALL } from './benign.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INPUT = join(DATA_DIR, 'input');

interface Verdict {
  id: string;
  blocked: boolean;
  categories?: string[];
}
type Manifest = Record<string, SourceInfo & { rows: number; labels: Record<string, number>; family?: string }>;

function scan(file: string): Map<string, Verdict> {
  const r = spawnSync('npx', ['tsx', 'scripts/guard-scan.ts'], { cwd: ROOT, input: readFileSync(file), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`guard-scan failed on ${file}: ${r.stderr.toString().slice(0, 500)}`);
  const out = new Map<string, Verdict>();
  for (const line of r.stdout.toString().split('\n')) if (line.trim()) out.set((JSON.parse(line) as Verdict).id, JSON.parse(line) as Verdict);
  return out;
}

const pct = (b: number, n: number) => (n ? `${((100 * b) / n).toFixed(1)} %` : '-');

class Tally {
  readonly m = new Map<string, [number, number]>();
  add(key: string, blocked: boolean): void {
    const [b, n] = this.m.get(key) ?? [0, 0];
    this.m.set(key, [b + (blocked ? 1 : 0), n + 1]);
  }
  line(): string {
    return [...this.m].sort((a, b) => b[1][1] - a[1][1]).map(([k, [b, n]]) => `${k} ${pct(b, n)} (${b}/${n})`).join(', ');
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const nEx = args.includes('--examples') ? Number(args[args.indexOf('--examples') + 1]) : 3;
  const only = new Set(args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--examples'));
  const manifest = JSON.parse(readFileSync(join(INPUT, 'manifest.json'), 'utf8')) as Manifest;
  // Our sources only (other importers share the manifest), in the runner's order.
  const benign = ALL.map((s) => manifest[s.source]).filter((m): m is Manifest[string] => !!m && (!only.size || only.has(m.source)));
  mkdirSync(join(INPUT, 'scan'), { recursive: true });
  const byKind = new Tally();
  const byLang = new Tally();
  const examples = new Map<string, string[]>();
  let total = 0;
  let blockedTotal = 0;
  const table: string[] = ['| source | family | rows | kinds | langs | licence | commit | FP rate |', '| --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const m of benign) {
    const file = join(INPUT, `${m.source}.jsonl`);
    if (!existsSync(file)) continue;
    const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as GuardRow);
    const verdicts = scan(file);
    writeFileSync(join(INPUT, 'scan', `${m.source}.jsonl`), [...verdicts.values()].map((v) => JSON.stringify(v)).join('\n') + '\n');
    const kinds = new Tally();
    const langs = new Map<string, number>();
    let blocked = 0;
    for (const r of rows) {
      const v = verdicts.get(r.id);
      if (!v) throw new Error(`${m.source}: no verdict for ${r.id}`);
      const kind = r.kind ?? '-';
      kinds.add(kind, v.blocked);
      byKind.add(kind, v.blocked);
      byLang.add(r.lang ?? 'en', v.blocked);
      langs.set(r.lang ?? 'en', (langs.get(r.lang ?? 'en') ?? 0) + 1);
      if (v.blocked) {
        blocked++;
        const ex = examples.get(kind) ?? [];
        ex.push(`[${m.source}; ${(v.categories ?? []).join(',')}] ${r.text.replace(/\s+/g, ' ').slice(0, 150)}`);
        examples.set(kind, ex);
      }
    }
    total += rows.length;
    blockedTotal += blocked;
    const langList = [...langs].sort((a, b) => b[1] - a[1]).map(([l]) => l).join(' ');
    table.push(`| ${m.source} | ${m.family ?? ''} | ${rows.length} | ${kinds.line()} | ${langList} | ${m.licence} | ${m.commit.slice(0, 10)} | ${pct(blocked, rows.length)} (${blocked}) |`);
    process.stderr.write(`${m.source}: ${pct(blocked, rows.length)} blocked of ${rows.length}\n`);
  }
  console.log(table.join('\n'));
  console.log(`\nall: ${pct(blockedTotal, total)} (${blockedTotal}/${total})`);
  console.log(`by kind: ${byKind.line()}`);
  console.log(`by lang: ${byLang.line()}`);
  for (const [kind, ex] of examples) {
    // Spread the examples over sources rather than showing the first file's only.
    const picked = [...new Map(ex.map((e) => [e.slice(0, e.indexOf(';')), e])).values()].concat(ex).filter((e, i, a) => a.indexOf(e) === i);
    console.log(`\nblocked ${kind}:\n${picked.slice(0, nEx).map((e) => `  - ${e}`).join('\n')}`);
  }
}

main();
