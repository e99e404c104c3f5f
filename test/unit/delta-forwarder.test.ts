import { describe, expect, it } from 'vitest';
import { DeltaForwarder } from '../../gateway/delta-forwarder.js';
import type { TurnDelta } from '../../lib/contracts/chat.js';

/** What a client would hold: the frames, and the text after the last reset. */
function client() {
  const frames: ({ type: 'delta'; text: string } | { type: 'reset'; attempt: number })[] = [];
  const f = new DeltaForwarder({ delta: (text) => frames.push({ type: 'delta', text }), reset: (attempt) => frames.push({ type: 'reset', attempt }) });
  const held = () => {
    const last = frames.map((x) => x.type).lastIndexOf('reset');
    return frames
      .slice(last + 1)
      .map((x) => (x.type === 'delta' ? x.text : ''))
      .join('');
  };
  return { f, frames, held, deltas: () => frames.filter((x) => x.type === 'delta').map((x) => (x as { text: string }).text) };
}

const at = (attempt: number, offset: number, text: string): TurnDelta => ({ attempt, offset, text });

/** Splits a text into deltas of 1-7 characters, as one attempt would publish them. */
function pieces(attempt: number, text: string, rand: () => number): TurnDelta[] {
  const out: TurnDelta[] = [at(attempt, 0, '')];
  for (let i = 0; i < text.length;) {
    const n = 1 + Math.floor(rand() * 7);
    out.push(at(attempt, i, text.slice(i, i + n)));
    i += n;
  }
  return out;
}

function seeded(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('DeltaForwarder', () => {
  it('holds live deltas until primed, then sends each character once and in order', () => {
    const { f, deltas } = client();
    f.push(at(1, 3, 'def'));
    f.push(at(1, 6, 'gh'));
    f.prime({ attempt: 1, text: 'abcd' }); // the stored text overlaps the first live delta
    f.push(at(1, 8, 'ij'));
    f.finish('abcdefghij', 1);
    expect(deltas()).toEqual(['abcd', 'ef', 'gh', 'ij']);
  });

  it('ignores duplicates and fills a gap from the final text', () => {
    const { f, held } = client();
    f.prime({ attempt: 1, text: '' });
    f.push(at(1, 0, 'ab'));
    f.push(at(1, 0, 'ab'));
    f.push(at(1, 5, 'fg')); // 'cde' was lost
    f.finish('abcdefg', 1);
    expect(held()).toBe('abcdefg');
  });

  it('sends the whole answer once when nothing was streamed (a resend after the text expired)', () => {
    const { f, frames } = client();
    f.prime({ attempt: 1, text: '' });
    f.finish('complete answer', 1);
    expect(frames).toEqual([{ type: 'delta', text: 'complete answer' }]);
  });

  it('sends nothing for empty deltas', () => {
    const { f, frames } = client();
    f.prime({ attempt: 1, text: '' });
    f.push(at(1, 0, ''));
    f.finish('', 1);
    expect(frames).toEqual([]);
  });

  it('resets when a retried attempt begins, and drops what the superseded attempt still sends', () => {
    const { f, frames, held } = client();
    f.prime({ attempt: 1, text: '' });
    f.push(at(1, 0, 'The answer is'));
    f.push(at(2, 0, '')); // attempt 2 announces itself
    f.push(at(1, 13, ' 41')); // the old attempt, late: must not reach the client
    f.push(at(2, 0, 'It is 42'));
    f.finish('It is 42.', 2);
    expect(frames).toEqual([
      { type: 'delta', text: 'The answer is' },
      { type: 'reset', attempt: 2 },
      { type: 'delta', text: 'It is 42' },
      { type: 'delta', text: '.' },
    ]);
    expect(held()).toBe('It is 42.');
  });

  it('starts over from the final text when it missed the new attempt entirely', () => {
    const { f, held, frames } = client();
    f.prime({ attempt: 1, text: 'Half of an old ans' });
    f.finish('A different answer.', 3);
    expect(frames.filter((x) => x.type === 'reset')).toEqual([{ type: 'reset', attempt: 3 }]);
    expect(held()).toBe('A different answer.');
  });

  it('primes from a later attempt than the one it was following', () => {
    const { f, held } = client();
    f.push(at(1, 0, 'stale'));
    f.prime({ attempt: 2, text: 'Fresh st' });
    f.push(at(2, 8, 'art'));
    f.finish('Fresh start', 2);
    expect(held()).toBe('Fresh start');
  });

  it('keeps the invariant for any interleaving of attempts, duplicates, losses and a late prime', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const rand = seeded(seed);
      const texts = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => `Attempt ${i + 1}: ${'xyz'.repeat(1 + Math.floor(rand() * 5))} (${seed}).`);
      // Attempt k+1 begins while attempt k still streams: a random merge that keeps each attempt's own order.
      const queues = texts.map((t, i) => pieces(i + 1, t, rand));
      const stream: TurnDelta[] = [];
      let begun = 1;
      while (queues.some((q) => q.length)) {
        if (begun < queues.length && rand() < 0.2) begun++;
        const open = queues.slice(0, begun).filter((q) => q.length);
        const q = open.length ? open[Math.floor(rand() * open.length)]! : queues[begun++]!;
        const d = q.shift()!;
        if (rand() < 0.1) continue; // lost on the way
        stream.push(d, ...(rand() < 0.1 ? [d] : [])); // or delivered twice
      }
      const { f, held } = client();
      const primeAt = Math.floor(rand() * (stream.length + 1));
      stream.forEach((d, i) => {
        if (i === primeAt) {
          // The store holds a prefix of the latest attempt that has published so far.
          const latest = Math.max(1, ...stream.slice(0, i).map((x) => x.attempt));
          f.prime({ attempt: latest, text: texts[latest - 1]!.slice(0, Math.floor(rand() * 6)) });
        }
        f.push(d);
      });
      if (primeAt === stream.length) f.prime({ attempt: texts.length, text: '' });
      f.finish(texts[texts.length - 1]!, texts.length);
      expect(held(), `seed ${seed}`).toBe(texts[texts.length - 1]);
    }
  });
});
