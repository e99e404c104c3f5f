// What one task costs this machine, measured by running the real code: the guards, the token counts, the
// embedder and the streaming redactor on representative texts (CPU time), the model stream (wall time), and the
// heap that in-flight turns and an import chunk hold.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import pgvector from 'pgvector';
import { offlineModel } from '../../activities/llm/offline-model.js';
import type { ChatModel } from '../../activities/llm/provider.js';
import { inspectInput } from '../../activities/security/input/guard.js';
import { StreamingRedactor } from '../../activities/security/output/engine.js';
import type { InputGuardOptions } from '../../activities/security/types.js';
import type { ChatMessage } from '../../lib/contracts/chat.js';
import { cosineSimilarity } from '../../lib/embeddings/index.js';
import { offlineEmbedding } from '../../lib/embeddings/offline-embedder.js';
import { DOCUMENT_MAX_TOKENS, EMBEDDING_DIMENSIONS, nodeText } from '../../lib/contracts/knowledge.js';
import { countChatTokens, countTokens } from '../../lib/tokens.js';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SENTENCES = [
  'Photosynthesis turns light energy into chemical energy stored in glucose, and chloroplasts are where it happens.',
  'To solve 3x + 5 = 20, subtract five from both sides and divide by three, which gives x = 5.',
  'The French Revolution began in 1789 and changed how Europe thought about citizenship and rights.',
  'In Python, a list comprehension such as [n * n for n in range(10)] builds the squares of 0 to 9.',
  'Remember to check your units: 3.5 km is 3500 m, not 350 m, so convert before you add.',
  'Mitosis produces two identical cells, while meiosis produces four cells with half the chromosomes.',
  'The derivative of sin(x) is cos(x), and the derivative of cos(x) is -sin(x); check it with a graph.',
];
export const textOf = (chars: number, seed = 0) => {
  let s = '';
  for (let i = seed; s.length < chars; i++) s += SENTENCES[(i * 3) % SENTENCES.length] + ' ';
  return s.slice(0, chars);
};
export const QUESTION = 'Can you explain why we divide by three when solving 3x + 5 = 20, and how I can check that my answer is right?';
/** A tutor's answer of about 450 tokens (half the default completion cap), streamed in token-sized deltas. */
const ANSWER = textOf(1800, 1);
const HISTORY: ChatMessage[] = [
  { role: 'system', content: 'You are a patient tutor. ' + textOf(600, 2) },
  ...Array.from({ length: 20 }, (_, i): ChatMessage => ({ role: i % 2 ? 'assistant' : 'user', content: textOf(300, i) })),
];
const NOTE = { title: 'Solving linear equations', content: textOf(1500, 3) };

/** CPU ms per call of `fn` (process CPU time, so a busy host does not inflate it), after a warm-up. */
export function cpuMsPerCall(fn: () => unknown, budgetMs = 150): number {
  for (let i = 0; i < 3; i++) fn();
  const start = process.cpuUsage();
  let calls = 0;
  let spentMs = 0;
  while (spentMs < budgetMs && calls < 5000) {
    fn();
    calls++;
    const d = process.cpuUsage(start);
    spentMs = (d.user + d.system) / 1000;
  }
  return spentMs / calls;
}

const deltasOf = (text: string) => text.match(/.{1,4}/gs) ?? [];

export interface TurnCosts {
  /** On the event loop while llmStream holds its slot: the streaming redactor over the answer's deltas. */
  streamCpuMs: number;
  /** In the turn's local activities: input guard, prompt token count, the question's embedding (offline embedder). */
  localCpuMs: number;
  parts: Record<string, number>;
}

export function measureTurnCpu(guard: Partial<InputGuardOptions>, offlineEmbeddings: boolean): TurnCosts {
  const messages = [...HISTORY, { role: 'user' as const, content: QUESTION }];
  const deltas = deltasOf(ANSWER);
  const parts: Record<string, number> = {
    inputGuard: cpuMsPerCall(() => inspectInput(QUESTION, guard)),
    promptTokens: cpuMsPerCall(() => countChatTokens(messages)),
    questionEmbedding: offlineEmbeddings ? cpuMsPerCall(() => offlineEmbedding(QUESTION, EMBEDDING_DIMENSIONS)) : 0,
    outputGuardStream: cpuMsPerCall(() => {
      const r = new StreamingRedactor();
      for (const d of deltas) r.push(d);
      r.end();
    }),
    completionTokens: cpuMsPerCall(() => countTokens(ANSWER)),
  };
  return {
    streamCpuMs: parts.outputGuardStream! + parts.completionTokens!,
    localCpuMs: parts.inputGuard! + parts.promptTokens! + parts.questionEmbedding!,
    parts,
  };
}

export interface JobCosts {
  noteCpuMs: number;
  importLineCpuMs: number;
  importChunkHeapBytes: number;
  chunk: number;
}

/** A note job (guard, embedding, vector encoding) and a whole import chunk as `importChunkOf` processes it. */
export function measureJobCosts(guard: Partial<InputGuardOptions>, offlineEmbeddings: boolean, chunk: number): JobCosts {
  const embed = (t: string) =>
    offlineEmbeddings ? offlineEmbedding(t, EMBEDDING_DIMENSIONS) : Array.from({ length: EMBEDDING_DIMENSIONS }, () => Math.random());
  const noteCpuMs = cpuMsPerCall(() => {
    inspectInput(NOTE.content, guard);
    pgvector.toSql(embed(nodeText(NOTE)));
  });
  const lines = Array.from({ length: chunk }, (_, i) => ({ line_no: i, title: `${NOTE.title} ${i}`, content: textOf(1500, i) + ` (${i})`, tags: ['math'] }));
  const runChunk = () => {
    const opts = { ...guard, maxTokens: DOCUMENT_MAX_TOKENS };
    const kept = lines.filter((l) => !inspectInput(l.title, opts).blocked && !inspectInput(l.content, opts).blocked);
    const vectors = kept.map((k) => embed(nodeText(k)));
    const sql = vectors.map((v) => pgvector.toSql(v));
    for (let i = 0; i < vectors.length; i++) for (let j = 0; j < i; j++) cosineSimilarity(vectors[i]!, vectors[j]!);
    return { kept, vectors, sql };
  };
  gc();
  const before = process.memoryUsage().heapUsed;
  const start = process.cpuUsage();
  const held = runChunk();
  const cpu = process.cpuUsage(start);
  gc();
  const importChunkHeapBytes = Math.max(0, process.memoryUsage().heapUsed - before);
  if (held.kept.length === 0) throw new Error('the representative import chunk was blocked by the guard');
  return { noteCpuMs, importLineCpuMs: (cpu.user + cpu.system) / 1000 / chunk, importChunkHeapBytes, chunk };
}

export interface StreamProbe {
  provider: string;
  model: string;
  firstDeltaMs: number;
  totalMs: number;
  deltas: number;
  chars: number;
}

/** Streams one answer through the real model client and the streaming redactor, timing it. */
export async function probeStream(model: ChatModel, maxTokens?: number): Promise<StreamProbe> {
  const started = performance.now();
  let firstDeltaMs = 0;
  let deltas = 0;
  let chars = 0;
  const redactor = new StreamingRedactor();
  const stream = await model.stream([{ role: 'user', content: QUESTION }], { signal: AbortSignal.timeout(60_000), maxTokens });
  for await (const piece of stream.deltas) {
    if (deltas++ === 0) firstDeltaMs = performance.now() - started;
    chars += piece.length;
    redactor.push(piece);
  }
  redactor.end();
  return { provider: model.provider, model: model.model, firstDeltaMs, totalMs: performance.now() - started, deltas, chars };
}

/**
 * Heap per in-flight turn: `n` concurrent offline-model streams, each holding what llmStream holds (the prompt
 * messages, the redactor, the text so far), measured half-way through. An HTTP stream adds its socket buffers.
 */
export async function measureTurnHeap(n = 100): Promise<number> {
  const model = offlineModel();
  gc();
  const before = process.memoryUsage().heapUsed;
  let half!: () => void;
  const halfway = new Promise<void>((r) => (half = r));
  const turns = Array.from({ length: n }, async (_, i) => {
    const messages = [...HISTORY.map((m) => ({ ...m, content: `${m.content} ${i}` })), { role: 'user' as const, content: `${QUESTION} ${i}` }];
    const redactor = new StreamingRedactor();
    let text = '';
    let count = 0;
    const stream = await model.stream(messages, { signal: new AbortController().signal });
    for await (const piece of stream.deltas) {
      text += redactor.push(piece);
      if (++count === 15 && i === n - 1) half();
    }
    return text + redactor.end() + messages.length;
  });
  await halfway;
  gc();
  const during = process.memoryUsage().heapUsed;
  await Promise.all(turns);
  return Math.max(0, (during - before) / n);
}
