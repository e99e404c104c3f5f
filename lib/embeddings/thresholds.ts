// Similarity thresholds belong to an embedding model, not to the app: the hashing embedder's cosines spread over
// [0, 1], multilingual-e5's sit above 0.7 even for unrelated texts. Each known family carries the values that
// bench/embedding-thresholds.ts calibrated on labelled pairs (bench/data/similarity-pairs.json, retrieval.json);
// a value set in the environment wins. An unknown model gets the generic values, which operators should check.
import type { Config } from '../config.js';
import type { Embedder } from './embedder.js';

export interface SimilarityThresholds {
  /** Which calibration the values come from ('config' when all three were set). */
  profile: string;
  /** A new note at least this similar to one of the user's notes is linked to it instead of indexed. */
  dedup: number;
  /** Notes below this similarity to the question are not given to the tutor as context. */
  ragMin: number;
  /** A question at least this similar to a recent one of the same user is answered from the cache. */
  cache: number;
}

interface Profile extends SimilarityThresholds {
  matches(e: Pick<Embedder, 'provider' | 'model'>): boolean;
}

// Measured on 130 note pairs, 125 question pairs and 48 questions (bench/results/embedding-thresholds.json): no
// DIFFERENT note merged and no DIFFERENT question served from the cache, in the calibration or the validation half.
// The price is recall: a note on a close topic (another date, the other eclipse) scores as high as a reworded copy,
// so dedup links near-verbatim copies only (hashing 2/58 reworded pairs, e5 0/58), and the cache serves repeats.
// Hashing gets no RAG floor: cross-language answers score about 0, so any floor drops notes that answer.
const PROFILES: Profile[] = [
  { profile: 'hashing', matches: (e) => e.provider === 'offline', dedup: 0.93, ragMin: 0, cache: 0.98 },
  { profile: 'multilingual-e5-small', matches: (e) => /(^|[^a-z])e5([^a-z]|$)/i.test(e.model), dedup: 0.995, ragMin: 0.8, cache: 0.99 },
];
const GENERIC: SimilarityThresholds = { profile: 'generic (uncalibrated)', dedup: 0.92, ragMin: 0.35, cache: 0.97 };

export function similarityThresholds(
  c: Pick<Config, 'KNOWLEDGE_DEDUP_THRESHOLD' | 'RAG_MIN_SIMILARITY' | 'SEMANTIC_CACHE_THRESHOLD'>,
  e: Pick<Embedder, 'provider' | 'model'>,
): SimilarityThresholds {
  const base = PROFILES.find((p) => p.matches(e)) ?? GENERIC;
  const set = [c.KNOWLEDGE_DEDUP_THRESHOLD, c.RAG_MIN_SIMILARITY, c.SEMANTIC_CACHE_THRESHOLD].every((v) => v !== undefined);
  return {
    profile: set ? 'config' : base.profile,
    dedup: c.KNOWLEDGE_DEDUP_THRESHOLD ?? base.dedup,
    ragMin: c.RAG_MIN_SIMILARITY ?? base.ragMin,
    cache: c.SEMANTIC_CACHE_THRESHOLD ?? base.cache,
  };
}
