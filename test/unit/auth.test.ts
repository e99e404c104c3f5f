import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from '../../lib/auth.js';
import { config } from '../../lib/config.js';

const key = () => new TextEncoder().encode(config().JWT_SECRET);

describe('JWT', () => {
  it('round-trips a user and roles', async () => {
    const token = await signToken('alice', { roles: ['student', 'operator'] });
    expect(await verifyToken(token)).toEqual({ id: 'alice', roles: ['student', 'operator'] });
  });

  it('refuses user ids that could escape a workflow id or Redis key', async () => {
    await expect(signToken('a:b')).rejects.toThrow();
    await expect(signToken('')).rejects.toThrow();
    const sneaky = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x:y').setIssuer(config().JWT_ISSUER).setExpirationTime('1h').sign(key());
    expect(await verifyToken(sneaky)).toBeNull();
  });

  it('refuses unsigned, forged, expired, other-algorithm and missing tokens', async () => {
    const unsigned = new UnsecuredJWT({}).setSubject('alice').setIssuer(config().JWT_ISSUER).setExpirationTime('1h').encode();
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer(config().JWT_ISSUER)
      .setExpirationTime('1h').sign(new TextEncoder().encode('not-the-secret-not-the-secret'));
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer(config().JWT_ISSUER)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 5).sign(key());
    const hs512 = await new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setSubject('alice').setIssuer(config().JWT_ISSUER)
      .setExpirationTime('1h').sign(new Uint8Array(64).fill(7));
    const noSub = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer(config().JWT_ISSUER).setExpirationTime('1h').sign(key());
    for (const t of [unsigned, forged, expired, hs512, noSub, '', undefined, null, 'a.b.c']) {
      expect(await verifyToken(t)).toBeNull();
    }
  });
});
