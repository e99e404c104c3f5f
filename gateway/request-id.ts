// A request id on every gateway log line: a sane incoming x-request-id, else a new one; echoed in the response.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { withLogContext } from '../lib/logger.js';

const SANE = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's id when it looks like an id (no spaces, quotes or control characters, not huge), else a fresh one. */
export function requestIdOf(header: string | string[] | undefined): string {
  const v = Array.isArray(header) ? header[0] : header;
  return v && SANE.test(v) ? v : randomUUID();
}

export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdOf(req.headers['x-request-id']);
  res.setHeader('x-request-id', id);
  withLogContext({ request_id: id }, () => next());
}
