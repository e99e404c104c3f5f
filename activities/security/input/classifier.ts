// Local injection/jailbreak classifier: a logistic model over hashed n-grams of the canonical text plus a
// small dense head over its semantic embedding (semantic.ts, distilled from multilingual-e5-small).
//
// Why this model: pattern rules miss the long tail of real jailbreaks (persona set-ups, "two responses"
// formats, token games) whose wording varies endlessly but whose vocabulary does not. A linear model over
// character 3..5-grams (robust to inflection, typos and CJK without word boundaries) plus word uni/bigrams
// learns that vocabulary from a few thousand examples, trains in seconds in TypeScript (scripts/
// train-classifier.ts, no Python), ships as one small JSON file (~340 KB) and scores a 4 KB text in
// ~0.04 ms: one pass of FNV-1a hashing into a 2^18 table of int8 weights, no allocation per n-gram.
// A linear model is also easy to audit (its weights are per n-gram) and cannot be slow on odd input.
import { readFileSync } from 'node:fs';
import { embed } from './semantic.js';

export interface ClassifierModel {
  version: 1;
  bits: number;
  nmin: number;
  nmax: number;
  /** Longest text scored as one piece: longer texts keep their head and tail (where set-ups and payloads sit). */
  maxChars: number;
  bias: number;
  /** Weight = int8 * scale. */
  scale: number;
  /** Probability at or above which the classifier alone flags a text (calibrated on a validation split). */
  threshold: number;
  /** Lower bar at which a weak rule hit is confirmed. */
  lowThreshold: number;
  /** Base64 of an Int8Array of 2^bits weights. */
  weights: string;
  /** Dense head over the semantic embedding: u·e + v·relu(W e + c), added to the linear score. */
  dense?: DenseHead;
  meta?: Record<string, unknown>;
}

export interface DenseHead {
  dims: number;
  hidden: number;
  /** Base64 Float32Arrays: u [dims], W [hidden × dims] row-major, c [hidden], v [hidden]. */
  u: string;
  W: string;
  c: string;
  v: string;
}

interface DenseWeights {
  dims: number;
  hidden: number;
  u: Float32Array;
  W: Float32Array;
  c: Float32Array;
  v: Float32Array;
}

interface Loaded {
  model: ClassifierModel;
  w: Int8Array;
  dense: DenseWeights | null;
}

export const DEFAULT_CONFIG = { bits: 18, nmin: 3, nmax: 5, maxChars: 2048 };
export type FeatureConfig = typeof DEFAULT_CONFIG;

const WORD_SEED = 0x9747b28c;
const BIGRAM_SEED = 0x5bd1e995;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

// Word characters: ASCII letters/digits/apostrophe and non-CJK letters; CJK, kana and Hangul are left to
// the character n-grams (they have no spaces to split on).
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || (c >= 65 && c <= 90);
  return c >= 0xc0 && c < 0x2000;
}

/** Text as the model sees it: long texts keep head and tail. */
export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = Math.floor(maxChars * 0.75);
  return text.slice(0, head) + ' ' + text.slice(text.length - (maxChars - head));
}

/**
 * Writes the hashed feature indices of `text` (already canonical) into `out` and returns how many.
 * Repeated features repeat in `out`; the score divides by sqrt(count), an L2 normalisation that treats
 * occurrences as distinct, so no per-text hash map is needed.
 */
export function featurize(text: string, cfg: FeatureConfig, out: Int32Array): number {
  const shift = 32 - cfg.bits;
  const t = clip(text, cfg.maxChars);
  const n = t.length + 2;
  // Char codes once, padded with a space at both ends (word boundaries count as context).
  if (codes.length < n) codes = new Uint16Array(n * 2);
  const c = codes;
  c[0] = 32;
  for (let i = 0; i < t.length; i++) c[i + 1] = t.charCodeAt(i);
  c[n - 1] = 32;
  const { nmin, nmax } = cfg;
  let k = 0;
  const limit = out.length - nmax - 2;
  // Character n-grams: FNV-1a extended one character at a time; the top bits index the table (FNV's
  // multiply carries entropy upwards, so high bits are the well-mixed ones).
  for (let i = 0; i < n && k < limit; i++) {
    let h = 0x811c9dc5;
    const end = i + nmax < n ? i + nmax : n;
    for (let j = i; j < end; j++) {
      h = Math.imul(h ^ c[j]!, 0x01000193);
      if (j - i + 1 >= nmin) out[k++] = h >>> shift;
    }
  }
  // Word unigrams and bigrams.
  let prev = 0;
  let h = WORD_SEED;
  let inWord = false;
  for (let i = 0; i < n && k < limit; i++) {
    const ch = c[i]!;
    if (isWordChar(ch)) {
      h = Math.imul(h ^ ch, 0x01000193);
      inWord = true;
    } else if (inWord) {
      out[k++] = fmix(h) >>> shift;
      if (prev !== 0) out[k++] = fmix(Math.imul(prev ^ BIGRAM_SEED, 31) + h) >>> shift;
      prev = h;
      h = WORD_SEED;
      inWord = false;
    }
  }
  return k;
}

let codes = new Uint16Array(8192);
let scratch = new Int32Array(64 * 1024);
let loaded: Loaded | null = null;

const f32 = (b64: string, n: number, what: string) => {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length !== 4 * n) throw new Error(`classifier ${what}: ${bytes.length} bytes, expected ${4 * n}`);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

function decode(model: ClassifierModel): Loaded {
  const bytes = Buffer.from(model.weights, 'base64');
  if (bytes.length !== 1 << model.bits) throw new Error(`classifier weights: ${bytes.length} bytes, expected ${1 << model.bits}`);
  const d = model.dense;
  const dense = d
    ? { dims: d.dims, hidden: d.hidden, u: f32(d.u, d.dims, 'u'), W: f32(d.W, d.dims * d.hidden, 'W'), c: f32(d.c, d.hidden, 'c'), v: f32(d.v, d.hidden, 'v') }
    : null;
  return { model, w: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), dense };
}

/** The dense head's contribution for embedding `e` (0 without a head). */
export function denseScore(e: Float32Array, d: DenseWeights | null = current().dense): number {
  if (!d) return 0;
  let z = 0;
  for (let i = 0; i < d.dims; i++) z += d.u[i]! * e[i]!;
  for (let h = 0; h < d.hidden; h++) {
    let a = d.c[h]!;
    const row = h * d.dims;
    for (let i = 0; i < d.dims; i++) a += d.W[row + i]! * e[i]!;
    if (a > 0) z += d.v[h]! * a;
  }
  return z;
}

/** Installs a model (training and tests); without a call, the shipped model is read on first use. */
export function loadModel(model: ClassifierModel): void {
  loaded = decode(model);
}

function current(): Loaded {
  if (!loaded) {
    const json = readFileSync(new URL('../model/injection-classifier.json', import.meta.url), 'utf8');
    loaded = decode(JSON.parse(json) as ClassifierModel);
  }
  return loaded;
}

export function modelInfo(): Pick<ClassifierModel, 'threshold' | 'lowThreshold'> {
  const { threshold, lowThreshold } = current().model;
  return { threshold, lowThreshold };
}

let embedding = new Float32Array(0);

/** Raw score of canonical text (before the sigmoid). */
export function margin(text: string): number {
  const { model, w, dense } = current();
  let z = model.bias;
  if (dense) {
    if (embedding.length !== dense.dims) embedding = new Float32Array(dense.dims);
    embed(clip(text, model.maxChars), embedding);
    z += denseScore(embedding, dense);
  }
  const cfg = { bits: model.bits, nmin: model.nmin, nmax: model.nmax, maxChars: model.maxChars };
  const need = (Math.min(text.length, model.maxChars) + 4) * (model.nmax - model.nmin + 2) + 16;
  if (scratch.length < need) scratch = new Int32Array(need);
  const k = featurize(text, cfg, scratch);
  if (k === 0) return z;
  let sum = 0;
  for (let i = 0; i < k; i++) sum += w[scratch[i]!]!;
  return z + (sum * model.scale) / Math.sqrt(k);
}

/** Probability that canonical `text` is an injection or jailbreak attempt. */
export function predict(text: string): number {
  return 1 / (1 + Math.exp(-margin(text)));
}

// ---- segments ------------------------------------------------------------------------------------------------
// An instruction planted in a pasted document is one sentence among many: averaged over the whole text it
// vanishes. So long texts are also scored in windows of a few sentences and the text scores as its worst
// window (the model is trained the same way: multiple-instance, see scripts/security-training/trainer.ts).
export const SEGMENT_CHARS = 360;
const MIN_SEGMENTED = 480;
const MAX_SEGMENTS = 24;
const SENTENCE = /[^.!?。！？\n]*(?:[.!?。！？]+["')\]]*\s*|\n+|$)/g;

/** The whole text first, then (for long texts) windows of whole sentences of up to ~SEGMENT_CHARS. */
export function segments(text: string): string[] {
  if (text.length < MIN_SEGMENTED) return [text];
  const windows: string[] = [];
  let cur = '';
  for (const s of text.match(SENTENCE) ?? []) {
    if (!s) continue;
    if (cur && cur.length + s.length > SEGMENT_CHARS) {
      windows.push(cur);
      cur = '';
    }
    // A sentence longer than a window (code, a table, a run-on paragraph) is cut into windows of its own.
    for (let i = 0; i < s.length; i += SEGMENT_CHARS) {
      const part = s.slice(i, i + SEGMENT_CHARS);
      if (part.length === SEGMENT_CHARS) windows.push(part);
      else cur += part;
    }
  }
  if (cur.trim()) windows.push(cur);
  // Very long texts: windows evenly spread over the text (head and tail included).
  const picked =
    windows.length <= MAX_SEGMENTS
      ? windows
      : Array.from({ length: MAX_SEGMENTS }, (_, i) => windows[Math.round((i * (windows.length - 1)) / (MAX_SEGMENTS - 1))]!);
  return [text, ...picked.filter((w) => w.trim().length >= 24)];
}

/** Probability of the worst segment of canonical `text` (the whole text for short ones). */
export function predictWorst(text: string): number {
  let best = -Infinity;
  for (const s of segments(text)) best = Math.max(best, margin(s));
  return 1 / (1 + Math.exp(-best));
}
