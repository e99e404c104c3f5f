// Redis clients. A single node by default; an ioredis Cluster when REDIS_CLUSTER_NODES ("host:port,...") is set.
import { Redis, Cluster } from 'ioredis';
import { config } from './config.js';
import { logger } from './logger.js';

export type RedisClient = Redis | Cluster;

/** Where to connect: a URL (single node) or cluster seed nodes; each defaults to the config. */
export interface RedisTarget {
  url?: string;
  clusterNodes?: string;
}

export function parseClusterNodes(list: string): { host: string; port: number }[] {
  return list.split(',').map((n) => {
    const [host, port] = n.trim().split(':');
    return { host: host || '127.0.0.1', port: Number(port || 6379) };
  });
}

/** A string target is a URL (kept for callers that pass REDIS_URL). With cluster nodes set, the URL is not used. */
export function createRedis(purpose: string, target: string | RedisTarget = {}): RedisClient {
  const t = typeof target === 'string' ? { url: target } : target;
  const nodes = t.clusterNodes ?? config().REDIS_CLUSTER_NODES;
  const client: RedisClient = nodes
    ? new Cluster(parseClusterNodes(nodes), {
        // Quota, breaker and rate-limit reads must see the last write: replication is asynchronous, so never a replica.
        scaleReads: 'master',
        enableOfflineQueue: true, // until the first connection; see below
        // A command to a crashed master is retried every 200 ms for about 4 s (a MOVED hop counts against the 32 too)
        // while its replica takes over; a longer failover fails the command, and the caller's policy decides.
        retryDelayOnFailover: 200,
        maxRedirections: 32,
        retryDelayOnClusterDown: 200,
        clusterRetryStrategy: (times) => Math.min(100 * times, 2_000),
        // For sharded pub/sub (see shardedPubSub): one subscriber connection per master, opened once it has a channel.
        shardedSubscribers: true,
        redisOptions: { connectTimeout: 2_000 },
      })
    : new Redis(t.url ?? config().REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  // Commands wait for the first connection, then fail fast whenever the cluster is unreachable (as the single node
  // does after two retries): the quota layer's outage policy decides, instead of commands queueing without bound.
  if (client instanceof Cluster) client.once('ready', () => (client.options.enableOfflineQueue = false));
  client.on('error', (err: Error) => logger.warn({ purpose, err: err.message }, 'redis connection error'));
  return client;
}

/**
 * Pub/sub on a cluster is sharded (Redis 7 SPUBLISH/SSUBSCRIBE): a channel lives on its slot's shard, where plain
 * PUBLISH would broadcast every token to every node. A single node keeps PUBLISH/SUBSCRIBE, which any Redis has.
 */
export const shardedPubSub = (client: RedisClient): client is Cluster => client.isCluster;

export function publish(client: RedisClient, channel: string, message: string): Promise<unknown> {
  return shardedPubSub(client) ? client.spublish(channel, message) : client.publish(channel, message);
}

/** Resolves once the client is connected (for a cluster: once it knows the slot map). */
export function redisReady(client: RedisClient, timeoutMs = 10_000): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new Error(`redis not ready within ${timeoutMs} ms (status ${client.status})`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}
