// Trains the input guard's injection classifier and writes activities/security/model/injection-classifier.json.
//   npm run train:classifier [-- --seed 7 --epochs 15 --l2 1e-3 --lr 0.1 --guard-dev ../shared/eval/guard-dev.jsonl --verbose]
// Data: activities/security/training/{public-dev,synthetic}.jsonl (see the README there). Trains on the
// `train` splits, calibrates thresholds on `val`, reports on `test` splits and on a hand-written file it
// never trains on (guard-dev). Deterministic for a given seed: fixed data order, seeded shuffles.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, featurize, loadModel, predict, type ClassifierModel, type FeatureConfig } from '../activities/security/classifier.js';
import { inspectInput } from '../activities/security/input-guard.js';
import { canonical } from '../activities/security/normalize.js';
import { makeRng, shuffle } from '../activities/security/training/synth-lib.js';

const flag = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : def;
};
const SEED = Number(flag('seed', '7'));
const EPOCHS = Number(flag('epochs', '15'));
const L2 = Number(flag('l2', '1e-3'));
const LR = Number(flag('lr', '0.1'));
const PUBLIC_WEIGHT = Number(flag('public-weight', '1'));
const VAL_FPR = Number(flag('val-fpr', '0.01'));
const cfg: FeatureConfig = { ...DEFAULT_CONFIG, maxChars: Number(flag('max-chars', String(DEFAULT_CONFIG.maxChars))), bits: Number(flag('bits', String(DEFAULT_CONFIG.bits))), nmin: Number(flag('nmin', String(DEFAULT_CONFIG.nmin))), nmax: Number(flag('nmax', String(DEFAULT_CONFIG.nmax))) };
const dataDir = new URL('../activities/security/training/', import.meta.url);
const modelPath = new URL('../activities/security/model/injection-classifier.json', import.meta.url);
const guardDevPath = flag('guard-dev', fileURLToPath(new URL('../../shared/eval/guard-dev.jsonl', import.meta.url)));

interface Row { id: string; text: string; label: 'attack' | 'benign'; split?: string; source?: string; direction?: string }
interface Example { row: Row; y: number; w: number; idx: Int32Array; val: Float32Array; set: string }

const readRows = (path: string | URL): Row[] => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);

const buf = new Int32Array(1 << 20);
function vectorise(row: Row, set: string, w: number): Example {
  const k = featurize(canonical(row.text), cfg, buf);
  const counts = new Map<number, number>();
  for (let i = 0; i < k; i++) counts.set(buf[i]!, (counts.get(buf[i]!) ?? 0) + 1);
  const idx = Int32Array.from(counts.keys());
  const norm = 1 / Math.sqrt(Math.max(1, k)); // same normalisation as classifier.margin()
  const val = Float32Array.from(idx, (j) => counts.get(j)! * norm);
  return { row, y: row.label === 'attack' ? 1 : 0, w, idx, val, set };
}

const pub = readRows(new URL('public-dev.jsonl', dataDir));
const syn = readRows(new URL('synthetic.jsonl', dataDir));
const all: Example[] = [
  ...pub.map((r) => vectorise(r, `public/${r.split}`, PUBLIC_WEIGHT)),
  ...syn.map((r) => vectorise(r, `synthetic/${r.split}`, 1)),
];
const train = all.filter((e) => e.set.endsWith('/train'));
const val = all.filter((e) => e.set.endsWith('/val'));

// Class balance: both classes carry the same total weight.
const pos = train.filter((e) => e.y === 1).reduce((s, e) => s + e.w, 0);
const neg = train.filter((e) => e.y === 0).reduce((s, e) => s + e.w, 0);
// BENIGN_WEIGHT > 1 encodes the prior that most student messages are benign: unfamiliar text then scores low.
const BENIGN_WEIGHT = Number(flag('benign-weight', '1'));
for (const e of train) e.w *= e.y === 1 ? (pos + neg) / (2 * pos) : (BENIGN_WEIGHT * (pos + neg)) / (2 * neg);

// ---- L2-regularised logistic regression, AdaGrad SGD --------------------------------------------------------
const size = 1 << cfg.bits;
const w = new Float32Array(size);
const g2 = new Float32Array(size).fill(1e-8);
let bias = 0;
let bg2 = 1e-8;
const rng = makeRng(SEED);
const score = (e: Example) => { let z = bias; for (let i = 0; i < e.idx.length; i++) z += w[e.idx[i]!]! * e.val[i]!; return z; };
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  let loss = 0;
  for (const e of shuffle(rng, [...train])) {
    const z = score(e);
    const p = 1 / (1 + Math.exp(-z));
    loss += e.w * (e.y ? -Math.log(p + 1e-12) : -Math.log(1 - p + 1e-12));
    const g = (p - e.y) * e.w;
    for (let i = 0; i < e.idx.length; i++) {
      const j = e.idx[i]!;
      const grad = g * e.val[i]! + L2 * w[j]!;
      g2[j] = g2[j]! + grad * grad;
      w[j] = w[j]! - (LR * grad) / Math.sqrt(g2[j]!);
    }
    bg2 += g * g;
    bias -= (LR * g) / Math.sqrt(bg2);
  }
  if (epoch === 0 || epoch === EPOCHS - 1) console.error(`epoch ${epoch + 1}: loss ${(loss / train.length).toFixed(4)}`);
}

// ---- quantise (int8 + scale), calibrate on val ---------------------------------------------------------------
let maxAbs = 0;
for (let j = 0; j < size; j++) maxAbs = Math.max(maxAbs, Math.abs(w[j]!));
const scale = maxAbs / 127 || 1;
const q = Int8Array.from(w, (x) => Math.max(-127, Math.min(127, Math.round(x / scale))));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const quantScore = (e: Example) => { let z = bias; for (let i = 0; i < e.idx.length; i++) z += q[e.idx[i]!]! * scale * e.val[i]!; return sigmoid(z); };

const quantile = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0.5; };
const valBenign = val.filter((e) => e.y === 0).map(quantScore);
// Threshold: just above the benign val score at the target false-positive rate, but never below 0.5, the
// decision boundary of a class-balanced model (attack no likelier than benign => do not block). The floor
// matters: val templates are still ours, and hand-written benign prompts score higher than they do.
const threshold = Math.max(Number(flag('min-threshold', '0.5')), quantile(valBenign, 1 - VAL_FPR) + 1e-4);
const lowThreshold = Math.min(threshold, Math.max(0.2, quantile(valBenign, 0.95)));

const model: ClassifierModel = {
  version: 1, bits: cfg.bits, nmin: cfg.nmin, nmax: cfg.nmax, maxChars: cfg.maxChars,
  bias: Number(bias.toFixed(6)), scale, threshold: Number(threshold.toFixed(4)), lowThreshold: Number(lowThreshold.toFixed(4)),
  weights: Buffer.from(q.buffer).toString('base64'),
  meta: { seed: SEED, epochs: EPOCHS, l2: L2, lr: LR, publicWeight: PUBLIC_WEIGHT, trainRows: train.length, valRows: val.length },
};
writeFileSync(modelPath, JSON.stringify(model) + '\n');
loadModel(model);
console.log(`model: ${fileURLToPath(modelPath)} (${Math.round(JSON.stringify(model).length / 1024)} KB), threshold ${model.threshold}, low ${model.lowThreshold}, train ${train.length}, val ${val.length}`);

// ---- report ------------------------------------------------------------------------------------------------
const pct = (a: number, n: number) => (n ? ((100 * a) / n).toFixed(1) : 'n/a');
function report(name: string, rows: Row[], verbose = false) {
  let tp = 0, fn = 0, fp = 0, tn = 0, ctp = 0, cfp = 0;
  const miss: string[] = [];
  for (const r of rows) {
    const blocked = inspectInput(r.text).blocked;
    const c = predict(canonical(r.text)) >= threshold;
    if (r.label === 'attack') { if (blocked) tp++; else { fn++; miss.push(`  miss ${r.id}: ${r.text.slice(0, 100).replace(/\s+/g, ' ')}`); } if (c) ctp++; }
    else { if (blocked) { fp++; miss.push(`  false positive ${r.id}: ${r.text.slice(0, 100).replace(/\s+/g, ' ')}`); } else tn++; if (c) cfp++; }
  }
  console.log(`${name.padEnd(22)} guard: recall ${pct(tp, tp + fn)}% (${tp}/${tp + fn}) FPR ${pct(fp, fp + tn)}% (${fp}/${fp + tn})   classifier alone: recall ${pct(ctp, tp + fn)}% FPR ${pct(cfp, fp + tn)}%`);
  if (verbose) for (const m of miss.slice(0, 40)) console.log(m);
}
const verbose = process.argv.includes('--verbose');
report('public-dev test (30%)', pub.filter((r) => r.split === 'test'), verbose);
report('synthetic test', syn.filter((r) => r.split === 'test'), verbose);
if (existsSync(guardDevPath)) report('guard-dev (all)', readRows(guardDevPath).filter((r) => r.direction === 'input'), verbose);
report('public-dev val', pub.filter((r) => r.split === 'val'));
report('synthetic val', syn.filter((r) => r.split === 'val'));
report('public-dev train', pub.filter((r) => r.split === 'train'));
