// Layer 2: per-user daily token budget, requests per minute and concurrent turns, in Redis with atomic Lua.
// A turn reserves an upper bound of its tokens before the model call, settles the real usage after, and
// releases the reservation if it fails. All keys of one user share a hash tag, so the scripts run on one
// Redis Cluster slot. Every script is idempotent on the reservation id (the workflow id): activity retries
// never count a turn twice.
import type { RedisClient } from '../../lib/redis.js';

export interface QuotaLimits {
  dailyTokens: number;
  requestsPerMinute: number;
  concurrentTurns: number;
  /** A reservation not settled or released within this time stops counting as a concurrent turn. */
  leaseMs: number;
}

export type QuotaDenial = 'daily_tokens' | 'requests_per_minute' | 'concurrent_turns';

export interface ReserveResult {
  allowed: boolean;
  denied?: QuotaDenial;
  /** Tokens counted against today's budget after this call (including outstanding reservations). */
  used: number;
  limit: number;
}

const keys = (userId: string, day: string, minute: number, reservationId: string) => {
  const tag = `{quota:${userId}}`;
  return [`${tag}:day:${day}`, `${tag}:rpm:${minute}`, `${tag}:active`, `${tag}:res:${reservationId}`];
};

// KEYS: day, rpm, active, reservation. ARGV: estimate, dailyLimit, rpmLimit, concurrentLimit, nowMs, leaseMs, reservationId, day
const RESERVE = `
local existing = redis.call('GET', KEYS[4])
if existing then
  return {1, '', tonumber(redis.call('GET', KEYS[1]) or '0')}
end
local estimate, now = tonumber(ARGV[1]), tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[4]) then return {0, 'concurrent_turns', tonumber(redis.call('GET', KEYS[1]) or '0')} end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[3]) then return {0, 'requests_per_minute', tonumber(redis.call('GET', KEYS[1]) or '0')} end
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used + estimate > tonumber(ARGV[2]) then return {0, 'daily_tokens', used} end
used = redis.call('INCRBY', KEYS[1], estimate)
redis.call('PEXPIRE', KEYS[1], 2 * 86400000)
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], 120000)
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[6]), ARGV[7])
redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[6]) * 2)
redis.call('SET', KEYS[4], ARGV[1] .. '|' .. ARGV[8], 'PX', 2 * 86400000)
return {1, '', used}
`;

// KEYS: day, active, reservation. ARGV: actual (-1 = release), reservationId. Returns the new daily total.
const FINISH = `
local rec = redis.call('GET', KEYS[3])
if not rec or string.sub(rec, 1, 5) == 'done|' then return -1 end
local estimate = tonumber(string.sub(rec, 1, string.find(rec, '|', 1, true) - 1))
local actual = tonumber(ARGV[1])
local total = redis.call('INCRBY', KEYS[1], (actual < 0) and -estimate or (actual - estimate))
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], 'done|' .. rec, 'PX', 2 * 86400000)
return total
`;

export class QuotaStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly limits: QuotaLimits,
  ) {}

  /** `day` (YYYY-MM-DD) comes from the caller so a workflow's own clock decides which day is charged. */
  async reserve(userId: string, reservationId: string, estimate: number, day: string, nowMs = Date.now()): Promise<ReserveResult> {
    const minute = Math.floor(nowMs / 60_000);
    const l = this.limits;
    const [ok, denied, used] = (await this.redis.eval(
      RESERVE, 4, ...keys(userId, day, minute, reservationId),
      Math.ceil(estimate), l.dailyTokens, l.requestsPerMinute, l.concurrentTurns, nowMs, l.leaseMs, reservationId, day,
    )) as [number, string, number];
    return { allowed: ok === 1, ...(denied ? { denied: denied as QuotaDenial } : {}), used, limit: l.dailyTokens };
  }

  /** Replaces the reservation with the real usage. Returns false if it was already settled or released. */
  async settle(userId: string, reservationId: string, day: string, actualTokens: number): Promise<boolean> {
    return (await this.finish(userId, reservationId, day, Math.max(0, Math.ceil(actualTokens)))) >= 0;
  }

  /** Gives the whole reservation back (the turn failed before using the model). */
  async release(userId: string, reservationId: string, day: string): Promise<boolean> {
    return (await this.finish(userId, reservationId, day, -1)) >= 0;
  }

  async usedToday(userId: string, day: string): Promise<number> {
    return Number((await this.redis.get(keys(userId, day, 0, '')[0]!)) ?? 0);
  }

  private async finish(userId: string, reservationId: string, day: string, actual: number): Promise<number> {
    const [dayKey, , active, reservation] = keys(userId, day, 0, reservationId);
    return (await this.redis.eval(FINISH, 3, dayKey!, active!, reservation!, actual, reservationId)) as number;
  }
}
