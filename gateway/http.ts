// The express app: health, readiness, metrics, and JSON errors with stable codes (never a stack trace).
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppError, ErrorCode, isDependencyDown } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import { registry } from '../lib/metrics.js';
import { withTimeout } from '../lib/timeout.js';
import { requestIdMiddleware } from './request-id.js';

/** A named dependency check; it throws (or times out) when the dependency is down. */
export type ReadinessCheck = () => Promise<unknown>;

const CHECK_TIMEOUT_MS = 2_000;

export function createHttpApp(checks: Record<string, ReadinessCheck>): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(express.json({ limit: '1mb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const names = Object.keys(checks);
    const results = await Promise.allSettled(names.map((n) => withTimeout(checks[n]!(), CHECK_TIMEOUT_MS)));
    const status: Record<string, 'up' | 'down'> = {};
    results.forEach((r, i) => (status[names[i]!] = r.status === 'fulfilled' ? 'up' : 'down'));
    const down = names.filter((n) => status[n] === 'down');
    if (down.length > 0) {
      res.status(503).json({ status: 'unavailable', down, checks: status });
      return;
    }
    res.json({ status: 'ready', checks: status });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  return app;
}

/** Installed after all routes: unknown routes and every error become `{ error: { code, message } }`. */
export function finishHttpApp(app: express.Express): void {
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: 'no such route' } });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AppError) {
      if (err.retryAfterMs) res.set('Retry-After', String(Math.ceil(err.retryAfterMs / 1000)));
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const status = (err as { status?: number }).status;
    if (status === 400 || status === 413) {
      const code = status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST;
      res.status(status).json({ error: { code, message: status === 413 ? 'request body too large' : 'malformed JSON body' } });
      return;
    }
    if (isDependencyDown(err)) {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'a dependency is down');
      res
        .set('Retry-After', '5')
        .status(503)
        .json({ error: { code: ErrorCode.DEPENDENCY_DOWN, message: 'a service this request needs is unavailable; try again shortly' } });
      return;
    }
    logger.error({ err: err instanceof Error ? err.message : String(err) }, 'unhandled request error');
    res.status(500).json({ error: { code: ErrorCode.INTERNAL, message: 'internal error' } });
  });
}
