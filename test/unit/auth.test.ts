import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from '../../lib/auth.js';
import { config, parseConfig } from '../../lib/config.js';

const key = () => new TextEncoder().encode(config().JWT_SECRET);
const now = () => Math.floor(Date.now() / 1000);
/** A correctly signed token of ours, with the claims a test then adds or leaves out. */
const ours = () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer(config().JWT_ISSUER);

describe('JWT', () => {
  it('round-trips a user and roles', async () => {
    const token = await signToken('alice', { roles: ['student', 'operator'] });
    expect(await verifyToken(token)).toEqual({ id: 'alice', roles: ['student', 'operator'] });
  });

  it('refuses user ids that could escape a workflow id or Redis key', async () => {
    await expect(signToken('a:b')).rejects.toThrow();
    await expect(signToken('')).rejects.toThrow();
    const sneaky = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x:y')
      .setIssuer(config().JWT_ISSUER)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key());
    expect(await verifyToken(sneaky)).toBeNull();
  });

  it('refuses unsigned, forged, expired, other-algorithm and missing tokens', async () => {
    const unsigned = new UnsecuredJWT({}).setSubject('alice').setIssuer(config().JWT_ISSUER).setIssuedAt().setExpirationTime('1h').encode();
    const forged = await ours().setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode('not-the-secret-not-the-secret'));
    // Past the clock tolerance.
    const expired = await ours()
      .setIssuedAt(now() - 600)
      .setExpirationTime(now() - 120)
      .sign(key());
    const hs512 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('alice')
      .setIssuer(config().JWT_ISSUER)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new Uint8Array(64).fill(7));
    const noSub = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer(config().JWT_ISSUER).setIssuedAt().setExpirationTime('1h').sign(key());
    for (const t of [unsigned, forged, expired, hs512, noSub, '', undefined, null, 'a.b.c']) {
      expect(await verifyToken(t)).toBeNull();
    }
  });

  it('refuses a token without exp, one issued in the future, and one issued longer ago than the maximum age', async () => {
    const noExp = await ours().setIssuedAt().sign(key());
    const noIat = await ours().setExpirationTime('1h').sign(key());
    const fromTheFuture = await ours()
      .setIssuedAt(now() + 3600)
      .setExpirationTime(now() + 7200)
      .sign(key());
    const ancient = await ours()
      .setIssuedAt(now() - 365 * 24 * 3600)
      .setExpirationTime('1h')
      .sign(key()); // past the default 30 days
    for (const t of [noExp, noIat, fromTheFuture, ancient]) expect(await verifyToken(t)).toBeNull();
    // A few seconds of clock skew between issuer and gateway is not an attack.
    const skewed = await ours()
      .setIssuedAt(now() + 5)
      .setExpirationTime('1h')
      .sign(key());
    expect(await verifyToken(skewed)).toMatchObject({ id: 'alice' });
  });

  it('with JWT_AUDIENCE, signs tokens for it and refuses tokens without it or for another audience', async () => {
    const c = parseConfig({ ...process.env, JWT_AUDIENCE: 'sparkle-api' });
    const token = await signToken('alice', {}, c);
    expect(decodeJwt(token).aud).toBe('sparkle-api');
    expect(await verifyToken(token, c)).toMatchObject({ id: 'alice' });
    const noAud = await ours().setIssuedAt().setExpirationTime('1h').sign(key());
    const otherAud = await ours().setAudience('another-api').setIssuedAt().setExpirationTime('1h').sign(key());
    expect(await verifyToken(noAud, c)).toBeNull();
    expect(await verifyToken(otherAud, c)).toBeNull();
  });

  it('`npm run token` adds the configured audience', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/token.ts', 'alice'], {
      cwd: root,
      env: { ...process.env, JWT_AUDIENCE: 'sparkle-api' },
    });
    const token = stdout.trim();
    expect(decodeJwt(token)).toMatchObject({ sub: 'alice', aud: 'sparkle-api', exp: expect.any(Number) });
    expect(await verifyToken(token, parseConfig({ ...process.env, JWT_AUDIENCE: 'sparkle-api' }))).toMatchObject({ id: 'alice' });
  });
});
