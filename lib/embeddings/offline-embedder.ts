// The built-in offline embedder, used when no embeddings endpoint is configured. It is deterministic and needs
// no network: a signed feature-hashing of the text's words, word pairs and character trigrams into 384
// dimensions, L2-normalised. Texts that share words and spellings score high, so exact and near-exact repeats
// are found; it knows no synonyms, so a paraphrase in other words scores low. A real embedding model does both.
import type { Embedder } from './embedder.js';

/** Very common words carry little meaning; they count a fifth as much as other words. */
const STOPWORDS = new Set(
  (
    'a an and are as at be by can do does for from has have how i in is it its me my of on or so that the their them ' +
    'then there these this to was we were what when where which who why will with you your'
  ).split(' '),
);

/** FNV-1a, 32 bit: stable across versions and platforms, which the stored vectors depend on. */
function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Words of letters or digits; each CJK character counts as a word, since those scripts use no spaces. */
function words(text: string): string[] {
  const normal = text.normalize('NFKC').toLowerCase();
  return normal.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? [];
}

export function offlineEmbedding(text: string, dimensions: number): number[] {
  const v = new Float64Array(dimensions);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    v[h % dimensions]! += (h & 0x80000000 ? -1 : 1) * weight;
  };
  const ws = words(text);
  ws.forEach((w, i) => {
    const weight = STOPWORDS.has(w) ? 0.2 : 1;
    add(`w:${w}`, weight);
    if (i > 0) add(`b:${ws[i - 1]} ${w}`, 0.5 * weight);
    const padded = `^${w}$`;
    if (padded.length > 4) for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.3 * weight);
  });
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  // An empty text has no features; give it a fixed unit vector rather than NaNs.
  if (norm === 0) return Array.from({ length: dimensions }, (_, i) => (i === 0 ? 1 : 0));
  return Array.from(v, (x) => x / norm);
}

export function offlineEmbedder(dimensions: number): Embedder {
  return {
    provider: 'offline',
    model: 'sparkle-hash-embedding-1',
    dimensions,
    async embed(texts: string[]): Promise<number[][]> {
      return texts.map((t) => offlineEmbedding(t, dimensions));
    },
  };
}
