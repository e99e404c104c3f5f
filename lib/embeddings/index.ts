import type { Config } from '../config.js';
import { EMBEDDING_DIMENSIONS } from '../knowledge.js';
import type { Embedder } from './embedder.js';
import { offlineEmbedder } from './offline-embedder.js';
import { openAiEmbedder } from './openai-embedder.js';

export type { Embedder } from './embedder.js';
export { cosineSimilarity } from './embedder.js';

/** The configured endpoint's embedding model; the offline embedder when there is none or it is asked for. */
export function embedderFromConfig(c: Config): Embedder {
  const useOffline = c.EMBEDDING_PROVIDER === 'offline' || (c.EMBEDDING_PROVIDER === 'auto' && !c.LLM_BASE_URL);
  if (useOffline || !c.LLM_BASE_URL) return offlineEmbedder(EMBEDDING_DIMENSIONS);
  return openAiEmbedder({ baseURL: c.LLM_BASE_URL, apiKey: c.LLM_API_KEY, model: c.EMBEDDING_MODEL, dimensions: EMBEDDING_DIMENSIONS, timeoutMs: c.LLM_TIMEOUT_MS });
}
