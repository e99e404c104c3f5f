// The gateway: HTTP (health, readiness, metrics, the REST API) and the WebSocket chat, on one port.
import { createServer, type Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type { Config } from '../lib/config.js';
import type { Db } from '../lib/db.js';
import { embedderFromConfig } from '../lib/embeddings/index.js';
import type { RedisClient } from '../lib/redis.js';
import { createApiRouter } from './api.js';
import { ChannelHub } from './channels.js';
import { JobStarter } from './jobs.js';
import { requireLiveWorker } from './task-queues.js';
import { addTaskRoutes, TaskService } from './routes/tasks.js';
import { addDevSignIn } from './dev-sign-in.js';
import { createHttpApp, finishHttpApp } from './http.js';
import { addWebClient } from './web.js';
import { TurnService } from './turns.js';
import { attachWebSocket } from './ws.js';

export interface GatewayDeps {
  config: Config;
  temporal: Client;
  db: Db;
  redis: RedisClient;
  /** A second Redis connection: one in subscriber mode cannot run other commands. */
  subscriber: RedisClient;
}

export interface Gateway {
  server: Server;
  close(): Promise<void>;
}

export function createGateway(deps: GatewayDeps): Gateway {
  const { config: c, temporal, db, redis, subscriber } = deps;
  const app = createHttpApp({
    temporal: () => temporal.workflowService.getSystemInfo({}),
    postgres: () => db.query('SELECT 1'),
    redis: () => redis.ping(),
    // Chat needs a worker on the interactive queue: without one a turn would be accepted and never answered.
    workers: () => requireLiveWorker(temporal, c.TEMPORAL_NAMESPACE, c.TASK_QUEUE_INTERACTIVE),
  });
  const api = createApiRouter({ config: c, db, redis, embedder: embedderFromConfig(c), jobs: new JobStarter(temporal, c.TASK_QUEUE_JOBS) });
  addTaskRoutes(api, new TaskService(temporal, c));
  app.use('/api', api);
  addWebClient(app);
  addDevSignIn(app, c);
  finishHttpApp(app);
  const server = createServer(app);
  const hub = new ChannelHub(subscriber);
  const turns = new TurnService({ temporal, redis, hub, taskQueue: c.TASK_QUEUE_INTERACTIVE });
  const wss = attachWebSocket(server, turns, hub, {
    maxPayloadBytes: c.WS_MAX_PAYLOAD_BYTES,
    maxInputChars: c.CHAT_MAX_INPUT_CHARS,
    maxConnectionsPerUser: c.WS_MAX_CONNECTIONS_PER_USER,
    maxBufferedBytes: c.WS_MAX_BUFFERED_BYTES,
  });
  return {
    server,
    async close() {
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
