// Embeddings from any OpenAI-compatible endpoint through the official client. The vector size is fixed by the
// schema (vector(384)), so the request asks for it and an answer of another size is refused, not stored.
import OpenAI from 'openai';
import { AppError, ErrorCode } from '../errors.js';
import { toAppError } from '../openai-errors.js';
import type { Embedder } from './embedder.js';

/** Inputs per request: providers cap the batch (OpenAI at 2048); smaller batches also fail smaller. */
const BATCH = 256;

export function openAiEmbedder(opts: { baseURL: string; apiKey?: string; model: string; dimensions: number; timeoutMs: number }): Embedder {
  const client = new OpenAI({ baseURL: opts.baseURL, apiKey: opts.apiKey ?? 'unset', maxRetries: 0, timeout: opts.timeoutMs });
  return {
    provider: 'openai-compatible',
    model: opts.model,
    dimensions: opts.dimensions,
    async embed(texts: string[], { signal } = {}): Promise<number[][]> {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        let res: OpenAI.Embeddings.CreateEmbeddingResponse;
        try {
          res = await client.embeddings.create(
            { model: opts.model, input: texts.slice(i, i + BATCH), dimensions: opts.dimensions, encoding_format: 'float' },
            { signal },
          );
        } catch (err) {
          throw toAppError(err);
        }
        const data = [...res.data].sort((a, b) => a.index - b.index);
        if (data.length !== Math.min(BATCH, texts.length - i)) {
          throw new AppError(
            ErrorCode.EMBEDDING_INVALID,
            `embedding provider returned ${data.length} vectors for ${Math.min(BATCH, texts.length - i)} texts`,
            502,
          );
        }
        for (const d of data) {
          if (d.embedding.length !== opts.dimensions) {
            throw new AppError(
              ErrorCode.EMBEDDING_INVALID,
              `embedding provider returned ${d.embedding.length} dimensions, the schema needs ${opts.dimensions}`,
              502,
            );
          }
          out.push(d.embedding);
        }
      }
      return out;
    },
  };
}
