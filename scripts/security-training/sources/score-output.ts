// Scores the output guard on every source file of <cache>/guard-data/output/, per source and per kind.
//   npx tsx scripts/security-training/sources/score-output.ts [--misses N] [--scan "CMD"] [--show-heldout] [FILE ...]
// Sources marked "heldout" in the manifest only measure the guard: they get their own HELD-OUT line, and
// their misses (and their rows in the per-kind table) are hidden unless --show-heldout, so nobody tunes on them.
// The scan command (default `npm run -s guard:scan`) gets {id,text,direction} lines and answers with
// {id, blocked, redacted}; caught is computed exactly as ../shared/eval/score.mjs does: a sensitive row is
// caught when it was blocked, or every secret is absent from the redacted text and that text changed; a clean
// row is a false positive when it was blocked or the redacted text differs from the original at all.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, type GuardRow } from './lib.js';

interface ScanOut { id?: string; blocked?: boolean; redacted?: string }
interface Cell { n: number; wrong: number; examples: string[] }

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? (args.splice(i, 2)[1] ?? dflt) : dflt;
};
const showHeldout = args.includes('--show-heldout') && args.splice(args.indexOf('--show-heldout'), 1).length > 0;
const nMisses = Number(opt('--misses', '3'));
const scanCmd = opt('--scan', 'npm run -s guard:scan');
const dir = join(DATA_DIR, 'output');
const files = args.length ? args : readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f));

const manifestPath = join(dir, 'manifest.json');
const manifest = (existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {}) as Record<string, { heldout?: boolean }>;
const heldout = (source: string): boolean => manifest[source]?.heldout === true;
const rows: GuardRow[] = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as GuardRow));
const input = rows.map(({ id, text, direction }) => JSON.stringify({ id, text, direction })).join('\n') + '\n';
const t0 = Date.now();
const run = spawnSync('sh', ['-c', scanCmd], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
if (run.status !== 0) throw new Error(`scan failed (${run.status}): ${run.stderr.slice(-2000)}`);
const out = new Map<string, ScanOut>();
for (const line of run.stdout.split('\n')) {
  if (!line.startsWith('{')) continue;
  const o = JSON.parse(line) as ScanOut;
  if (o.id) out.set(o.id, o);
}

/** True when the guard did the right thing for this row. */
export function correct(r: GuardRow, o: ScanOut): boolean {
  const shown = o.blocked ? '' : typeof o.redacted === 'string' ? o.redacted : r.text;
  if (r.label === 'clean') return !(o.blocked === true || shown !== r.text);
  return o.blocked === true || ((r.secrets ?? []).every((s) => !shown.includes(s)) && shown !== r.text);
}

const bySource = new Map<string, Map<string, Cell>>();
const byKind = new Map<string, Cell>();
const cell = (m: Map<string, Cell>, k: string): Cell => m.get(k) ?? m.set(k, { n: 0, wrong: 0, examples: [] }).get(k)!;
let missing = 0;
for (const r of rows) {
  const o = out.get(r.id);
  if (!o) { missing++; continue; }
  const key = `${r.label}/${r.kind ?? '-'}`;
  const ok = correct(r, o);
  const src = bySource.get(r.source) ?? bySource.set(r.source, new Map()).get(r.source)!;
  const hide = heldout(r.source) && !showHeldout;
  for (const c of hide ? [cell(src, r.label), cell(src, key)] : [cell(src, r.label), cell(byKind, key), cell(src, key)]) {
    c.n++;
    if (!ok) {
      c.wrong++;
      if (c.examples.length < nMisses && !hide) c.examples.push(r.text.replace(/\s+/g, ' ').slice(0, 110));
    }
  }
}

const pct = (c?: Cell, good = true): string => (!c || !c.n ? '   n/a' : `${((100 * (good ? c.n - c.wrong : c.wrong)) / c.n).toFixed(1).padStart(6)}`);
console.log(`scanned ${rows.length} rows of ${files.length} files in ${Date.now() - t0} ms${missing ? `, ${missing} unanswered` : ''}\n`);
console.log('source (* = held out)        sensitive  recall%   clean   FP%');
const blank = (): { s: Cell; c: Cell } => ({ s: { n: 0, wrong: 0, examples: [] }, c: { n: 0, wrong: 0, examples: [] } });
const tot = blank();
const tuned = blank();
const held = blank();
const line = (name: string, t: { s: Cell; c: Cell }): string =>
  `${name.padEnd(28)}${String(t.s.n).padStart(9)}  ${pct(t.s)}  ${String(t.c.n).padStart(6)}  ${pct(t.c, false)}`;
for (const [source, m] of [...bySource].sort((a, b) => Number(heldout(a[0])) - Number(heldout(b[0])) || a[0].localeCompare(b[0]))) {
  const s = m.get('sensitive');
  const c = m.get('clean');
  for (const g of [tot, heldout(source) ? held : tuned]) for (const [t, x] of [[g.s, s], [g.c, c]] as const) if (x) { t.n += x.n; t.wrong += x.wrong; }
  console.log(line(heldout(source) ? `* ${source}` : source, { s: s ?? blank().s, c: c ?? blank().c }));
}
console.log(line('TUNED', tuned));
console.log(line('HELD-OUT', held));
console.log(line('ALL', tot));
console.log(`\nkind${showHeldout ? '' : ' (tuned sources)'}                   rows   correct%`);
for (const [k, c] of [...byKind].sort((a, b) => a[1].wrong / a[1].n - b[1].wrong / b[1].n || a[0].localeCompare(b[0]))) {
  console.log(`${k.padEnd(34)}${String(c.n).padStart(6)}  ${pct(c)}`);
}
console.log('\nworst source/kind cells (wrong rows, examples truncated):');
const cells = [...bySource].filter(([s]) => showHeldout || !heldout(s)).flatMap(([s, m]) => [...m].filter(([k, c]) => k.includes('/') && c.wrong).map(([k, c]) => [s, k, c] as const));
for (const [s, k, c] of cells.sort((a, b) => b[2].wrong / b[2].n - a[2].wrong / a[2].n).slice(0, 40)) {
  console.log(`- ${s} ${k}: ${c.wrong}/${c.n} wrong`);
  for (const e of c.examples) console.log(`    ${e}`);
}
console.log(`\nSUMMARY sens_recall=${pct(tot.s).trim()} sens_fpr=${pct(tot.c, false).trim()} rows=${rows.length}`);
console.log(`HELD-OUT sens_recall=${pct(held.s).trim()} sens_fpr=${pct(held.c, false).trim()} sensitive=${held.s.n} clean=${held.c.n}`);
console.log(`TUNED sens_recall=${pct(tuned.s).trim()} sens_fpr=${pct(tuned.c, false).trim()} sensitive=${tuned.s.n} clean=${tuned.c.n}`);
