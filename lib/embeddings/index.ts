import type { Config } from '../config.js';
import { EMBEDDING_DIMENSIONS } from '../contracts/knowledge.js';
import type { Embedder } from './embedder.js';
import { offlineEmbedder } from './offline-embedder.js';
import { openAiEmbedder } from './openai-embedder.js';

export type { Embedder } from './embedder.js';
export { cosineSimilarity, embeddingSpace } from './embedder.js';
export { similarityThresholds, type SimilarityThresholds } from './thresholds.js';

/** The configured endpoint's embedding model; the offline embedder when there is none or it is asked for. */
export function embedderFromConfig(c: Config): Embedder {
  const baseURL = c.EMBEDDING_BASE_URL ?? c.LLM_BASE_URL;
  if (c.EMBEDDING_PROVIDER === 'offline' || !baseURL) return offlineEmbedder(EMBEDDING_DIMENSIONS);
  // A separate embeddings endpoint has its own key; without one, the LLM endpoint's key goes with its URL.
  const apiKey = c.EMBEDDING_BASE_URL ? c.EMBEDDING_API_KEY : c.LLM_API_KEY;
  return openAiEmbedder({ baseURL, apiKey, model: c.EMBEDDING_MODEL, dimensions: EMBEDDING_DIMENSIONS, timeoutMs: c.LLM_TIMEOUT_MS });
}
