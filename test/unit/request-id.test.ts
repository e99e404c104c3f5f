import { describe, expect, it } from 'vitest';
import { requestIdOf } from '../../gateway/request-id.js';
import { currentLogContext, withLogContext } from '../../lib/logger.js';

describe('request ids', () => {
  it('keeps a sane incoming x-request-id and replaces anything else with a UUID', () => {
    expect(requestIdOf('abc-123_DEF.456:7')).toBe('abc-123_DEF.456:7');
    expect(requestIdOf(['first-id-0001', 'second'])).toBe('first-id-0001');
    for (const bad of [undefined, '', 'short', 'has space here', '"quoted-value"', 'x'.repeat(129), 'line\nbreak-0001']) {
      expect(requestIdOf(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it('binds log fields for everything inside the context, nested contexts merging over outer ones', async () => {
    expect(currentLogContext()).toEqual({});
    await withLogContext({ request_id: 'r1', userId: 'u1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      await withLogContext({ request_id: 'r2' }, async () => expect(currentLogContext()).toEqual({ request_id: 'r2', userId: 'u1' }));
      expect(currentLogContext()).toEqual({ request_id: 'r1', userId: 'u1' });
    });
  });
});
