// The chat-load generator: N conversations at once, each sending its next turn as soon as the last one is done
// (a closed loop with no think time, so N is the number of turns in flight). Times are taken where a student's
// client would see them: from sending a message to its first streamed text, and to the end of the answer.
import OpenAI from 'openai';
import { StreamingRedactor } from '../../activities/security/output/engine.js';
import { TestSocket } from '../../test/support/ws-client.js';

export interface TurnTiming {
  firstToken: number;
  done: number;
}

export interface LoadRun {
  timings: TurnTiming[];
  wallSeconds: number;
  failures: number;
}

/** A question no earlier turn asked (the semantic cache would answer a repeat without the model). */
const question = (conv: number, turn: number) =>
  `Conversation ${conv}, question ${turn}: how do I compare fractions like ${turn + 2}/${conv + 3} and ${conv + 1}/${turn + 5}?`;

async function closedLoop(conversations: number, turnsEach: number, oneTurn: (conv: number, turn: number) => Promise<TurnTiming>): Promise<LoadRun> {
  const timings: TurnTiming[] = [];
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, conv) => {
      for (let turn = 0; turn < turnsEach; turn++) {
        try {
          timings.push(await oneTurn(conv, turn));
        } catch {
          failures++;
        }
      }
    }),
  );
  return { timings, wallSeconds: (performance.now() - t0) / 1000, failures };
}

/** Turns over the engine's WebSocket protocol (the engine's gateway, or the non-durable baseline). */
export async function wsLoad(wsUrl: string, tokens: string[], turnsEach: number, round: string): Promise<LoadRun> {
  const socks = await Promise.all(tokens.map((t) => TestSocket.open(wsUrl, t)));
  const conversationOf = new Map<number, string>();
  try {
    return await closedLoop(tokens.length, turnsEach, async (conv, turn) => {
      const sock = socks[conv]!;
      const id = `${round}-${conv}-${turn}`;
      const t0 = performance.now();
      sock.send({ type: 'chat.send', id, text: question(conv, turn), ...(conversationOf.has(conv) ? { conversationId: conversationOf.get(conv) } : {}) });
      const accepted = await sock.next((f) => f.id === id && (f.type === 'chat.accepted' || f.type === 'error'), 120_000);
      if (accepted.type === 'chat.accepted') conversationOf.set(conv, accepted.conversationId as string);
      const first = await sock.next((f) => f.id === id && ['chat.delta', 'chat.done', 'chat.blocked', 'error'].includes(f.type), 120_000);
      const tf = performance.now();
      const end = await sock.next((f) => f.id === id && ['chat.done', 'chat.blocked', 'error'].includes(f.type), 120_000);
      if (end.type !== 'chat.done') throw new Error(`turn ${id}: ${JSON.stringify(end)}`);
      // Frames of finished turns are of no further use; dropping them keeps each wait a short scan.
      sock.frames.length = 0;
      return { firstToken: tf - t0, done: performance.now() - t0 };
    });
  } finally {
    socks.forEach((s) => s.close());
  }
}

/**
 * Streams straight from an OpenAI-compatible endpoint (the fake model itself, or a proxy in front of it).
 * `guarded` passes the text through the output guard first, as a turn does, so the model's own time to the first
 * text a guarded turn can release is known: the guard holds text back until it cannot be part of a secret.
 */
export async function directLoad(baseURL: string, conversations: number, turnsEach: number, opts: { guarded: boolean; apiKey?: string }): Promise<LoadRun> {
  const client = new OpenAI({ baseURL, apiKey: opts.apiKey ?? 'bench', maxRetries: 0, timeout: 120_000 });
  return closedLoop(conversations, turnsEach, async (conv, turn) => {
    const t0 = performance.now();
    const stream = await client.chat.completions.create({ model: 'fake', stream: true, messages: [{ role: 'user', content: question(conv, turn) }] });
    const redactor = opts.guarded ? new StreamingRedactor() : undefined;
    let firstToken: number | undefined;
    for await (const chunk of stream) {
      const piece = chunk.choices[0]?.delta?.content ?? '';
      const released = redactor ? redactor.push(piece) : piece;
      if (released && firstToken === undefined) firstToken = performance.now() - t0;
    }
    if (redactor?.end() && firstToken === undefined) firstToken = performance.now() - t0;
    const done = performance.now() - t0;
    return { firstToken: firstToken ?? done, done };
  });
}
