// What the knowledge activities need from an embedding model: one vector per text, of a fixed dimension.
export interface Embedder {
  readonly provider: string;
  readonly model: string;
  readonly dimensions: number;
  /** One unit-length-or-not vector per text, in order; throws an AppError on failure. */
  embed(texts: string[], opts?: { signal?: AbortSignal }): Promise<number[][]>;
}

/**
 * The name stored beside every vector. Vectors of different models are not comparable, so similarity reads
 * compare only within the configured embedder's space; rows another model made stay stored but unmatched.
 */
export function embeddingSpace(e: Pick<Embedder, 'provider' | 'model' | 'dimensions'>): string {
  return `${e.provider}:${e.model}:${e.dimensions}`;
}

export function cosineSimilarity(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
