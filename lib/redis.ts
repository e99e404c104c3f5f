// Redis clients. A single node by default; an ioredis Cluster when REDIS_CLUSTER_NODES ("host:port,...") is set.
import { Redis, Cluster } from 'ioredis';
import { config } from './config.js';
import { logger } from './logger.js';

export type RedisClient = Redis | Cluster;

export function createRedis(purpose: string, url = config().REDIS_URL): RedisClient {
  const nodes = config().REDIS_CLUSTER_NODES;
  const client: RedisClient = nodes
    ? new Cluster(
        nodes.split(',').map((n) => {
          const [host, port] = n.trim().split(':');
          return { host: host ?? '127.0.0.1', port: Number(port ?? 6379) };
        }),
      )
    : new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  client.on('error', (err: Error) => logger.warn({ purpose, err: err.message }, 'redis connection error'));
  return client;
}
