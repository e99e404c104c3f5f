// The pure pieces of the contracts that workflows rely on when they replay older histories.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultConversationId, sanitisedText } from '../../lib/contracts/chat.js';

describe('sanitisedText', () => {
  it('reads the guard decision as recorded today and as older histories spelled it', () => {
    expect(sanitisedText({ sanitised: 'clean' })).toBe('clean');
    expect(sanitisedText({ sanitized: 'older' } as { sanitised?: string })).toBe('older');
    expect(sanitisedText({})).toBeUndefined();
  });
});

describe('defaultConversationId', () => {
  it('is the id earlier gateways derived with node:crypto, so a resend lands in the same conversation', () => {
    for (const [user, msg] of [
      ['alice', 'm-1'],
      ['бob', 'x_2'],
      ['u', ''],
    ]) {
      const before = 'c-' + createHash('sha256').update(`${user}\0${msg}`).digest('hex').slice(0, 24);
      expect(defaultConversationId(user!, msg!)).toBe(before);
    }
  });
});
