// Quota, rate limits, the circuit breaker, pub/sub and the cluster metrics on a real six-node Redis Cluster (three
// masters, three replicas of Debian's redis-server), then a master crash in the middle of quota traffic: what
// docs/operations.md ("Redis Cluster") promises about a failover must hold.
import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import calculateSlot from 'cluster-key-slot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../activities/security/stores/circuit-breaker.js';
import { QuotaStore, type QuotaLimits } from '../../activities/security/stores/quota.js';
import { jobRateLimit } from '../../gateway/rate-limits.js';
import { ChannelHub } from '../../gateway/channels.js';
import { turnChannel, turnTextKey, type TurnDelta } from '../../lib/contracts/chat.js';
import { signToken } from '../../lib/auth.js';
import { ErrorCode } from '../../lib/errors.js';
import { serveMetrics } from '../../lib/metrics-server.js';
import { publishNotification } from '../../activities/notify.js';
import { userNotifyChannel } from '../../lib/contracts/notify.js';
import { createRedis, redisReady, type RedisClient } from '../../lib/redis.js';
import { watchRedisCluster } from '../../lib/redis-cluster-metrics.js';
import { TurnPublisher } from '../../lib/turn-stream.js';
import { startApp, type App } from '../support/app.js';
import { freePort } from '../support/ports.js';
import { startRedisCluster, type LocalRedisCluster, type TopologyNode } from '../support/redis-cluster.js';
import { TestSocket } from '../support/ws-client.js';

const DAY = '2026-11-23';
const generous: QuotaLimits = { dailyTokens: 1e9, requestsPerMinute: 1e6, concurrentTurns: 1e6, leaseMs: 60_000 };
const run = Math.random().toString(36).slice(2, 8);

let cluster: LocalRedisCluster;
let masters: TopologyNode[];
let redis: RedisClient; // the "worker"
let other: RedisClient; // another process's client, e.g. a second worker or the gateway
let subscriber: RedisClient; // the gateway's subscriber connection
let hub: ChannelHub;
let metricsServer: Server;
let metricsPort: number;
let unwatch: () => void;

/** An id whose hash tag (as `tagged` builds it) lands on the given master. */
function idOn(master: TopologyNode, tagged: (id: string) => string, prefix: string): string {
  for (let i = 0; ; i++) {
    const id = `${prefix}-${run}-${i}`;
    const slot = calculateSlot(tagged(id));
    if (master.slots.some(([a, b]) => slot >= a && slot <= b)) return id;
  }
}
const quotaTag = (user: string) => `{quota:${user}}`;

async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The redis_cluster_* and quota samples a Prometheus scrape of this process's /metrics gets. */
async function scrape(): Promise<{ name: string; labels: Record<string, string>; value: number }[]> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => /^(redis_cluster_|quota_)/.test(l))
    .map((line) => {
      const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1]!, x[2]!]));
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}
const nodeUp = async () => (await scrape()).filter((s) => s.name === 'redis_cluster_node_up');

beforeAll(async () => {
  cluster = await startRedisCluster();
  masters = (await cluster.topology()).filter((n) => n.role === 'master');
  const target = { clusterNodes: cluster.seeds };
  redis = createRedis('test-worker', target);
  other = createRedis('test-other', target);
  subscriber = createRedis('test-gateway-subscriber', target);
  await Promise.all([redis, other, subscriber].map((c) => redisReady(c)));
  hub = new ChannelHub(subscriber);
  unwatch = watchRedisCluster(redis);
  metricsPort = await freePort();
  metricsServer = await serveMetrics(metricsPort, '127.0.0.1');
}, 60_000);

afterAll(async () => {
  unwatch?.();
  metricsServer?.close();
  for (const c of [redis, other, subscriber]) c?.disconnect();
  await cluster?.stop();
});

describe('Redis Cluster: quota', () => {
  it('never overspends a daily budget with 200 parallel turns, on each of the three shards', async () => {
    for (const [i, master] of masters.entries()) {
      const q = new QuotaStore(redis, { ...generous, dailyTokens: 10_000 }, { replicaAckMs: 100 });
      const user = idOn(master, quotaTag, `budget${i}`);
      const results = await Promise.all(Array.from({ length: 200 }, (_, n) => q.reserve(user, `t${n}`, 300, DAY)));
      expect(results.filter((r) => r.allowed)).toHaveLength(33);
      expect(results.filter((r) => !r.allowed).every((r) => r.denied === 'daily_tokens')).toBe(true);
      expect(await new QuotaStore(other, generous).usedToday(user, DAY)).toBe(33 * 300);
    }
  });

  it('settles and releases exactly once, seen alike by another client', async () => {
    const q = new QuotaStore(redis, generous, { replicaAckMs: 100 });
    const seen = new QuotaStore(other, generous);
    const user = idOn(masters[1]!, quotaTag, 'settle');
    expect((await q.reserve(user, 'a', 1000, DAY)).replicated).toBe(true);
    await q.reserve(user, 'b', 1000, DAY);
    expect(await q.settle(user, 'a', DAY, 250)).toBe(true);
    expect(await seen.settle(user, 'a', DAY, 250)).toBe(false); // a retry from another worker changes nothing
    expect(await seen.release(user, 'b', DAY)).toBe(true);
    expect(await q.release(user, 'b', DAY)).toBe(false);
    expect(await seen.usedToday(user, DAY)).toBe(250);
  });

  it('limits requests per minute and concurrent turns across clients', async () => {
    const a = new QuotaStore(redis, { ...generous, requestsPerMinute: 3 });
    const b = new QuotaStore(other, { ...generous, requestsPerMinute: 3 });
    const user = idOn(masters[2]!, quotaTag, 'rpm');
    const t = Date.UTC(2026, 10, 23, 10, 0, 5);
    for (let i = 0; i < 3; i++) expect((await (i % 2 ? a : b).reserve(user, `r${i}`, 10, DAY, t)).allowed).toBe(true);
    expect(await b.reserve(user, 'r3', 10, DAY, t + 1000)).toMatchObject({ allowed: false, denied: 'requests_per_minute' });
    expect((await a.reserve(user, 'r4', 10, DAY, t + 60_000)).allowed).toBe(true);

    const c1 = new QuotaStore(redis, { ...generous, concurrentTurns: 2 });
    const c2 = new QuotaStore(other, { ...generous, concurrentTurns: 2 });
    const busy = idOn(masters[0]!, quotaTag, 'busy');
    await c1.reserve(busy, 'c1', 10, DAY);
    await c2.reserve(busy, 'c2', 10, DAY);
    expect((await c1.reserve(busy, 'c3', 10, DAY)).denied).toBe('concurrent_turns');
    await c2.settle(busy, 'c1', DAY, 5);
    expect((await c1.reserve(busy, 'c4', 10, DAY)).allowed).toBe(true);
  });

  it('WAIT 1 after each write: every write on a healthy cluster is confirmed by a replica, at a measured cost', async () => {
    const user = idOn(masters[0]!, quotaTag, 'cost');
    const timed = async (q: QuotaStore, tag: string) => {
      const ms: number[] = [];
      const replicated: (boolean | undefined)[] = [];
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        replicated.push((await q.reserve(user, `${tag}${i}`, 1, DAY)).replicated);
        ms.push(performance.now() - t);
      }
      ms.sort((x, y) => x - y);
      return { p50: ms[100]!, p99: ms[198]!, replicated };
    };
    const plain = await timed(new QuotaStore(redis, generous), 'plain');
    const waited = await timed(new QuotaStore(redis, generous, { replicaAckMs: 100 }), 'wait');
    console.info(
      `quota reserve on the cluster: p50 ${plain.p50.toFixed(2)} ms / p99 ${plain.p99.toFixed(2)} ms without WAIT; ` +
        `p50 ${waited.p50.toFixed(2)} ms / p99 ${waited.p99.toFixed(2)} ms with WAIT 1 100`,
    );
    expect(plain.replicated.every((r) => r === undefined)).toBe(true);
    expect(waited.replicated.every((r) => r === true)).toBe(true);
  });
});

describe('Redis Cluster: rate limits and the circuit breaker', () => {
  it('limits job starts per user and minute, shared by every gateway', async () => {
    const user = `jobs-${run}`;
    const here = jobRateLimit(redis, 3);
    const there = jobRateLimit(other, 3);
    // The window is the wall-clock minute: start right after a boundary so the five calls share one.
    await eventually('a fresh minute', () => Date.now() % 60_000 < 55_000, 6_000);
    await here(user);
    await there(user);
    await here(user);
    await expect(there(user)).rejects.toMatchObject({ code: ErrorCode.RATE_LIMITED, status: 429 });
    await expect(here(`jobs-other-${run}`)).resolves.toBeUndefined();
  });

  it('opens after 5 failures and is shared by clients and processes', async () => {
    const opts = { failureThreshold: 5, openMs: 60_000, probeLeaseMs: 10_000 };
    const one = new CircuitBreaker(redis, opts);
    const two = new CircuitBreaker(other, opts);
    const model = `model-${run}`;
    for (let i = 0; i < 4; i++) expect(await (i % 2 ? one : two).record(model, false)).toBe('closed');
    expect(await one.record(model, false)).toBe('open');
    expect(await two.acquire(model)).toEqual({ allowed: false, state: 'open' });

    const script = fileURLToPath(new URL('../support/breaker-failures.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const remote = `model-remote-${run}`;
    const printed = execFileSync(tsx, [script, remote, '5'], { env: { ...process.env, REDIS_CLUSTER_NODES: cluster.seeds }, encoding: 'utf8' });
    expect(printed.trim()).toBe('open');
    expect(await one.acquire(remote)).toEqual({ allowed: false, state: 'open' });
  });
});

describe('Redis Cluster: pub/sub', () => {
  it('streams a turn from a worker client to the gateway subscriber, in order, on every shard', async () => {
    for (const [i, master] of masters.entries()) {
      const workflowId = idOn(master, turnChannel, `chat:u:c:m${i}`);
      const got: TurnDelta[] = [];
      const unsubscribe = await hub.subscribe(turnChannel(workflowId), (m) => got.push(JSON.parse(m) as TurnDelta));
      const publisher = new TurnPublisher(redis, workflowId, 1);
      const pieces = ['Two ', 'plus ', 'two ', 'is ', 'four.'];
      for (const p of pieces) await publisher.publish(p);
      await eventually('all deltas', () => got.length === pieces.length);
      expect(got.map((d) => d.text).join('')).toBe(pieces.join(''));
      expect(got.map((d) => d.offset)).toEqual([0, 4, 9, 13, 16]);
      expect(await other.get(turnTextKey(workflowId))).toBe(pieces.join(''));
      await unsubscribe();
    }
  });

  it('delivers a user notification published by another client', async () => {
    const user = `notify-${run}`;
    const got: string[] = [];
    const unsubscribe = await hub.subscribe(userNotifyChannel(user), (m) => got.push(m));
    await publishNotification(other, user, { event: 'knowledge_node.created', data: { id: 'n1' } });
    await eventually('the notification', () => got.length === 1);
    expect(JSON.parse(got[0]!)).toEqual({ event: 'knowledge_node.created', data: { id: 'n1' } });
    await unsubscribe();
  });
});

describe('Redis Cluster: metrics', () => {
  it('exports node_up 1 for all six nodes, three masters and three replicas, with their memory', async () => {
    const up = await nodeUp();
    expect(up.map((s) => s.labels.node).sort()).toEqual([...cluster.addrs].sort());
    expect(up.every((s) => s.value === 1)).toBe(true);
    expect(up.filter((s) => s.labels.role === 'master')).toHaveLength(3);
    expect(up.filter((s) => s.labels.role === 'replica')).toHaveLength(3);
    const samples = await scrape();
    const used = samples.filter((s) => s.name === 'redis_cluster_node_memory_used_bytes');
    expect(used).toHaveLength(6);
    expect(used.every((s) => s.value > 100_000)).toBe(true);
    expect(samples.filter((s) => s.name === 'redis_cluster_node_memory_max_bytes')).toHaveLength(6);
  });
});

describe('Redis Cluster: the gateway and a worker as processes', () => {
  let app: App | undefined;
  afterAll(async () => app?.stop());

  it('answers a chat turn over the WebSocket, streamed through sharded pub/sub; both export the node gauges', { timeout: 60_000 }, async () => {
    app = await startApp({ env: { REDIS_CLUSTER_NODES: cluster.seeds } }); // the offline model: no LLM endpoint needed
    const sock = await TestSocket.open(app.wsUrl, await signToken(`e2e-${run}`));
    // A question the offline tutor answers in a few sentences: the output guard holds back ~150 characters, so a
    // one-line answer would arrive as a single delta whether or not pub/sub streams live.
    sock.send({ type: 'chat.send', id: 'm1', text: 'Why is the sky blue?' });
    const { deltas, end } = await sock.turn('m1');
    sock.close();
    expect(end.type).toBe('chat.done');
    expect(deltas.length).toBeGreaterThanOrEqual(3); // without live pub/sub the gateway sends at most two (text so far, rest)
    expect(deltas.join('')).toBe(end.text);
    for (const url of [`http://127.0.0.1:${app.metricsPort}/metrics`, `${app.url}/metrics`]) {
      const up = (await (await fetch(url)).text()).split('\n').filter((l) => l.startsWith('redis_cluster_node_up{'));
      expect(up).toHaveLength(6);
      expect(up.every((l) => l.endsWith(' 1'))).toBe(true);
    }
  });
});

describe('Redis Cluster: a master crashes', () => {
  it('promotes its replica; replicated reservations all survive, only unreplicated ones may be lost', { timeout: 60_000 }, async () => {
    const victim = masters[0]!;
    const replica = (await cluster.topology()).find((n) => n.masterId === victim.id)!;
    const q = new QuotaStore(redis, generous, { replicaAckMs: 100 });
    const user = idOn(victim, quotaTag, 'fo');
    const calm = idOn(masters[1]!, quotaTag, 'calm'); // on another shard
    const streamed = idOn(victim, turnChannel, 'chat:fo:c:m');
    const deltas: string[] = [];
    await hub.subscribe(turnChannel(streamed), (m) => deltas.push(m));

    // A replica that does not answer (frozen for less than the node timeout): writes are acknowledged as unreplicated.
    const timeoutsBefore = (await scrape()).find((s) => s.name === 'quota_writes_unreplicated_total' && s.labels.op === 'reserve')?.value ?? 0;
    cluster.pause(replica.addr);
    const frozen = [];
    try {
      for (let i = 0; i < 3; i++) frozen.push(await q.reserve(user, `frozen-${i}`, 10, DAY));
    } finally {
      cluster.resume(replica.addr);
    }
    expect(frozen.map((r) => [r.allowed, r.replicated])).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
    const timeoutsAfter = (await scrape()).find((s) => s.name === 'quota_writes_unreplicated_total' && s.labels.op === 'reserve')!.value;
    expect(timeoutsAfter - timeoutsBefore).toBe(3);
    const thawed: { user: string; id: string; acked: boolean; replicated?: boolean }[] = [];
    await eventually('the replica acknowledging again', async () => {
      const id = `thawed-${thawed.length}`;
      const r = await q.reserve(user, id, 10, DAY);
      thawed.push({ user, id, acked: r.allowed, replicated: r.replicated });
      return r.replicated === true;
    });

    // Reservations from four loops on the victim's shard and one on another shard; the victim dies in the middle.
    interface Attempt {
      user: string;
      id: string;
      at: number;
      acked: boolean;
      replicated?: boolean;
      error?: string;
    }
    const attempts: Attempt[] = [];
    let stop = false;
    let n = 0;
    const loop = (who: string) =>
      (async () => {
        while (!stop) {
          const id = `load-${n++}`;
          try {
            const r = await q.reserve(who, id, 10, DAY);
            attempts.push({ user: who, id, at: Date.now(), acked: r.allowed, replicated: r.replicated });
          } catch (err) {
            attempts.push({ user: who, id, at: Date.now(), acked: false, error: (err as Error).message });
          }
        }
      })();
    const loops = [loop(user), loop(user), loop(user), loop(user), loop(calm)];
    const ackedOn = (who: string, after = 0) => attempts.filter((a) => a.user === who && a.acked && a.at > after).length;
    await eventually('load before the crash', () => ackedOn(user) >= 300);
    const killedAt = Date.now();
    const { newMaster, ms } = await cluster.failOver(victim.addr);
    const healedAt = Date.now();
    await eventually('load after the failover', () => ackedOn(user, healedAt) >= 100 && ackedOn(calm, healedAt) >= 100);
    stop = true;
    await Promise.all(loops);
    expect(newMaster).toBe(replica.addr);
    expect(ms).toBeLessThan(20_000);

    // Another shard never noticed; the victim's shard failed only while it had no master.
    expect(attempts.filter((a) => a.user === calm && a.error)).toEqual([]);
    const errors = attempts.filter((a) => a.error);
    expect(errors.every((a) => a.at >= killedAt && a.at <= healedAt + 5_000)).toBe(true);

    // What survived, read through another client after the failover.
    const mine = [
      ...frozen.map((_, i) => ({ user, id: `frozen-${i}`, acked: true, replicated: false })),
      ...thawed,
      ...attempts.filter((a) => a.user === user),
    ];
    const present = new Set<string>();
    for (const a of mine) if (await other.exists(`${quotaTag(user)}:res:${a.id}`)) present.add(a.id);
    const lost = mine.filter((a) => a.acked && !present.has(a.id));
    const replicatedAcks = mine.filter((a) => a.acked && a.replicated);
    console.info(
      `failover in ${ms} ms: ${mine.filter((a) => a.acked).length} reservations acknowledged on the victim's shard ` +
        `(${replicatedAcks.length} replicated), ${errors.length} failed while it had no master, ${lost.length} lost`,
    );
    expect(replicatedAcks.filter((a) => !present.has(a.id))).toEqual([]); // WAIT 1 said a replica had them: none lost
    expect(lost.every((a) => a.replicated === false)).toBe(true); // a loss is always one the metric counted
    // The daily total is exactly the reservations that exist: no script half applied, none counted twice.
    const dayTotal = await new QuotaStore(other, generous).usedToday(user, DAY);
    expect(dayTotal).toBe(10 * present.size);
    // A reservation from before the crash settles on the new master.
    const early = replicatedAcks[0]!;
    expect(await q.settle(user, early.id, DAY, 4)).toBe(true);
    expect(await q.usedToday(user, DAY)).toBe(dayTotal - 6);

    // Sharded pub/sub resubscribed on the new master: a delta published now arrives (earlier ones may not have).
    // A publisher stops at its first failure (see TurnPublisher), so each try is a new attempt's.
    let attempt = 1;
    await eventually(
      'a delta on the failed-over shard',
      async () => (await new TurnPublisher(other, streamed, attempt++).publish('.'), deltas.length > 0),
      10_000,
    );

    // The crashed node reports 0; its replica is up as a master.
    const up = await nodeUp();
    expect(up.find((s) => s.labels.node === victim.addr)?.value).toBe(0);
    expect(up.find((s) => s.labels.node === replica.addr)).toMatchObject({ value: 1, labels: { role: 'master' } });
    expect(up.filter((s) => s.value === 1)).toHaveLength(5);
    expect(up.filter((s) => s.value === 1 && s.labels.role === 'master')).toHaveLength(3);
  });
});
