// JWT sign/verify with jose. HS256 only: `alg: none` and every other algorithm are refused by verification.
import { SignJWT, jwtVerify } from 'jose';
import { config, type Config } from './config.js';

/** User ids end up inside workflow ids and Redis keys, so they are restricted to a safe alphabet. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_.@-]{1,128}$/;

/** Clock skew between the token's issuer and us that `exp`, `nbf` and a future `iat` may show. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface AuthUser {
  id: string;
  roles: string[];
}

type AuthConfig = Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'JWT_MAX_TOKEN_AGE_SECONDS'>;

const key = (c: AuthConfig) => new TextEncoder().encode(c.JWT_SECRET);

export async function signToken(userId: string, opts: { roles?: string[]; expiresIn?: string } = {}, c: AuthConfig = config()): Promise<string> {
  if (!USER_ID_PATTERN.test(userId)) throw new Error('user id may contain only letters, digits and _ . @ -');
  const jwt = new SignJWT({ roles: opts.roles ?? ['student'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(c.JWT_ISSUER)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '12h');
  if (c.JWT_AUDIENCE) jwt.setAudience(c.JWT_AUDIENCE);
  return jwt.sign(key(c));
}

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
}

/**
 * Returns the user, or null for any token that is missing, malformed, forged, of another alg, without `exp` or
 * `iat`, expired, issued in the future or too long ago, or (with JWT_AUDIENCE) not meant for us.
 */
export async function verifyToken(token: string | undefined | null, c: AuthConfig = config()): Promise<AuthUser | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(c), {
      algorithms: ['HS256'],
      issuer: c.JWT_ISSUER,
      audience: c.JWT_AUDIENCE,
      requiredClaims: ['exp'],
      // Also makes `iat` required, and refuses one in the future (beyond the tolerance).
      maxTokenAge: c.JWT_MAX_TOKEN_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    if (typeof payload.sub !== 'string' || !USER_ID_PATTERN.test(payload.sub)) return null;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return { id: payload.sub, roles };
  } catch {
    return null;
  }
}
