// Trains the input guard's classifier and writes activities/security/model/injection-classifier.json.
//   npm run train:classifier [-- --folds 5 --fpr 0.02 --epochs 12 --hidden 32 --no-cv --verbose]
// Data (scripts/security-training/README.md): our synthetic set, the team's public-dev copy, and every
// public source imported into $SPARKLE_CACHE/guard-data/input (training/sources/). Evaluation holds out
// whole sources: public sources are dealt into folds, each fold's model never sees its sources, and the
// per-source table reports the guard (rules + that fold's classifier) on them. The shipped model then trains
// on everything; its threshold is the one picked on the out-of-fold scores. guard-dev (hand-written) is
// never trained on. Deterministic for a given seed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, loadModel, type ClassifierModel } from '../activities/security/input/classifier.js';
import { inspectInput } from '../activities/security/input/guard.js';
import { DATA_DIR, dedupKey } from './security-training/sources/lib.js';
import { balanceLanguages, DEFAULT_TRAIN, train, vectorise, type Example, type TrainOptions } from './security-training/trainer.js';

const flag = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : def;
};
const has = (name: string) => process.argv.includes(`--${name}`);
const opts: TrainOptions = {
  ...DEFAULT_TRAIN,
  seed: Number(flag('seed', String(DEFAULT_TRAIN.seed))),
  epochs: Number(flag('epochs', String(DEFAULT_TRAIN.epochs))),
  l2: Number(flag('l2', String(DEFAULT_TRAIN.l2))),
  lr: Number(flag('lr', String(DEFAULT_TRAIN.lr))),
  hidden: Number(flag('hidden', String(DEFAULT_TRAIN.hidden))),
  benignWeight: Number(flag('benign-weight', String(DEFAULT_TRAIN.benignWeight))),
  cfg: { ...DEFAULT_CONFIG, maxChars: Number(flag('max-chars', String(DEFAULT_CONFIG.maxChars))) },
};
const FOLDS = Number(flag('folds', '5'));
const FPR = Number(flag('fpr', '0.02'));
/** Rows a source contributes at most to training (a big source must not drown the others). */
const SOURCE_CAP = Number(flag('source-cap', '1500'));
/** Kinds left out of training and evaluation (e.g. plain harmful requests, which are not injections). */
const SKIP_KINDS = new Set(flag('skip-kinds', 'harmful').split(',').filter(Boolean));
const trainingDir = new URL('../scripts/security-training/', import.meta.url);
const modelPath = flag('out', fileURLToPath(new URL('../activities/security/model/injection-classifier.json', import.meta.url)));
const guardDevPath = flag('guard-dev', fileURLToPath(new URL('../../shared/eval/guard-dev.jsonl', import.meta.url)));

interface Row {
  id: string;
  text: string;
  label: string;
  split?: string;
  source: string;
  kind?: string;
  direction?: string;
}
const readRows = (path: string | URL): Row[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);

// ---- data ----------------------------------------------------------------------------------------------------
const synthetic = readRows(new URL('synthetic.jsonl', trainingDir)).map((r) => ({ ...r, source: 'synthetic' }));
const publicDev = readRows(new URL('public-dev.jsonl', trainingDir)).map((r) => ({ ...r, source: r.label === 'attack' ? 'shared-garak' : 'shared-gsm8k' }));
const imported: Row[] = [];
const inputDir = join(DATA_DIR, 'input');
if (existsSync(inputDir)) {
  for (const f of readdirSync(inputDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort())
    imported.push(...readRows(join(inputDir, f)));
}
// One text, one source: a text two sources share stays with the first (so a held-out source is unseen).
const seen = new Set<string>();
const unique = (rows: Row[]) =>
  rows.filter((r) => {
    const k = dedupKey(r.text);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
const syntheticRows = unique(synthetic.filter((r) => r.split !== 'test'));
const publicRows = unique([...publicDev, ...imported]).filter((r) => !SKIP_KINDS.has(r.kind ?? ''));
const sources = [...new Set(publicRows.map((r) => r.source))].sort();
console.error(`synthetic ${syntheticRows.length} rows, public ${publicRows.length} rows in ${sources.length} sources`);

const t0 = Date.now();
const bySource = new Map<string, Example[]>();
for (const r of publicRows) {
  const list = bySource.get(r.source) ?? [];
  list.push(vectorise(r, opts.cfg));
  bySource.set(r.source, list);
}
for (const [, list] of bySource) for (const e of list) e.w = Math.min(1, SOURCE_CAP / list.length);
const syntheticExamples = syntheticRows.map((r) => vectorise(r, opts.cfg));
console.error(`vectorised in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

// ---- per-source held-out evaluation ----------------------------------------------------------------------------
// Sources that share material are one group and are held out together: translations of one set (the
// manifest's `family`), and attack sets built on the same seeds (AdvBench goals; DAN-era templates, which the
// team's garak-based corpus shares too).
const SHARED_GROUPS: Record<string, string> = {
  jailbreakbench: 'advbench',
  'llm-adaptive-attacks': 'advbench',
  fuzzyai: 'advbench',
  flipattack: 'advbench',
  'chatgpt-dan': 'dan',
  pallms: 'dan',
  easyjailbreak: 'dan',
  gptfuzz: 'dan',
  'shared-garak': 'dan',
  'llm-jailbreaks': 'dan',
  'payloadsallthethings-pi': 'payloadsallthethings',
  'payloadsallthethings-probe': 'payloadsallthethings',
};
const manifest: Record<string, { family?: string; licence?: string }> = existsSync(join(inputDir, 'manifest.json'))
  ? JSON.parse(readFileSync(join(inputDir, 'manifest.json'), 'utf8'))
  : {};
const groupOf = (s: string) => SHARED_GROUPS[s] ?? manifest[s]?.family ?? s;
// The shipped model learns only from sources whose licence allows it in a product: permissive licences, and
// not non-commercial, research-only, copyleft or unlicensed data. Those sources are evaluated only, by a
// model that never saw them.
const PERMISSIVE = /\b(?:MIT|Apache|CC0|CC BY 4\.0|CC BY-SA|BSD)\b/i;
const RESTRICTED = /\bNC\b|non-commercial|research|GPL|none|no licen[cs]e|unknown/i;
const trainable = (s: string) => s.startsWith('shared-') || (PERMISSIVE.test(manifest[s]?.licence ?? '') && !RESTRICTED.test(manifest[s]?.licence ?? ''));
const trainSources = sources.filter(trainable);
const evalOnly = sources.filter((s) => !trainable(s));
console.error(`evaluated only (licence): ${evalOnly.join(', ')}`);

// Groups are dealt into folds largest first, attack and benign separately, so every fold holds both.
function folds(): string[][] {
  const out: string[][] = Array.from({ length: FOLDS }, () => []);
  const size = Array.from({ length: FOLDS }, () => 0);
  for (const label of [1, 0]) {
    const groups = new Map<string, string[]>();
    for (const s of trainSources.filter((x) => bySource.get(x)![0]!.y === label)) groups.set(groupOf(s), [...(groups.get(groupOf(s)) ?? []), s]);
    const rows = (g: string[]) => g.reduce((n, s) => n + bySource.get(s)!.length, 0);
    for (const g of [...groups.values()].sort((a, b) => rows(b) - rows(a))) {
      const i = size.indexOf(Math.min(...size));
      out[i]!.push(...g);
      size[i]! += rows(g);
    }
  }
  return out;
}

const pct = (a: number, n: number) => (n ? ((100 * a) / n).toFixed(1) : 'n/a');

// Weights are set per training set (a held-out source changes the balance), on copies of the examples.
const balanced = (set: Example[]) => {
  if (has('no-lang-balance')) return set;
  const copy = set.map((e) => ({ ...e }));
  balanceLanguages(copy);
  return copy;
};

interface FoldResult {
  model: ClassifierModel;
  held: string[];
  oof: Map<string, number>;
}
const foldResults: FoldResult[] = [];
if (!has('no-cv')) {
  for (const held of folds()) {
    const heldSet = new Set(held);
    const trainSet = [...syntheticExamples, ...trainSources.filter((s) => !heldSet.has(s)).flatMap((s) => bySource.get(s)!)];
    const t = train(balanced(trainSet), opts);
    const oof = new Map<string, number>();
    for (const s of held) for (const e of bySource.get(s)!) oof.set(e.id, t.score(e));
    foldResults.push({ model: t.model, held, oof });
    console.error(`fold held out [${held.join(', ')}]: trained on ${trainSet.length} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
}

// Threshold: the out-of-fold benign score at the target false-positive rate, pooled over benign sources with
// equal weight per source (so a large easy source cannot hide a small hard one).
function pickThreshold(): number {
  if (!foldResults.length) return Number(flag('threshold', '0.5'));
  const benign = trainSources.filter((s) => bySource.get(s)![0]!.y === 0);
  let lo = 0.05,
    hi = 0.99;
  for (let it = 0; it < 30; it++) {
    const mid = (lo + hi) / 2;
    const fp = benign.map((s) => {
      const ex = bySource.get(s)!;
      const oof = foldResults.find((f) => f.held.includes(s))!.oof;
      return ex.filter((e) => oof.get(e.id)! >= mid).length / ex.length;
    });
    const mean = fp.reduce((a, b) => a + b, 0) / fp.length;
    if (mean > FPR) lo = mid;
    else hi = mid;
  }
  return Number(hi.toFixed(4));
}
const threshold = pickThreshold();
if (has('oof')) {
  const lines = foldResults.flatMap((f) =>
    f.held.flatMap((s) =>
      bySource
        .get(s)!
        .map((e) => JSON.stringify({ id: e.id, source: s, kind: e.kind, y: e.y, p: Number(f.oof.get(e.id)!.toFixed(4)), text: e.text.slice(0, 300) })),
    ),
  );
  writeFileSync(flag('oof', ''), lines.join('\n') + '\n');
}
const lowThreshold = Number(Math.max(0.2, threshold * 0.5).toFixed(4));

function guardRate(rows: { text: string }[]): number {
  return rows.filter((r) => inspectInput(r.text).blocked).length;
}

if (foldResults.length) {
  console.log(`\nper-source held-out results (threshold ${threshold}, classifier at that threshold / whole guard)`);
  console.log(`${'source'.padEnd(34)} ${'label'.padEnd(7)} ${'rows'.padStart(6)}  classifier   guard`);
  const totals = { attack: [0, 0], benign: [0, 0] } as Record<string, [number, number]>;
  for (const f of foldResults) {
    loadModel({ ...f.model, threshold, lowThreshold });
    for (const s of f.held) {
      const ex = bySource.get(s)!;
      const c = ex.filter((e) => f.oof.get(e.id)! >= threshold).length;
      const g = guardRate(ex);
      const label = ex[0]!.y === 1 ? 'attack' : 'benign';
      totals[label]![0] += g / ex.length;
      totals[label]![1] += 1;
      console.log(`${s.padEnd(34)} ${label.padEnd(7)} ${String(ex.length).padStart(6)}  ${pct(c, ex.length).padStart(9)}%  ${pct(g, ex.length).padStart(6)}%`);
      if (has('verbose')) {
        const wrong = ex.filter((e) => inspectInput(e.text).blocked !== (e.y === 1)).slice(0, 8);
        for (const e of wrong) console.log(`    ${e.kind ?? ''} ${e.text.slice(0, 140).replace(/\s+/g, ' ')}`);
      }
    }
  }
  const mean = (l: string) => pct(totals[l]![0], totals[l]![1]);
  console.log(`mean over sources: attack recall ${mean('attack')}%, benign false positives ${mean('benign')}%`);
}

// ---- the shipped model -----------------------------------------------------------------------------------------
const everything = [...syntheticExamples, ...trainSources.flatMap((s) => bySource.get(s)!)];
const final = train(balanced(everything), opts);
const model: ClassifierModel = { ...final.model, threshold, lowThreshold, meta: { ...final.model.meta, sources, folds: FOLDS, targetFpr: FPR } };
writeFileSync(modelPath, JSON.stringify(model) + '\n');
loadModel(model);
console.log(
  `\nmodel: ${modelPath} (${Math.round(JSON.stringify(model).length / 1024)} KB), threshold ${threshold}, low ${lowThreshold}, ${everything.length} rows, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
);
const report = (name: string, rows: Row[]) => {
  const a = rows.filter((r) => r.label === 'attack');
  const b = rows.filter((r) => r.label !== 'attack');
  console.log(`${name.padEnd(24)} recall ${pct(guardRate(a), a.length)}% (${a.length})  false positives ${pct(guardRate(b), b.length)}% (${b.length})`);
};
if (evalOnly.length) {
  console.log('\nsources never trained on (licence), shipped model:');
  for (const s of evalOnly) {
    const ex = bySource.get(s)!;
    console.log(
      `${s.padEnd(34)} ${(ex[0]!.y === 1 ? 'attack' : 'benign').padEnd(7)} ${String(ex.length).padStart(6)}  guard ${pct(guardRate(ex), ex.length).padStart(6)}%`,
    );
  }
}
report(
  'synthetic test (held-out templates)',
  synthetic.filter((r) => r.split === 'test'),
);
if (existsSync(guardDevPath))
  report(
    'guard-dev (never trained on)',
    readRows(guardDevPath).filter((r) => r.direction === 'input'),
  );
