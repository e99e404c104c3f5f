// Streaming safety of every recogniser family: for any split of the text into deltas, the concatenated
// output of StreamingRedactor equals one-shot redactOutput, and no 4+ char piece of a finding is released.
import { describe, expect, it } from 'vitest';
// Seeded PRNG so a failing split can be replayed.
import { makeRng } from '../../scripts/security-training/synth-lib.js';
import { redactOutput, StreamingRedactor } from '../../activities/security/output/engine.js';
import { FOUND, KEPT } from './output-fixtures.js';

const rnd = makeRng(977);

const FILLER = [
  'Photosynthesis turns light into chemical energy. ',
  '12345 + 67890 = 80235. ',
  'Call the office between 9 and 5. ',
  '```\npassword = input()\n```\n',
  'The key is practice. ',
  '\n\n',
  'IP 192.168.1.1 is private. ',
  'Version 4.6.9.38 is out. ',
  'Address: ',
  'passport ',
  'Tel. ',
  '日本語のテキスト。',
];

function corpus(n: number): { text: string; secrets: string[] }[] {
  const out: { text: string; secrets: string[] }[] = [];
  for (let k = 0; k < n; k++) {
    let text = '';
    const secrets: string[] = [];
    const parts = 1 + Math.floor(rnd() * 7);
    for (let p = 0; p < parts; p++) {
      const r = rnd();
      if (r < 0.5) {
        const [t, , s] = FOUND[Math.floor(rnd() * FOUND.length)]!;
        text += t + (rnd() < 0.5 ? ' ' : '\n');
        secrets.push(s);
      } else if (r < 0.7) text += KEPT[Math.floor(rnd() * KEPT.length)] + ' ';
      else text += FILLER[Math.floor(rnd() * FILLER.length)];
    }
    out.push({ text, secrets });
  }
  return out;
}

function stream(text: string, size: () => number): { out: string; chunks: string[]; r: StreamingRedactor } {
  const r = new StreamingRedactor();
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const n = size();
    chunks.push(r.push(text.slice(i, i + n)));
    i += n;
  }
  chunks.push(r.end());
  return { out: chunks.join(''), chunks, r };
}

describe('StreamingRedactor over all recogniser families', () => {
  const texts = [...corpus(200), ...FOUND.map(([text, , s]) => ({ text, secrets: [s] })), ...KEPT.map((text) => ({ text, secrets: [] }))];
  const splitters: [string, () => number][] = [
    ['1-char', () => 1],
    ['1-5 chars', () => 1 + Math.floor(rnd() * 5)],
    ['1-40 chars', () => 1 + Math.floor(rnd() * 40)],
    ['1-400 chars', () => 1 + Math.floor(rnd() * 400)],
  ];

  it.each(splitters)('equals redactOutput for any split (%s deltas, 4 random splits per text)', (_name, size) => {
    for (const { text } of texts) {
      const want = redactOutput(text);
      for (let k = 0; k < 4; k++) {
        const { out, r } = stream(text, size);
        expect(out, JSON.stringify(text)).toBe(want.text);
        expect(r.redactions).toEqual(want.redactions);
      }
    }
  });

  it('never releases a 4+ char piece of a finding before it is known', () => {
    for (const { text, secrets } of texts.slice(0, 120)) {
      const { chunks } = stream(text, () => 1 + Math.floor(rnd() * 7));
      const want = redactOutput(text).text;
      let emitted = '';
      for (const c of chunks) {
        emitted += c;
        for (const s of secrets) {
          if (want.includes(s)) continue; // not a finding in this context (e.g. an operand of a sum)
          for (let i = 0; i + 4 <= s.length; i += 2) {
            const piece = s.slice(i, i + 4);
            // also occurs outside the finding, or stays visible one-shot too (only part of it was a finding)
            if (text.split(s).join('').includes(piece) || want.includes(piece)) continue;
            expect(emitted.includes(piece), `${piece} of ${s} in ${JSON.stringify(text)}`).toBe(false);
          }
        }
      }
    }
  });
});
