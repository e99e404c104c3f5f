// The REST API under /api: the same JWT as the WebSocket, JSON in and out, and every user sees only their own
// rows (every query filters by the token's user; another user's id answers 404, like an unknown one). One router
// per resource (gateway/routes/); the job routes share one way of starting a job (routes/start-job.ts).
import express from 'express';
import type { Config } from '../lib/config.js';
import type { Db } from '../lib/db.js';
import type { Embedder } from '../lib/embeddings/index.js';
import type { RedisClient } from '../lib/redis.js';
import type { JobStarter } from './jobs.js';
import { codeRunRoutes } from './routes/code-runs.js';
import { addConversationRoutes } from './routes/conversations.js';
import { errorBookRoutes } from './routes/error-book.js';
import { knowledgeNodeRoutes } from './routes/knowledge-nodes.js';
import { jobStarts } from './routes/start-job.js';
import { strategyLabRoutes } from './routes/strategy-lab.js';

export interface ApiDeps {
  config: Config;
  db: Db;
  redis: RedisClient;
  embedder: Embedder;
  jobs: JobStarter;
}

export function createApiRouter({ config, db, redis, embedder, jobs }: ApiDeps): express.Router {
  const starts = jobStarts({ db, redis, jobs, jobsPerMinute: config.API_JOBS_PER_MINUTE });
  const api = express.Router();
  api.use(knowledgeNodeRoutes({ config, db, redis, embedder, starts }));
  api.use(errorBookRoutes({ db, starts }));
  api.use(codeRunRoutes({ config, db, starts }));
  api.use(strategyLabRoutes({ starts }));
  addConversationRoutes(api, db);
  return api;
}
