// Semantic features of the input guard: static sub-word vectors distilled from multilingual-e5-small.
//
// Why not the transformer itself: on one core here e5-small needs ~35 ms per 100 characters (2.6 s for a
// 4 KB message); the guard's budget is 25 ms. Distilled static vectors (every vocabulary piece embedded on its
// own by the teacher, centred and PCA-reduced; scripts/security-training/distill-e5.py and build-semantic.py) keep the
// teacher's multilingual neighbourhoods: "disregard" sits near "ignore", "忽略" near both, so the classifier
// on top generalises to wordings and languages it was not trained on. Cost: one SentencePiece-unigram
// Viterbi pass over the text plus a table look-up per piece.
//
// File format (model/semantic.bin, little-endian): u32 header length, JSON header
// {dims, pieces, maxPieceChars, unkScore, norm: {codepoint: [codepoints]}}, then pieces as UTF-8 joined by
// "\0", f32 unigram scores [pieces], f32 pooling weights [pieces], f32 dimension scales [dims], int8 vectors
// [pieces × dims].
import { readFileSync } from 'node:fs';

interface Header {
  dims: number;
  pieces: number;
  maxPieceChars: number;
  unkScore: number;
  norm: Record<string, number[]>;
}

export interface SemanticModel {
  dims: number;
  maxPieceChars: number;
  unkScore: number;
  ids: Map<string, number>;
  /** Every prefix of every piece by its rolling hash (prefixHash): the piece id, or -1 for a bare prefix. */
  prefixes: Map<number, number>;
  scores: Float32Array;
  weights: Float32Array;
  scales: Float32Array;
  vectors: Int8Array;
  norm: Map<number, string>;
}

const META = '\u2581';

// Rolling hash of a piece's prefix, extended one UTF-16 unit at a time: the Viterbi pass walks the text
// without cutting substrings, and stops extending as soon as no piece starts with what it has read. (A
// collision can only swap one piece for another in a sum of vectors; it cannot fail a text.)
const step = (h: number, c: number) => (Math.imul(h ^ c, 0x01000193) + 0x9e3779b9) | 0;

export function parseSemanticModel(buf: Buffer): SemanticModel {
  const headerLen = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + headerLen).toString('utf8')) as Header;
  let off = 4 + headerLen;
  const piecesEnd = buf.indexOf(0xff, off); // 0xff never occurs in UTF-8: it ends the piece list
  const pieces = buf.subarray(off, piecesEnd).toString('utf8').split('\0');
  if (pieces.length !== header.pieces) throw new Error(`semantic model: ${pieces.length} pieces, header says ${header.pieces}`);
  off = piecesEnd + 1;
  off += (4 - (off % 4)) % 4;
  const f32 = (n: number) => {
    const a = new Float32Array(buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + 4 * n));
    off += 4 * n;
    return a;
  };
  const scores = f32(header.pieces);
  const weights = f32(header.pieces);
  const scales = f32(header.dims);
  const vectors = new Int8Array(buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + header.pieces * header.dims));
  if (vectors.length !== header.pieces * header.dims) throw new Error('semantic model: truncated vectors');
  const ids = new Map<string, number>();
  const prefixes = new Map<number, number>();
  pieces.forEach((p, i) => {
    ids.set(p, i);
    let h = 0;
    for (let k = 0; k < p.length; k++) {
      h = step(h, p.charCodeAt(k));
      if (k === p.length - 1) prefixes.set(h, i);
      else if (!prefixes.has(h)) prefixes.set(h, -1);
    }
  });
  const norm = new Map<number, string>();
  for (const [cp, out] of Object.entries(header.norm)) norm.set(Number(cp), String.fromCodePoint(...out));
  return { dims: header.dims, maxPieceChars: header.maxPieceChars, unkScore: header.unkScore, ids, prefixes, scores, weights, scales, vectors, norm };
}

let loaded: SemanticModel | null = null;

export function semanticModel(): SemanticModel {
  loaded ??= parseSemanticModel(readFileSync(new URL('../model/semantic.bin', import.meta.url)));
  return loaded;
}

/** The text as the tokenizer sees it: normalisation map, single spaces, metaspace markers. */
function prepare(m: SemanticModel, text: string): string {
  let out = '';
  let prevSpace = false;
  for (const ch of text) {
    const mapped = m.norm.get(ch.codePointAt(0)!) ?? ch;
    for (const c of mapped) {
      const space = c === ' ' || c === '\n' || c === '\t' || c === '\r';
      if (space && prevSpace) continue;
      prevSpace = space;
      out += space ? META : c;
    }
  }
  return out.startsWith(META) ? out : META + out;
}

// Scratch arrays of the Viterbi pass, grown on demand (the guard runs one text at a time).
let best = new Float64Array(4096);
let from = new Int32Array(4096);
let piece = new Int32Array(4096);

/** SentencePiece-unigram segmentation (most probable split); -1 marks a character no piece covers. */
export function tokenize(text: string, m: SemanticModel = semanticModel()): number[] {
  if (!text.trim()) return [];
  const s = prepare(m, text);
  const n = s.length;
  if (best.length < n + 1) {
    best = new Float64Array(n * 2 + 1);
    from = new Int32Array(n * 2 + 1);
    piece = new Int32Array(n * 2 + 1);
  }
  best.fill(-Infinity, 0, n + 1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    const base = best[i]!;
    if (base === -Infinity) continue;
    const limit = Math.min(n, i + m.maxPieceChars);
    let h = 0;
    for (let e = i + 1; e <= limit; e++) {
      h = step(h, s.charCodeAt(e - 1));
      const id = m.prefixes.get(h);
      if (id === undefined) break;
      if (id < 0) continue;
      const sc = base + m.scores[id]!;
      if (sc > best[e]!) {
        best[e] = sc;
        from[e] = i;
        piece[e] = id;
      }
    }
    // A character no piece covers (or a surrogate half) still advances the lattice.
    const unk = base + m.unkScore;
    if (unk > best[i + 1]!) {
      best[i + 1] = unk;
      from[i + 1] = i;
      piece[i + 1] = -1;
    }
  }
  const out: number[] = [];
  for (let e = n; e > 0; e = from[e]!) out.push(piece[e]!);
  return out.reverse();
}

/**
 * Writes the pooled embedding of `text` into `out` (length dims): the weighted mean of its pieces' vectors
 * (frequent pieces weigh less, as in SIF), L2-normalised. Returns the number of pieces that had a vector.
 */
export function embed(text: string, out: Float32Array, m: SemanticModel = semanticModel()): number {
  out.fill(0);
  const { dims, vectors, weights, scales } = m;
  let used = 0;
  for (const id of tokenize(text, m)) {
    if (id < 0) continue;
    const w = weights[id]!;
    if (w === 0) continue;
    used++;
    const base = id * dims;
    for (let d = 0; d < dims; d++) out[d] = out[d]! + w * vectors[base + d]!;
  }
  let sq = 0;
  for (let d = 0; d < dims; d++) {
    const x = out[d]! * scales[d]!;
    out[d] = x;
    sq += x * x;
  }
  const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
  for (let d = 0; d < dims; d++) out[d] = out[d]! * inv;
  return used;
}
