// The gateway process.
import { config } from '../lib/config.js';
import { createPool } from '../lib/db.js';
import { logger } from '../lib/logger.js';
import { createRedis } from '../lib/redis.js';
import { watchRedisCluster } from '../lib/redis-cluster-metrics.js';
import { connectClient } from '../lib/temporal.js';
import { setupTracing } from '../lib/tracing.js';
import { createGateway } from './server.js';
import { watchTaskQueues } from './task-queue-metrics.js';

async function main(): Promise<void> {
  const c = config();
  const tracing = setupTracing('gateway'); // before the client: its interceptors put the trace context in workflow headers
  const temporal = await connectClient();
  const db = createPool();
  const redis = createRedis('gateway');
  const subscriber = createRedis('gateway-subscriber');
  watchRedisCluster(redis); // redis_cluster_node_* gauges on /metrics, in cluster mode only
  watchTaskQueues(temporal, c.TEMPORAL_NAMESPACE, [c.TASK_QUEUE_INTERACTIVE, c.TASK_QUEUE_JOBS]); // task_queue_* gauges
  const gateway = createGateway({ config: c, temporal, db, redis, subscriber });
  await new Promise<void>((resolve) => gateway.server.listen(c.PORT, resolve));
  logger.info({ port: c.PORT }, 'gateway listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'gateway stopping');
    await gateway.close();
    await Promise.allSettled([db.end(), redis.quit(), subscriber.quit(), temporal.connection.close(), tracing?.shutdown()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  logger.fatal({ err: err instanceof Error ? err.message : String(err) }, 'gateway failed to start');
  process.exit(1);
});
