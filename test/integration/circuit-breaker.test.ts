// Layer 3's circuit breaker on the real Redis, and shared between two OS processes.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../activities/security/stores/circuit-breaker.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let s: Services;
const opts = { failureThreshold: 5, openMs: 60_000, probeLeaseMs: 10_000 };

beforeAll(async () => {
  s = await connectServices();
});
afterAll(async () => s?.close());

describe('CircuitBreaker', () => {
  it('opens after 5 consecutive failures, half-opens after 60 s, and closes on a good probe', async () => {
    const b = new CircuitBreaker(s.redis, opts);
    const name = uniqueId('model');
    const t = 1_000_000;
    for (let i = 0; i < 4; i++) expect(await b.record(name, false, t)).toBe('closed');
    await b.record(name, true, t); // a success resets the count
    for (let i = 0; i < 4; i++) await b.record(name, false, t);
    expect(await b.record(name, false, t)).toBe('open');
    expect(await b.acquire(name, t + 59_999)).toEqual({ allowed: false, state: 'open' });
    expect(await b.acquire(name, t + 60_000)).toEqual({ allowed: true, state: 'half_open' });
    expect((await b.acquire(name, t + 60_001)).allowed).toBe(false); // one probe at a time
    expect(await b.record(name, true, t + 60_100)).toBe('closed');
    expect(await b.acquire(name, t + 60_200)).toEqual({ allowed: true, state: 'closed' });
  });

  it('reopens when the half-open probe fails, and lets another probe through when one hangs', async () => {
    const b = new CircuitBreaker(s.redis, opts);
    const name = uniqueId('model');
    for (let i = 0; i < 5; i++) await b.record(name, false, 0);
    expect((await b.acquire(name, 60_000)).state).toBe('half_open');
    expect(await b.record(name, false, 60_500)).toBe('open');
    expect((await b.acquire(name, 61_000)).allowed).toBe(false);
    expect((await b.acquire(name, 120_500)).allowed).toBe(true);
    expect((await b.acquire(name, 125_000)).allowed).toBe(false);
    expect((await b.acquire(name, 130_501)).allowed).toBe(true); // the first probe's lease ran out
  });

  it('is shared between processes: failures recorded by one open the circuit for another', async () => {
    const name = uniqueId('model');
    const script = fileURLToPath(new URL('../support/breaker-failures.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const printed = execFileSync(tsx, [script, name, '5'], { env: process.env, encoding: 'utf8' });
    expect(printed.trim()).toBe('open');
    const here = new CircuitBreaker(s.redis, opts);
    expect(await here.acquire(name)).toEqual({ allowed: false, state: 'open' });
  });
});
