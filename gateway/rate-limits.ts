// Per-user, per-minute limits on the REST API's costly actions: a fixed window in Redis, shared by every gateway.
// If Redis cannot answer, requests pass; the quota layer still guards the model calls.
import { AppError, ErrorCode } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import type { RedisClient } from '../lib/redis.js';

function perMinuteLimit(redis: RedisClient, name: string, perMinute: number) {
  return async (userId: string): Promise<void> => {
    const window = Math.floor(Date.now() / 60_000);
    const key = `ratelimit:{${userId}}:${name}:${window}`;
    const count = await redis
      .multi()
      .incr(key)
      .pexpire(key, 61_000)
      .exec()
      .then(
        (r) => Number(r?.[0]?.[1] ?? 0),
        (err: Error) => (logger.warn({ err: err.message, limit: name }, 'rate limit unavailable'), 0),
      );
    if (count > perMinute) {
      throw new AppError(ErrorCode.RATE_LIMITED, `at most ${perMinute} ${name} per minute`, 429, undefined, 60_000 - (Date.now() % 60_000));
    }
  };
}

/** Job starts per user and minute: each job costs embeddings or a model call. Only valid requests are counted. */
export const jobRateLimit = (redis: RedisClient, perMinute: number) => perMinuteLimit(redis, 'jobs', perMinute);

/** Searches by meaning per user and minute: each one embeds its query with the (paid) provider. */
export const searchRateLimit = (redis: RedisClient, perMinute: number) => perMinuteLimit(redis, 'searches', perMinute);
