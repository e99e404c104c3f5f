import { describe, expect, it } from 'vitest';
import { DeltaForwarder } from '../../gateway/delta-forwarder.js';

function forwarder() {
  const out: string[] = [];
  return { f: new DeltaForwarder((t) => out.push(t)), out };
}

describe('DeltaForwarder', () => {
  it('holds live deltas until primed, then sends each character once and in order', () => {
    const { f, out } = forwarder();
    f.push({ offset: 3, text: 'def' });
    f.push({ offset: 6, text: 'gh' });
    f.prime('abcd'); // the stored text overlaps the first live delta
    f.push({ offset: 8, text: 'ij' });
    f.finish('abcdefghij');
    expect(out.join('')).toBe('abcdefghij');
    expect(out).toEqual(['abcd', 'ef', 'gh', 'ij']);
  });

  it('ignores duplicates and fills a gap from the final text', () => {
    const { f, out } = forwarder();
    f.prime('');
    f.push({ offset: 0, text: 'ab' });
    f.push({ offset: 0, text: 'ab' });
    f.push({ offset: 5, text: 'fg' }); // 'cde' was lost
    f.finish('abcdefg');
    expect(out.join('')).toBe('abcdefg');
  });

  it('sends the whole answer once when nothing was streamed (a resend after the text expired)', () => {
    const { f, out } = forwarder();
    f.prime('');
    f.finish('complete answer');
    expect(out).toEqual(['complete answer']);
  });

  it('sends nothing for empty deltas', () => {
    const { f, out } = forwarder();
    f.prime('');
    f.push({ offset: 0, text: '' });
    f.finish('');
    expect(out).toEqual([]);
  });
});
