import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../../lib/embeddings/embedder.js';
import { offlineEmbedding } from '../../lib/embeddings/offline-embedder.js';

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('offline embedder', () => {
  it('is deterministic, of the asked size and unit length', () => {
    const a = offlineEmbedding('Photosynthesis turns light into chemical energy.', 384);
    expect(a).toHaveLength(384);
    expect(offlineEmbedding('Photosynthesis turns light into chemical energy.', 384)).toEqual(a);
    expect(norm(a)).toBeCloseTo(1, 9);
  });

  it('ignores case, width and punctuation', () => {
    const a = offlineEmbedding('The Pythagorean theorem: a² + b² = c²', 384);
    const b = offlineEmbedding('the pythagorean THEOREM a² + b² = c²!', 384);
    expect(cosineSimilarity(a, b)).toBeGreaterThan(0.999);
  });

  it('scores a small edit far above an unrelated text', () => {
    const base = offlineEmbedding('Mitochondria are the powerhouse of the cell and produce ATP through respiration.', 384);
    const edited = offlineEmbedding('Mitochondria are the powerhouse of the cell; they produce ATP by respiration.', 384);
    const other = offlineEmbedding('The French Revolution began in 1789 with the storming of the Bastille.', 384);
    expect(cosineSimilarity(base, edited)).toBeGreaterThan(0.8);
    expect(cosineSimilarity(base, other)).toBeLessThan(0.3);
  });

  it('handles scripts without spaces, and empty text', () => {
    const a = offlineEmbedding('光合作用把光能转化为化学能', 384);
    const b = offlineEmbedding('光合作用把光能转化成化学能', 384);
    expect(cosineSimilarity(a, b)).toBeGreaterThan(0.7);
    expect(norm(offlineEmbedding('', 384))).toBeCloseTo(1, 9);
  });
});
