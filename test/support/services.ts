// Connections to the services global-setup started, for tests to use and close.
import { NativeConnection } from '@temporalio/worker';
import { createPool, type Db } from '../../lib/db.js';
import { createRedis, type RedisClient } from '../../lib/redis.js';
import { connectClient } from '../../lib/temporal.js';
import { installTemporalRuntime } from '../../workers/runtime.js';

export interface Services {
  db: Db;
  redis: RedisClient;
  temporal: Awaited<ReturnType<typeof connectClient>>;
  nativeConnection: NativeConnection;
  close(): Promise<void>;
}

export async function connectServices(): Promise<Services> {
  installTemporalRuntime();
  const db = createPool(process.env.DATABASE_URL!, 5);
  const redis = createRedis('test', process.env.REDIS_URL!);
  const temporal = await connectClient(process.env.TEMPORAL_ADDRESS!);
  const nativeConnection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  return {
    db,
    redis,
    temporal,
    nativeConnection,
    async close() {
      await Promise.allSettled([db.end(), redis.quit(), temporal.connection.close(), nativeConnection.close()]);
    },
  };
}

export const uniqueId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
