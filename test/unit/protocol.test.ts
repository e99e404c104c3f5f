import { describe, expect, it } from 'vitest';
import { parseClientFrame } from '../../gateway/protocol.js';

const parse = (raw: unknown, max = 100) => parseClientFrame(typeof raw === 'string' ? raw : JSON.stringify(raw), max);

describe('parseClientFrame', () => {
  it('accepts chat.send with and without a conversation, and ping', () => {
    expect(parse({ type: 'chat.send', id: 'm-1', text: ' hi ' })).toEqual({ ok: true, frame: { type: 'chat.send', id: 'm-1', text: 'hi' } });
    expect(parse({ type: 'chat.send', id: 'm_2', conversationId: 'c1', text: 'x' })).toMatchObject({ ok: true, frame: { conversationId: 'c1' } });
    expect(parse({ type: 'ping' })).toEqual({ ok: true, frame: { type: 'ping' } });
  });

  it.each([
    ['{', 'BAD_FRAME', 'not valid JSON'],
    ['"text"', 'BAD_FRAME', 'JSON object'],
    ['null', 'BAD_FRAME', 'JSON object'],
    ['[]', 'BAD_FRAME', 'JSON object'],
    [{ id: 'a' }, 'UNKNOWN_FRAME', 'unknown frame type'],
    [{ type: 'chat.cancel', id: 'a' }, 'UNKNOWN_FRAME', 'chat.cancel'],
    [{ type: 'chat.send', id: 'a' }, 'BAD_FRAME', 'text'],
    [{ type: 'chat.send', id: 'a', text: 5 }, 'BAD_FRAME', 'text'],
    [{ type: 'chat.send', id: 'a', text: '\n\t ' }, 'BAD_FRAME', 'empty'],
    [{ type: 'chat.send', id: 'has space', text: 'x' }, 'BAD_FRAME', 'id'],
    [{ type: 'chat.send', id: 'a:b', text: 'x' }, 'BAD_FRAME', 'id'],
    [{ type: 'chat.send', id: 'x'.repeat(65), text: 'x' }, 'BAD_FRAME', 'id'],
    [{ type: 'chat.send', id: 'a', conversationId: '../etc', text: 'x' }, 'BAD_FRAME', 'conversationId'],
    [{ type: 'chat.send', id: 'a', text: 'y'.repeat(101) }, 'PAYLOAD_TOO_LARGE', '100'],
  ])('rejects %j with %s', (raw, code, fragment) => {
    const r = parse(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toContain(fragment);
  });

  it('echoes a valid id on errors so the client can match them, never an invalid one', () => {
    expect(parse({ type: 'chat.send', id: 'ok-id' })).toMatchObject({ ok: false, id: 'ok-id' });
    expect(parse({ type: 'chat.send', id: '<script>' })).not.toHaveProperty('id', '<script>');
  });
});
