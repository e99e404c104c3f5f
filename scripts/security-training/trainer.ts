// Trains the input guard's classifier (classifier.ts): hashed n-gram weights plus a dense head over the
// semantic embedding, fitted together by AdaGrad on a class-balanced logistic loss. Used by
// scripts/train-classifier.ts for both the per-source held-out runs and the shipped model.
import { clip, DEFAULT_CONFIG, featurize, segments, type ClassifierModel, type FeatureConfig } from '../../activities/security/input/classifier.js';
import { canonical } from '../../activities/security/input/normalize.js';
import { embed, semanticModel } from '../../activities/security/input/semantic.js';
import { makeRng, shuffle } from './synth-lib.js';

/** Features of one piece of text: hashed n-grams (index, value) and the semantic embedding. */
export interface Features {
  idx: Int32Array;
  val: Float32Array;
  e: Float32Array;
}

export interface Example {
  id: string;
  text: string;
  y: 0 | 1;
  source: string;
  kind?: string;
  lang: string;
  /** Row weight before class balancing. */
  w: number;
  /** The whole text, then its windows (classifier.segments); the text scores as its worst one. */
  segs: Features[];
}

export interface TrainOptions {
  seed: number;
  epochs: number;
  l2: number;
  lr: number;
  hidden: number;
  /** Extra weight of the benign class (a prior: most student messages are benign). */
  benignWeight: number;
  cfg: FeatureConfig;
}

export const DEFAULT_TRAIN: TrainOptions = { seed: 7, epochs: 12, l2: 1e-6, lr: 0.1, hidden: 32, benignWeight: 1, cfg: DEFAULT_CONFIG };

const buf = new Int32Array(1 << 20);

function features(text: string, cfg: FeatureConfig): Features {
  const k = featurize(text, cfg, buf);
  const counts = new Map<number, number>();
  for (let i = 0; i < k; i++) counts.set(buf[i]!, (counts.get(buf[i]!) ?? 0) + 1);
  const idx = Int32Array.from(counts.keys());
  const norm = 1 / Math.sqrt(Math.max(1, k)); // as classifier.margin()
  const val = Float32Array.from(idx, (j) => counts.get(j)! * norm);
  const e = new Float32Array(semanticModel().dims);
  embed(clip(text, cfg.maxChars), e);
  return { idx, val, e };
}

export function vectorise(row: { id: string; text: string; label: string; source: string; kind?: string; lang?: string }, cfg: FeatureConfig, w = 1): Example {
  const segs = segments(canonical(row.text)).map((t) => features(t, cfg));
  return { id: row.id, text: row.text, y: row.label === 'attack' ? 1 : 0, source: row.source, kind: row.kind, lang: row.lang ?? 'en', w, segs };
}

/**
 * Balances the classes within each language: where most rows of a language are attacks (multilingual attack
 * suites are common, multilingual benign sets rarer), the model would otherwise learn the script, not the
 * intent, and block every Arabic question. A language with no benign rows keeps a tenth of its weight.
 */
export function balanceLanguages(examples: Example[]): void {
  const sums = new Map<string, [number, number]>();
  for (const e of examples) {
    const s = sums.get(e.lang) ?? [0, 0];
    s[e.y] += e.w;
    sums.set(e.lang, s);
  }
  for (const e of examples) {
    const [neg, pos] = sums.get(e.lang)!;
    const mine = e.y === 1 ? pos : neg;
    const other = e.y === 1 ? neg : pos;
    e.w *= other > 0 ? Math.min(1, other / mine) : e.y === 1 ? 0.1 : 1;
  }
}

export interface Trained {
  model: ClassifierModel;
  /** Probability under the float (unquantised) weights; the shipped model quantises the n-gram table. */
  score(e: Example): number;
}

const b64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

export function train(examples: Example[], o: TrainOptions): Trained {
  const { cfg } = o;
  const size = 1 << cfg.bits;
  const dims = examples[0]!.segs[0]!.e.length;
  const H = o.hidden;
  const rng = makeRng(o.seed);
  const w = new Float32Array(size);
  const g2 = new Float32Array(size).fill(1e-8);
  const u = new Float32Array(dims);
  const gu = new Float32Array(dims).fill(1e-8);
  const W = Float32Array.from({ length: H * dims }, () => (rng() * 2 - 1) * Math.sqrt(6 / (dims + H)));
  const gW = new Float32Array(H * dims).fill(1e-8);
  const c = new Float32Array(H);
  const gc = new Float32Array(H).fill(1e-8);
  const v = Float32Array.from({ length: H }, () => (rng() * 2 - 1) * 0.1);
  const gv = new Float32Array(H).fill(1e-8);
  let bias = 0;
  let gb = 1e-8;
  const act = new Float32Array(H);

  // Class balance: both classes carry the same total weight (benign times benignWeight).
  const pos = examples.filter((e) => e.y === 1).reduce((s, e) => s + e.w, 0);
  const neg = examples.filter((e) => e.y === 0).reduce((s, e) => s + e.w, 0);
  const cw = (e: Example) => e.w * (e.y === 1 ? (pos + neg) / (2 * pos) : (o.benignWeight * (pos + neg)) / (2 * neg));

  const forward = (ex: Features) => {
    let z = bias;
    for (let i = 0; i < ex.idx.length; i++) z += w[ex.idx[i]!]! * ex.val[i]!;
    const e = ex.e;
    for (let i = 0; i < dims; i++) z += u[i]! * e[i]!;
    for (let h = 0; h < H; h++) {
      let a = c[h]!;
      const row = h * dims;
      for (let i = 0; i < dims; i++) a += W[row + i]! * e[i]!;
      act[h] = a > 0 ? a : 0;
      z += v[h]! * act[h]!;
    }
    return z;
  };
  const step = (p: Float32Array, g: Float32Array, j: number, grad: number) => {
    g[j] = g[j]! + grad * grad;
    p[j] = p[j]! - (o.lr * grad) / Math.sqrt(g[j]!);
  };

  // Multiple-instance step: the gradient flows through the worst (highest-scoring) segment only, which is
  // where an attack text's instruction sits and what a benign text must keep below the threshold.
  const worst = (ex: Example) => {
    let best = ex.segs[0]!;
    let bz = -Infinity;
    for (const f of ex.segs) { const z = forward(f); if (z > bz) { bz = z; best = f; } }
    return best;
  };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const item of shuffle(rng, [...examples])) {
      const ex = worst(item);
      const z = forward(ex);
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - item.y) * cw(item);
      for (let i = 0; i < ex.idx.length; i++) {
        const j = ex.idx[i]!;
        step(w, g2, j, g * ex.val[i]! + o.l2 * w[j]!);
      }
      const e = ex.e;
      for (let i = 0; i < dims; i++) step(u, gu, i, g * e[i]! + o.l2 * u[i]!);
      for (let h = 0; h < H; h++) {
        const a = act[h]!;
        const gh = g * v[h]!;
        step(v, gv, h, g * a + o.l2 * v[h]!);
        if (a <= 0) continue;
        step(c, gc, h, gh);
        const row = h * dims;
        for (let i = 0; i < dims; i++) step(W, gW, row + i, gh * e[i]! + o.l2 * W[row + i]!);
      }
      gb += g * g;
      bias -= (o.lr * g) / Math.sqrt(gb);
    }
  }

  let maxAbs = 0;
  for (let j = 0; j < size; j++) maxAbs = Math.max(maxAbs, Math.abs(w[j]!));
  const scale = maxAbs / 127 || 1;
  const q = Int8Array.from(w, (x) => Math.max(-127, Math.min(127, Math.round(x / scale))));
  const model: ClassifierModel = {
    version: 1, bits: cfg.bits, nmin: cfg.nmin, nmax: cfg.nmax, maxChars: cfg.maxChars,
    bias: Number(bias.toFixed(6)), scale, threshold: 0.5, lowThreshold: 0.25,
    weights: Buffer.from(q.buffer).toString('base64'),
    dense: { dims, hidden: H, u: b64(u), W: b64(W), c: b64(c), v: b64(v) },
    meta: { seed: o.seed, epochs: o.epochs, l2: o.l2, lr: o.lr, hidden: H, benignWeight: o.benignWeight, trainRows: examples.length },
  };
  return { model, score: (ex) => 1 / (1 + Math.exp(-forward(worst(ex)))) };
}
