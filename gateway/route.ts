// The REST API's request wrapper: authenticates the bearer token, runs the handler, and hands any error to the
// JSON error handler (gateway/http.ts), so every route answers `{ error: { code, message } }` the same way.
import type { NextFunction, Request, Response } from 'express';
import { bearerToken, verifyToken, type AuthUser } from '../lib/auth.js';
import { AppError, ErrorCode } from '../lib/errors.js';
import { bindLogContext } from '../lib/logger.js';

export type Handler = (req: Request, res: Response, user: AuthUser) => Promise<void>;

export function route(fn: Handler, opts: { role?: string } = {}) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const user = await verifyToken(bearerToken(req.headers.authorization));
      if (!user) throw new AppError(ErrorCode.UNAUTHORIZED, 'a valid bearer token is required', 401);
      bindLogContext({ userId: user.id });
      if (opts.role && !user.roles.includes(opts.role)) throw new AppError(ErrorCode.FORBIDDEN, `this route needs the ${opts.role} role`, 403);
      await fn(req, res, user);
    } catch (err) {
      next(err);
    }
  };
}

export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `no such ${what}`, 404);
