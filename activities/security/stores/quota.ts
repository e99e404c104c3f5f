// Layer 2: per-user daily token budget, requests per minute and concurrent turns, in Redis with atomic Lua.
// A turn reserves an upper bound of its tokens before the model call, settles the real usage after, and
// releases the reservation if it fails. All keys of one user share a hash tag, so the scripts run on one
// Redis Cluster slot. Every script is idempotent on the reservation id (the workflow id): activity retries
// never count a turn twice. In cluster mode each write is followed by WAIT 1 (see QuotaStoreOptions).
import { Command, type Cluster } from 'ioredis';
import { quotaWritesUnreplicatedTotal } from '../../../lib/metrics.js';
import type { RedisClient } from '../../../lib/redis.js';

export interface QuotaLimits {
  dailyTokens: number;
  requestsPerMinute: number;
  concurrentTurns: number;
  /** A reservation not settled or released within this time stops counting as a concurrent turn. */
  leaseMs: number;
}

export interface QuotaStoreOptions {
  /**
   * Cluster mode: after each write, wait up to this long for a replica to acknowledge it (WAIT 1), so a write
   * acknowledged as replicated survives its master's crash. Replication is asynchronous: without it, the last
   * writes before a crash can vanish, and a lost reservation also loses the turn's settlement. 0: no wait.
   */
  replicaAckMs?: number;
}

export type QuotaDenial = 'daily_tokens' | 'requests_per_minute' | 'concurrent_turns';

export interface ReserveResult {
  allowed: boolean;
  denied?: QuotaDenial;
  /** Tokens counted against today's budget after this call (including outstanding reservations). */
  used: number;
  limit: number;
  /** Cluster mode with replicaAckMs: whether a replica confirmed this write (false: a failover may lose it). */
  replicated?: boolean;
}

/** ioredis does not retry a pipeline whose EVAL was redirected but whose WAIT answered; a plain command follows these. */
const REDIRECT = /^(MOVED|ASK|TRYAGAIN|CLUSTERDOWN) /;

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
    private readonly opts: QuotaStoreOptions = {},
  ) {}

  /** `day` (YYYY-MM-DD) comes from the caller so a workflow's own clock decides which day is charged. */
  async reserve(userId: string, reservationId: string, estimate: number, day: string, nowMs = Date.now()): Promise<ReserveResult> {
    const minute = Math.floor(nowMs / 60_000);
    const l = this.limits;
    const { reply, replicated } = await this.write('reserve', RESERVE, keys(userId, day, minute, reservationId), [
      Math.ceil(estimate),
      l.dailyTokens,
      l.requestsPerMinute,
      l.concurrentTurns,
      nowMs,
      l.leaseMs,
      reservationId,
      day,
    ]);
    const [ok, denied, used] = reply as [number, string, number];
    return {
      allowed: ok === 1,
      ...(denied ? { denied: denied as QuotaDenial } : {}),
      used,
      limit: l.dailyTokens,
      ...(replicated !== undefined ? { replicated } : {}),
    };
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
    const { reply } = await this.write(actual < 0 ? 'release' : 'settle', FINISH, [dayKey!, active!, reservation!], [actual, reservationId]);
    return reply as number;
  }

  /**
   * Runs a script; in cluster mode with replicaAckMs, WAIT 1 follows it in the same pipeline, hence on the same
   * node connection (WAIT counts the replicas that have this connection's last write).
   */
  private async write(op: string, script: string, k: string[], args: (string | number)[]): Promise<{ reply: unknown; replicated?: boolean }> {
    const waitMs = this.opts.replicaAckMs ?? 0;
    if (!this.redis.isCluster || waitMs <= 0) return { reply: await this.redis.eval(script, k.length, ...k, ...args) };
    // A master whose replica is down (as after a failover, until the old master rejoins) has nobody to wait for:
    // skip the wait rather than add waitMs to every write.
    if (((this.redis as Cluster).slots[new Command('exists', [k[0]!]).getSlot()]?.length ?? 0) < 2) {
      quotaWritesUnreplicatedTotal.inc({ op });
      return { reply: await this.redis.eval(script, k.length, ...k, ...args), replicated: false };
    }
    for (let attempt = 1; ; attempt++) {
      const [[err, reply], [waitErr, acks]] = (await this.redis
        .pipeline()
        .eval(script, k.length, ...k, ...args)
        .wait(1, waitMs)
        .exec()) as [[Error | null, unknown], [Error | null, unknown]];
      if (!err) {
        const replicated = !waitErr && Number(acks) >= 1;
        if (!replicated) quotaWritesUnreplicatedTotal.inc({ op });
        return { reply, replicated };
      }
      // After a failover the slot map may be stale: a plain read follows the redirect and updates it.
      if (!REDIRECT.test(err.message) || attempt === 5) throw err;
      await this.redis.exists(k[0]!);
    }
  }
}
