// Which similarity thresholds a worker uses: the calibrated ones of its embedding model, unless the environment
// sets them; an unknown model gets the generic values and says so.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/config.js';
import { similarityThresholds } from '../../lib/embeddings/thresholds.js';

const offline = { provider: 'offline', model: 'sparkle-hash-embedding-1' };
const e5 = { provider: 'openai-compatible', model: 'multilingual-e5-small-q4' };

describe('similarity thresholds', () => {
  it('differ by embedding model: e5 cosines sit far higher than hashing ones', () => {
    const c = parseConfig({});
    const [h, e] = [similarityThresholds(c, offline), similarityThresholds(c, e5)];
    expect([h.profile, e.profile]).toEqual(['hashing', 'multilingual-e5-small']);
    expect(e.ragMin).toBeGreaterThan(h.ragMin);
    for (const t of [h, e]) expect(t.ragMin).toBeLessThan(t.dedup);
  });

  it('take a value set in the environment over the calibrated one, one by one', () => {
    const some = similarityThresholds(parseConfig({ RAG_MIN_SIMILARITY: '0.5' }), e5);
    expect(some).toMatchObject({ profile: 'multilingual-e5-small', ragMin: 0.5, dedup: similarityThresholds(parseConfig({}), e5).dedup });
    const all = similarityThresholds(parseConfig({ RAG_MIN_SIMILARITY: '0.5', KNOWLEDGE_DEDUP_THRESHOLD: '0.9', SEMANTIC_CACHE_THRESHOLD: '0' }), e5);
    expect(all).toEqual({ profile: 'config', dedup: 0.9, ragMin: 0.5, cache: 0 });
  });

  it('mark a model they know nothing about as uncalibrated, and do not mistake names that merely contain "e5"', () => {
    expect(similarityThresholds(parseConfig({}), { provider: 'openai-compatible', model: 'text-embedding-3-small' }).profile).toMatch(/uncalibrated/);
    expect(similarityThresholds(parseConfig({}), { provider: 'openai-compatible', model: 'bge5large' }).profile).toMatch(/uncalibrated/);
    expect(similarityThresholds(parseConfig({}), { provider: 'openai-compatible', model: 'intfloat/multilingual-e5-small' }).profile).toBe(
      'multilingual-e5-small',
    );
  });
});
