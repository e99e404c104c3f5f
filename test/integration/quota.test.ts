// Layer 2 on the real Redis: atomic Lua reservations under concurrency, idempotent settle/release, limits.
import calculateSlot from 'cluster-key-slot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuotaStore, type QuotaLimits } from '../../activities/security/stores/quota.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let s: Services;
const DAY = '2026-11-23';
const generous: QuotaLimits = { dailyTokens: 100_000, requestsPerMinute: 10_000, concurrentTurns: 10_000, leaseMs: 60_000 };

beforeAll(async () => {
  s = await connectServices();
});
afterAll(async () => s?.close());

describe('QuotaStore', () => {
  it('never overspends with 200 parallel turns of one user', async () => {
    const q = new QuotaStore(s.redis, { ...generous, dailyTokens: 10_000 });
    const user = uniqueId('u');
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => q.reserve(user, `turn-${i}`, 300, DAY)));
    const allowed = results.filter((r) => r.allowed);
    expect(allowed).toHaveLength(Math.floor(10_000 / 300));
    expect(results.filter((r) => !r.allowed).every((r) => r.denied === 'daily_tokens')).toBe(true);
    expect(await q.usedToday(user, DAY)).toBe(allowed.length * 300);
    expect(Math.max(...results.map((r) => r.used))).toBeLessThanOrEqual(10_000);
  });

  it('settles to the real usage and releases on failure, each exactly once', async () => {
    const q = new QuotaStore(s.redis, generous);
    const user = uniqueId('u');
    await q.reserve(user, 'a', 1000, DAY);
    await q.reserve(user, 'b', 1000, DAY);
    expect(await q.usedToday(user, DAY)).toBe(2000);
    expect(await q.settle(user, 'a', DAY, 250)).toBe(true);
    expect(await q.settle(user, 'a', DAY, 250)).toBe(false); // an activity retry changes nothing
    expect(await q.release(user, 'b', DAY)).toBe(true);
    expect(await q.release(user, 'b', DAY)).toBe(false);
    expect(await q.release(user, 'a', DAY)).toBe(false); // already settled: not given back
    expect(await q.usedToday(user, DAY)).toBe(250);
  });

  it('counts a retried reservation once', async () => {
    const q = new QuotaStore(s.redis, { ...generous, requestsPerMinute: 1 });
    const user = uniqueId('u');
    expect((await q.reserve(user, 'same', 500, DAY)).allowed).toBe(true);
    expect((await q.reserve(user, 'same', 500, DAY)).allowed).toBe(true);
    expect(await q.usedToday(user, DAY)).toBe(500);
    expect((await q.reserve(user, 'other', 500, DAY)).denied).toBe('requests_per_minute');
  });

  it('limits requests per minute, and the next minute starts fresh', async () => {
    const q = new QuotaStore(s.redis, { ...generous, requestsPerMinute: 3 });
    const user = uniqueId('u');
    const t = Date.UTC(2026, 10, 23, 10, 0, 5);
    for (let i = 0; i < 3; i++) expect((await q.reserve(user, `r${i}`, 10, DAY, t)).allowed).toBe(true);
    expect(await q.reserve(user, 'r3', 10, DAY, t + 1000)).toMatchObject({ allowed: false, denied: 'requests_per_minute' });
    expect((await q.reserve(user, 'r4', 10, DAY, t + 60_000)).allowed).toBe(true);
  });

  it('limits concurrent turns until one finishes or its lease runs out', async () => {
    const q = new QuotaStore(s.redis, { ...generous, concurrentTurns: 2, leaseMs: 30_000 });
    const user = uniqueId('u');
    const t = Date.now();
    await q.reserve(user, 'c1', 10, DAY, t);
    await q.reserve(user, 'c2', 10, DAY, t);
    expect((await q.reserve(user, 'c3', 10, DAY, t)).denied).toBe('concurrent_turns');
    await q.settle(user, 'c1', DAY, 5);
    expect((await q.reserve(user, 'c4', 10, DAY, t)).allowed).toBe(true);
    expect((await q.reserve(user, 'c5', 10, DAY, t + 1000)).denied).toBe('concurrent_turns');
    expect((await q.reserve(user, 'c6', 10, DAY, t + 31_000)).allowed).toBe(true); // c2 and c4 leases expired
  });

  it('keeps each day separate', async () => {
    const q = new QuotaStore(s.redis, { ...generous, dailyTokens: 1000 });
    const user = uniqueId('u');
    expect((await q.reserve(user, 'd1', 1000, '2026-11-23')).allowed).toBe(true);
    expect((await q.reserve(user, 'd2', 1, '2026-11-23')).denied).toBe('daily_tokens');
    expect((await q.reserve(user, 'd3', 1000, '2026-11-24')).allowed).toBe(true);
  });

  it("keeps all of one user's keys in one Redis Cluster slot", async () => {
    const q = new QuotaStore(s.redis, generous);
    const user = uniqueId('u');
    await q.reserve(user, 'k1', 10, DAY);
    const keys = await s.redis.keys(`{quota:${user}}*`);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(new Set(keys.map((k) => calculateSlot(k))).size).toBe(1);
  });
});
