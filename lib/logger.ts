// The one logger: structured JSON (pino). Secrets are redacted by key wherever they appear in a log object.
// Fields bound with withLogContext (request_id, userId, workflowId, activityType...) are added to every line
// logged inside that async context, so code deep in a request or an activity need not pass them along.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';
import { config } from './config.js';

export type LogContext = Record<string, string | number | undefined>;
const context = new AsyncLocalStorage<LogContext>();

export const logger: Logger = pino({
  level: config().LOG_LEVEL,
  base: { service: config().SPARKLE_SERVICE },
  mixin: () => context.getStore() ?? {},
  redact: {
    paths: [
      'token',
      '*.token',
      'authorization',
      'headers.authorization',
      'req.headers.authorization',
      'headers.cookie',
      'cookie',
      'apiKey',
      '*.apiKey',
      'password',
      '*.password',
      'secret',
      '*.secret',
      'JWT_SECRET',
      'LLM_API_KEY',
      'DATABASE_URL',
      '*.JWT_SECRET',
      '*.LLM_API_KEY',
      '*.DATABASE_URL',
    ],
    censor: '[redacted]',
  },
});

/** Runs fn with these fields (merged over the current ones) on every log line inside it. */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

/** The fields bound to the current async context (empty outside one). */
export function currentLogContext(): LogContext {
  return context.getStore() ?? {};
}

/** Adds fields to the current context (e.g. the user once a request is authenticated); no-op outside one. */
export function bindLogContext(fields: LogContext): void {
  const store = context.getStore();
  if (store) Object.assign(store, fields);
}
