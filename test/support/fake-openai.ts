// A local OpenAI-compatible HTTP server standing in for the paid model API, driven through the real `openai`
// client. It streams chat completions as server-sent events and injects faults on demand.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { offlineEmbedding } from '../../lib/embeddings/offline-embedder.js';

export type Fault =
  /** An error status, after `afterMs` when given (a provider that fails only after a while). */
  | { kind: 'status'; status: number; retryAfter?: number; afterMs?: number }
  | { kind: 'hang' }
  | { kind: 'drop-mid-stream' }
  /** Answers, but only after `ms` (before the first token), or pauses `ms` halfway through the answer. */
  | { kind: 'stall'; ms: number; at?: 'first-token' | 'mid-stream' };

export interface RecordedRequest {
  model: string;
  messages: { role: string; content: string }[];
  stream: boolean;
}

export class FakeOpenAI {
  /** Chat completion requests, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Embedding requests: the texts of each. */
  readonly embeddingRequests: string[][] = [];
  /** Faults of the embeddings endpoint, separate from the chat endpoint's. */
  readonly embeddingFaults: { status: number }[] = [];
  /** The share of embedding requests (0..1) answered 503 at random, beyond any queued fault: a flaky provider. */
  embeddingFailureRate = 0;
  /** How many embedding requests were answered with a random 503 (`embeddingFailureRate`). */
  randomEmbeddingFailures = 0;
  /** Answer embeddings of this size instead of the one asked for (a misconfigured provider). */
  embeddingDimensions?: number;
  private readonly faults: Fault[] = [];
  private server?: Server;
  /** The reply to a prompt; by default a deterministic answer that quotes the question. */
  reply: (lastUser: string) => string = (q) =>
    `Let us think about "${q}" step by step. First, read the question slowly and underline what it asks. ` +
    'Then write down what you already know, and try a small example by hand before the general case. ' +
    // A tutor's answer runs to a few paragraphs; the output guard holds back a window (~150 characters) to
    // catch a secret split across deltas, so a one-line answer would reach the client only at its end.
    'Once the small case works, explain each step in your own words, check the units and the signs, and ' +
    'compare your result with a quick estimate: if the two disagree, the mistake is usually in the first line.';
  /**
   * A model that never answers the same way twice: each request gets its own wording and length, so a retried
   * attempt's text differs from the one it replaces (as a real model's does at any temperature above 0).
   */
  varyAnswers = false;
  /** Completion tokens to report instead of a count of the text (to spend a quota quickly). */
  completionTokens?: number;
  chunkSize = 6;
  /** Models that always answer 503, to exercise fallbacks and the circuit breaker. */
  readonly failingModels = new Set<string>();
  chunkDelayMs = 5;
  /** The model's time to its first token (a fixed-latency model: this, then `chunkDelayMs` per chunk). */
  firstChunkDelayMs = 0;
  url = '';

  /** The next `times` requests each meet `fault`, in order after any already queued. */
  failNext(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}/v1`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === 'POST' && req.url?.endsWith('/embeddings')) {
      this.embeddings(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input: string | string[]; dimensions?: number; model: string }, res);
      return;
    }
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest;
    this.requests.push(body);
    const fault: Fault | undefined = this.failingModels.has(body.model) ? { kind: 'status', status: 503 } : this.faults.shift();
    if (fault?.kind === 'hang') return; // never answers: the client's timeout or the activity's must end it
    if (fault?.kind === 'status') {
      if (fault.afterMs) await new Promise((r) => setTimeout(r, fault.afterMs));
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      res.writeHead(fault.status, headers).end(JSON.stringify({ error: { message: `injected ${fault.status}`, type: 'fake' } }));
      return;
    }
    const lastUser = [...body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const n = this.requests.length;
    const text = this.varyAnswers ? variedAnswer(this.reply(lastUser), n) : this.reply(lastUser);
    let gone = false; // the client went away before the end of the answer
    res.on('close', () => (gone = !res.writableFinished));
    const stall = (at: 'first-token' | 'mid-stream') =>
      fault?.kind === 'stall' && (fault.at ?? 'first-token') === at ? new Promise((r) => setTimeout(r, fault.ms)) : undefined;
    await stall('first-token');
    if (this.firstChunkDelayMs) await new Promise((r) => setTimeout(r, this.firstChunkDelayMs));
    if (gone) return;
    const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model };
    const send = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (let i = 0; i < text.length; i += this.chunkSize) {
      const halfway = i >= text.length / 2 && i - this.chunkSize < text.length / 2;
      if (fault?.kind === 'drop-mid-stream' && halfway) {
        res.destroy();
        return;
      }
      if (halfway) await stall('mid-stream');
      if (gone) return; // the client gave up on this answer
      send({ ...base, choices: [{ index: 0, delta: { content: text.slice(i, i + this.chunkSize) }, finish_reason: null }] });
      await new Promise((r) => setTimeout(r, this.chunkDelayMs));
    }
    send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    const promptTokens = body.messages.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0);
    send({
      ...base,
      choices: [],
      usage: { prompt_tokens: promptTokens, completion_tokens: this.completionTokens ?? Math.ceil(text.length / 4), total_tokens: 0 },
    });
    res.end('data: [DONE]\n\n');
  }

  /** Deterministic vectors (a different hashing seed than the offline embedder would not matter: only consistency does). */
  private embeddings(body: { input: string | string[]; dimensions?: number; model: string }, res: ServerResponse): void {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    this.embeddingRequests.push(inputs);
    const random = this.embeddingFaults.length === 0 && Math.random() < this.embeddingFailureRate;
    if (random) this.randomEmbeddingFailures++;
    const fault = this.embeddingFaults.shift() ?? (random ? { status: 503 } : undefined);
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `injected ${fault.status}` } }));
      return;
    }
    const dims = this.embeddingDimensions ?? body.dimensions ?? 1536;
    const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: offlineEmbedding(text, dims) }));
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 0, total_tokens: 0 } }));
  }
}

const OPENERS = ['Good question!', 'Let us see.', 'Here is one way to look at it.', 'Think of it like this.', 'Short answer first.'];

/** The `n`th request's own wording: a different opener and a different amount of detail each time. */
function variedAnswer(base: string, n: number): string {
  const extra = Array.from({ length: 1 + Math.floor(Math.random() * 4) }, (_, i) => `Point ${i + 1} of answer ${n}.`).join(' ');
  return `${OPENERS[Math.floor(Math.random() * OPENERS.length)]} (answer ${n}) ${base} ${extra}`;
}
