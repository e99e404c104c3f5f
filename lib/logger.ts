// The one logger: structured JSON (pino). Secrets are redacted by key wherever they appear in a log object.
import { pino, type Logger } from 'pino';
import { config } from './config.js';

export const logger: Logger = pino({
  level: config().LOG_LEVEL,
  base: { service: process.env.SPARKLE_SERVICE ?? 'sparkle' },
  redact: {
    paths: ['token', 'authorization', 'headers.authorization', '*.token', '*.apiKey', 'apiKey', 'password', '*.password', 'JWT_SECRET', 'LLM_API_KEY'],
    censor: '[redacted]',
  },
});
