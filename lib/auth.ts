// JWT sign/verify with jose. HS256 only: `alg: none` and every other algorithm are refused by verification.
import { SignJWT, jwtVerify } from 'jose';
import { config } from './config.js';

/** User ids end up inside workflow ids and Redis keys, so they are restricted to a safe alphabet. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_.@-]{1,128}$/;

export interface AuthUser {
  id: string;
  roles: string[];
}

const key = () => new TextEncoder().encode(config().JWT_SECRET);

export async function signToken(userId: string, opts: { roles?: string[]; expiresIn?: string } = {}): Promise<string> {
  if (!USER_ID_PATTERN.test(userId)) throw new Error('user id may contain only letters, digits and _ . @ -');
  return new SignJWT({ roles: opts.roles ?? ['student'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(config().JWT_ISSUER)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '12h')
    .sign(key());
}

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
}

/** Returns the user, or null for any token that is missing, malformed, forged, expired or of another alg. */
export async function verifyToken(token: string | undefined | null): Promise<AuthUser | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(), { algorithms: ['HS256'], issuer: config().JWT_ISSUER });
    if (typeof payload.sub !== 'string' || !USER_ID_PATTERN.test(payload.sub)) return null;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return { id: payload.sub, roles };
  } catch {
    return null;
  }
}
