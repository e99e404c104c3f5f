import { describe, expect, it } from 'vitest';
import { offlineAnswer, offlineModel } from '../../activities/llm/offline-model.js';
import { countTokens } from '../../lib/tokens.js';

describe('offline model', () => {
  it('labels itself and works out simple arithmetic', () => {
    expect(offlineAnswer('What is 2 + 2?')).toMatch(/^\[offline tutor\] 2 \+ 2 = 4\./);
    expect(offlineAnswer('and 7 × 6')).toContain('7 × 6 = 42.');
    expect(offlineAnswer('1/0')).not.toContain('Infinity');
    expect(offlineAnswer('Explain osmosis')).toMatch(/^\[offline tutor\] /);
  });

  it('streams the answer in pieces and counts tokens with the real tokenizer', async () => {
    const model = offlineModel(0);
    const stream = await model.stream([{ role: 'user', content: 'What is 10 - 3?' }], { signal: new AbortController().signal });
    const pieces: string[] = [];
    for await (const p of stream.deltas) pieces.push(p);
    expect(pieces.length).toBeGreaterThan(3);
    const text = pieces.join('');
    expect(text).toBe(offlineAnswer('What is 10 - 3?'));
    expect(stream.usage().completionTokens).toBe(countTokens(text));
    expect(stream.usage().promptTokens).toBeGreaterThan(countTokens('What is 10 - 3?'));
  });

  it('stops when the activity is cancelled', async () => {
    const ctl = new AbortController();
    const stream = await offlineModel(0).stream([{ role: 'user', content: 'hello there' }], { signal: ctl.signal });
    ctl.abort();
    await expect(async () => {
      for await (const _ of stream.deltas) void _;
    }).rejects.toThrow();
  });
});
