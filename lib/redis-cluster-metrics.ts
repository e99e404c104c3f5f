// Per-node health of a Redis Cluster for /metrics. At each scrape the cluster's CLUSTER NODES names every node
// (a crashed one stays listed, flagged fail); each node is then asked INFO memory/replication over its own
// short-lived connection with a short timeout, so one dead or slow node costs one timeout, not a stuck scrape.
import { Redis, type Cluster } from 'ioredis';
import { redisClusterNodeMemoryMaxBytes, redisClusterNodeMemoryUsedBytes, redisClusterNodeUp, setRedisClusterProbe } from './metrics.js';
import type { RedisClient } from './redis.js';
import { withTimeout } from './timeout.js';

interface KnownNode {
  addr: string;
  role: 'master' | 'replica';
}

interface NodeSample extends KnownNode {
  up: boolean;
  usedMemory?: number;
  maxMemory?: number;
}

/** `<id> <ip:port@cport[,hostname]> <flags> ...` per line; nodes without an address yet (handshake, noaddr) are skipped. */
export function nodesFromClusterNodes(text: string): KnownNode[] {
  const nodes: KnownNode[] = [];
  for (const line of text.trim().split('\n')) {
    const [, address, flags] = line.trim().split(' ');
    const addr = address?.split('@')[0];
    if (!addr || !flags || addr.endsWith(':0') || flags.includes('noaddr') || flags.includes('handshake')) continue;
    nodes.push({ addr, role: flags.split(',').includes('master') ? 'master' : 'replica' });
  }
  return nodes;
}

const infoNumber = (info: string, field: string) => Number(new RegExp(`^${field}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);

async function sampleNode(node: KnownNode, cluster: Cluster, timeoutMs: number): Promise<NodeSample> {
  const i = node.addr.lastIndexOf(':');
  const conn = new Redis({
    // Credentials and TLS as the cluster's own node connections use them.
    ...cluster.options.redisOptions,
    host: node.addr.slice(0, i),
    port: Number(node.addr.slice(i + 1)),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  conn.on('error', () => undefined); // a down node is the answer, not an error to log at every scrape
  try {
    const info = String(
      await withTimeout(
        conn.connect().then(() => conn.call('INFO', 'memory', 'replication')),
        timeoutMs,
      ),
    );
    const role = /^role:master/m.test(info) ? 'master' : /^role:slave/m.test(info) ? 'replica' : node.role;
    return { addr: node.addr, role, up: true, usedMemory: infoNumber(info, 'used_memory'), maxMemory: infoNumber(info, 'maxmemory') };
  } catch {
    return { ...node, up: false };
  } finally {
    conn.disconnect();
  }
}

/**
 * Refreshes the redis_cluster_* gauges at every scrape while `client` is a cluster client; a no-op otherwise.
 * Returns a function that stops it.
 */
export function watchRedisCluster(client: RedisClient, opts: { timeoutMs?: number } = {}): () => void {
  if (!client.isCluster) return () => undefined;
  const cluster = client as Cluster;
  const timeoutMs = opts.timeoutMs ?? 1_000;
  // When no node answers CLUSTER NODES: the last list one gave, or else the nodes ioredis knows from its slot map.
  let known: KnownNode[] = [];
  const fromPool = (): KnownNode[] =>
    (['master', 'slave'] as const).flatMap((role) =>
      cluster.nodes(role).map((n) => ({ addr: `${n.options.host}:${n.options.port}`, role: role === 'master' ? ('master' as const) : ('replica' as const) })),
    );

  const refresh = async () => {
    try {
      known = nodesFromClusterNodes(String(await withTimeout(cluster.cluster('NODES'), timeoutMs)));
    } catch {
      if (known.length === 0) known = fromPool(); // every node listed is probed; the unreachable ones report 0
    }
    const samples = await Promise.all(known.map((n) => sampleNode(n, cluster, timeoutMs)));
    // Reset and refill in one synchronous step, so a node that changed role leaves no stale series behind.
    resetAll();
    for (const s of samples) {
      const labels = { node: s.addr, role: s.role };
      redisClusterNodeUp.set(labels, s.up ? 1 : 0);
      if (s.usedMemory !== undefined && Number.isFinite(s.usedMemory)) redisClusterNodeMemoryUsedBytes.set(labels, s.usedMemory);
      if (s.maxMemory !== undefined && Number.isFinite(s.maxMemory)) redisClusterNodeMemoryMaxBytes.set(labels, s.maxMemory);
    }
  };
  // One probe per scrape: the three gauges' collect calls arrive together and share it.
  let inflight: Promise<void> | undefined;
  setRedisClusterProbe(() => (inflight ??= refresh().finally(() => (inflight = undefined))));
  return () => {
    setRedisClusterProbe(undefined);
    resetAll();
  };
}

const resetAll = () => {
  for (const g of [redisClusterNodeUp, redisClusterNodeMemoryUsedBytes, redisClusterNodeMemoryMaxBytes]) g.reset();
};
