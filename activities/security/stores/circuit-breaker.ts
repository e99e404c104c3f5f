// Layer 3's circuit breaker, shared by every worker through Redis: after `failureThreshold` consecutive
// failures of a model the circuit opens and calls are refused at once; after `openMs` one probe call is let
// through (half-open); its success closes the circuit, its failure opens it again. State changes are atomic
// Lua, so workers racing on the same model agree.
import type { RedisClient } from '../../../lib/redis.js';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failureThreshold: number;
  openMs: number;
  /** How long one half-open probe may take before another worker may probe instead. */
  probeLeaseMs: number;
  /** The clock the open period is measured on (default Date.now): the time-skipping tests pass the test server's. */
  clock?: () => number | Promise<number>;
}

// KEYS: breaker hash. ARGV: nowMs, openMs, probeLeaseMs. Returns {allowed, state}.
const ACQUIRE = `
local state = redis.call('HGET', KEYS[1], 'state') or 'closed'
local now = tonumber(ARGV[1])
if state == 'closed' then return {1, state} end
if state == 'open' then
  if now - tonumber(redis.call('HGET', KEYS[1], 'opened_at') or '0') < tonumber(ARGV[2]) then return {0, state} end
  redis.call('HSET', KEYS[1], 'state', 'half_open', 'probe_until', now + tonumber(ARGV[3]))
  return {1, 'half_open'}
end
if now < tonumber(redis.call('HGET', KEYS[1], 'probe_until') or '0') then return {0, state} end
redis.call('HSET', KEYS[1], 'probe_until', now + tonumber(ARGV[3]))
return {1, state}
`;

// KEYS: breaker hash. ARGV: outcome ('ok' | 'fail'), nowMs, failureThreshold. Returns the new state.
const RECORD = `
if ARGV[1] == 'ok' then
  redis.call('HSET', KEYS[1], 'state', 'closed', 'failures', 0)
  return 'closed'
end
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local state = redis.call('HGET', KEYS[1], 'state') or 'closed'
if state == 'half_open' or failures >= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'state', 'open', 'opened_at', ARGV[2])
  return 'open'
end
return state
`;

export class CircuitBreaker {
  constructor(
    private readonly redis: RedisClient,
    private readonly opts: BreakerOptions,
  ) {}

  private key(name: string): string {
    return `{breaker:${name}}`;
  }

  private async now(): Promise<number> {
    return this.opts.clock ? this.opts.clock() : Date.now();
  }

  /** Whether a call to `name` may go ahead now, and the state it saw. */
  async acquire(name: string, nowMs?: number): Promise<{ allowed: boolean; state: CircuitState }> {
    nowMs ??= await this.now();
    const [allowed, state] = (await this.redis.eval(ACQUIRE, 1, this.key(name), nowMs, this.opts.openMs, this.opts.probeLeaseMs)) as [number, CircuitState];
    return { allowed: allowed === 1, state };
  }

  async record(name: string, ok: boolean, nowMs?: number): Promise<CircuitState> {
    nowMs ??= await this.now();
    return (await this.redis.eval(RECORD, 1, this.key(name), ok ? 'ok' : 'fail', nowMs, this.opts.failureThreshold)) as CircuitState;
  }

  async state(name: string): Promise<CircuitState> {
    return ((await this.redis.hget(this.key(name), 'state')) as CircuitState | null) ?? 'closed';
  }
}
