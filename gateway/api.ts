// The REST API under /api: the same JWT as the WebSocket, JSON in and out, and every user sees only their own
// rows (every query filters by the token's user; another user's id answers 404, like an unknown one).
import express, { type Request } from 'express';
import type { z } from 'zod';
import type { Config } from '../lib/config.js';
import type { Db } from '../lib/db.js';
import { embeddingSpace, type Embedder } from '../lib/embeddings/index.js';
import { AppError, ErrorCode } from '../lib/errors.js';
import { CODE_RUN_WORKFLOW, codeRunWorkflowId, type CodeRunInput } from '../lib/contracts/code-runs.js';
import { nearestNodes } from '../lib/knowledge-store.js';
import {
  MONTE_CARLO_WORKFLOW, WALK_FORWARD_WORKFLOW, monteCarloWorkflowId, walkForwardWorkflowId, type MonteCarloInput, type WalkForwardInput,
} from '../lib/contracts/strategy-lab.js';
import { logger } from '../lib/logger.js';
import type { RedisClient } from '../lib/redis.js';
import type { TaskKind } from '../lib/contracts/tasks.js';
import {
  ERROR_BOOK_WORKFLOW, KNOWLEDGE_IMPORT_WORKFLOW, KNOWLEDGE_NODE_WORKFLOW, errorBookWorkflowId, knowledgeImportWorkflowId,
  knowledgeNodeWorkflowId, type ErrorBookInput, type KnowledgeImportInput, type KnowledgeNodeInput,
} from '../lib/contracts/knowledge.js';
import { checkEmbedding, codeRunBody, errorBookBody, knowledgeNodeBody, MonteCarloBodySchema, parse, searchQuery, uuidParam, WalkForwardBodySchema } from './api-schemas.js';
import { addConversationRoutes } from './conversations.js';
import { stageImport } from './imports.js';
import { claimIdempotencyKey, JobStarter, resourceId } from './jobs.js';
import { notFound, route } from './route.js';

export interface ApiDeps {
  config: Config;
  db: Db;
  redis: RedisClient;
  embedder: Embedder;
  jobs: JobStarter;
}

const idempotencyKey = (req: Request) => {
  const key = req.get('idempotency-key');
  if (key !== undefined && !/^[\x21-\x7e]{1,128}$/.test(key)) throw new AppError(ErrorCode.BAD_REQUEST, 'Idempotency-Key must be 1-128 visible ASCII characters', 400);
  return key;
};

/**
 * Actions of one kind per user and minute (a fixed window in Redis, shared by every gateway). If Redis cannot
 * answer, requests pass; the quota layer still guards the model calls.
 */
function perMinuteLimit(redis: RedisClient, name: string, perMinute: number) {
  return async (userId: string): Promise<void> => {
    const window = Math.floor(Date.now() / 60_000);
    const key = `ratelimit:{${userId}}:${name}:${window}`;
    const count = await redis
      .multi().incr(key).pexpire(key, 61_000).exec()
      .then((r) => Number(r?.[0]?.[1] ?? 0), (err: Error) => (logger.warn({ err: err.message, limit: name }, 'rate limit unavailable'), 0));
    if (count > perMinute) {
      throw new AppError(ErrorCode.RATE_LIMITED, `at most ${perMinute} ${name} per minute`, 429, undefined, 60_000 - (Date.now() % 60_000));
    }
  };
}

/** Job starts per user and minute: each job costs embeddings or a model call. Only valid requests are counted. */
export const jobRateLimit = (redis: RedisClient, perMinute: number) => perMinuteLimit(redis, 'jobs', perMinute);

/** Searches by meaning per user and minute: each one embeds its query with the (paid) provider. */
export const searchRateLimit = (redis: RedisClient, perMinute: number) => perMinuteLimit(redis, 'searches', perMinute);

export function createApiRouter({ config: c, db, redis, embedder, jobs }: ApiDeps): express.Router {
  const space = embeddingSpace(embedder);
  const api = express.Router();
  const limitJobs = jobRateLimit(redis, c.API_JOBS_PER_MINUTE);
  const limitSearches = searchRateLimit(redis, c.API_SEARCHES_PER_MINUTE);

  /**
   * The id of the resource a valid job request names. Called once the body is validated: a request refused as
   * invalid costs none of the user's job budget. A keyed request must come with the body its key first came with.
   */
  const jobResourceId = async (req: Request, userId: string, kind: TaskKind, body: unknown): Promise<string> => {
    const key = idempotencyKey(req);
    await limitJobs(userId);
    const id = resourceId(userId, key, kind);
    if (key) await claimIdempotencyKey(db, id, userId, body);
    return id;
  };

  /** A job route whose resource is the run itself: validate, rate limit, start once per id, answer 202 {workflowId, runId}. */
  const runRoute = <B>(kind: TaskKind, workflowType: string, workflowIdOf: (userId: string, runId: string) => string, schema: z.ZodType<B>, inputOf: (body: B, userId: string, runId: string) => unknown) =>
    route(async (req, res, user) => {
      const body = parse(schema, req.body);
      const runId = await jobResourceId(req, user.id, kind, body);
      const workflowId = workflowIdOf(user.id, runId);
      await jobs.start(workflowType, workflowId, kind, user.id, inputOf(body, user.id, runId));
      res.status(202).json({ workflowId, runId });
    });

  api.post('/knowledge-nodes', route(async (req, res, user) => {
    const body = parse(knowledgeNodeBody(c.KNOWLEDGE_MAX_CONTENT_CHARS), req.body);
    checkEmbedding(body.embedding);
    const nodeId = await jobResourceId(req, user.id, 'knowledge-node', body);
    const workflowId = knowledgeNodeWorkflowId(user.id, nodeId);
    const input: KnowledgeNodeInput = { userId: user.id, nodeId, title: body.title, content: body.content, tags: body.tags, embedding: body.embedding };
    await jobs.start(KNOWLEDGE_NODE_WORKFLOW, workflowId, 'knowledge-node', user.id, input);
    res.status(202).json({ workflowId, nodeId });
  }));

  api.post('/knowledge-nodes/import', route(async (req, res, user) => {
    if (!req.is('application/x-ndjson') && !req.is('application/jsonl')) {
      throw new AppError(ErrorCode.BAD_REQUEST, 'send the import as application/x-ndjson: one JSON object per line', 415);
    }
    const key = idempotencyKey(req);
    // Counted before the upload is staged (its lines are validated while it streams in): staging is the costly part.
    await limitJobs(user.id);
    const importId = resourceId(user.id, key, 'knowledge-import');
    const workflowId = knowledgeImportWorkflowId(user.id, importId);
    const existing = await db.query<{ total_lines: number }>('SELECT total_lines FROM knowledge_imports WHERE id = $1 AND user_id = $2', [importId, user.id]);
    const lines = existing.rows[0]?.total_lines ?? (await stageImport(db, req, { importId, userId: user.id, workflowId }, {
      maxBytes: c.KNOWLEDGE_IMPORT_MAX_BYTES, maxLines: c.KNOWLEDGE_IMPORT_MAX_LINES, maxContentChars: c.KNOWLEDGE_MAX_CONTENT_CHARS,
    }));
    const input: KnowledgeImportInput = { userId: user.id, importId, totalLines: lines };
    await jobs.start(KNOWLEDGE_IMPORT_WORKFLOW, workflowId, 'knowledge-import', user.id, input);
    res.status(202).json({ workflowId, importId, lines });
  }));

  api.get('/knowledge-nodes', route(async (req, res, user) => {
    const { q, limit } = parse(searchQuery, req.query, 'query');
    if (q) {
      await limitSearches(user.id); // before the embedding call, which the provider bills
      const [embedding] = await embedder.embed([q]);
      const items = await nearestNodes(db, { userId: user.id, space }, embedding!, limit);
      res.json({ items: items.map((n) => ({ ...n, similarity: Number(n.similarity.toFixed(4)) })) });
      return;
    }
    const { rows } = await db.query(
      `SELECT id, title, content FROM knowledge_nodes WHERE user_id = $1 AND duplicate_of IS NULL ORDER BY created_at DESC LIMIT $2`,
      [user.id, limit],
    );
    res.json({ items: rows });
  }));

  api.get('/knowledge-nodes/:id', route(async (req, res, user) => {
    const id = parse(uuidParam, req.params.id, 'id');
    const { rows } = await db.query(
      `SELECT id, title, content, tags, duplicate_of AS "duplicateOf", similarity, source, created_at AS "createdAt"
         FROM knowledge_nodes WHERE id = $1 AND user_id = $2`,
      [id, user.id],
    );
    if (!rows[0]) throw notFound('knowledge node');
    res.json(rows[0]);
  }));

  api.post('/error-book', route(async (req, res, user) => {
    const body = parse(errorBookBody, req.body);
    const entryId = await jobResourceId(req, user.id, 'error-book', body);
    const workflowId = errorBookWorkflowId(user.id, entryId);
    const input: ErrorBookInput = { userId: user.id, entryId, ...body };
    await jobs.start(ERROR_BOOK_WORKFLOW, workflowId, 'error-book', user.id, input);
    res.status(202).json({ workflowId, entryId });
  }));

  api.post('/code-runs', runRoute('code-run', CODE_RUN_WORKFLOW, codeRunWorkflowId, codeRunBody(c.SANDBOX_MAX_CODE_BYTES),
    (body, userId, runId): CodeRunInput => ({ userId, runId, code: body.code, stdin: body.stdin })));

  api.get('/code-runs/:id', route(async (req, res, user) => {
    const id = parse(uuidParam, req.params.id, 'id');
    const { rows } = await db.query(
      `SELECT id, workflow_id AS "workflowId", status, exit_code AS "exitCode", stdout, stderr, truncated, error_code AS "errorCode",
              error_message AS "errorMessage", duration_ms AS "durationMs", cpu_ms AS "cpuMs", max_rss_bytes::float8 AS "maxRssBytes", created_at AS "createdAt"
         FROM code_runs WHERE id = $1 AND user_id = $2`,
      [id, user.id],
    );
    if (!rows[0]) throw notFound('code run');
    res.json(rows[0]);
  }));

  api.post('/strategy-lab/walk-forward', runRoute('walk-forward', WALK_FORWARD_WORKFLOW, walkForwardWorkflowId, WalkForwardBodySchema,
    (body, userId, runId): WalkForwardInput => ({
      userId, runId, code: body.code, series: body.series, syntheticSeed: body.syntheticSeed, syntheticLength: body.syntheticLength, grid: body.grid, windows: body.windows,
    })));

  api.post('/strategy-lab/monte-carlo', runRoute('monte-carlo', MONTE_CARLO_WORKFLOW, monteCarloWorkflowId, MonteCarloBodySchema,
    (body, userId, runId): MonteCarloInput => ({ userId, runId, returns: body.returns, paths: body.paths, seed: body.seed, ruinThreshold: body.ruinThreshold })));

  const entryColumns = `id, subject, question, wrong_answer AS "wrongAnswer", correct_answer AS "correctAnswer", status, analysis,
    related_node_ids AS "relatedNodeIds", workflow_id AS "workflowId", created_at AS "createdAt", analysed_at AS "analysedAt"`;

  api.get('/error-book', route(async (req, res, user) => {
    const { limit } = parse(searchQuery.pick({ limit: true }), req.query, 'query');
    const { rows } = await db.query(`SELECT ${entryColumns} FROM error_book WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2`, [user.id, limit]);
    res.json({ items: rows });
  }));

  api.get('/error-book/:id', route(async (req, res, user) => {
    const id = parse(uuidParam, req.params.id, 'id');
    const { rows } = await db.query(`SELECT ${entryColumns} FROM error_book WHERE id = $1 AND user_id = $2`, [id, user.id]);
    if (!rows[0]) throw notFound('error-book entry');
    res.json(rows[0]);
  }));

  addConversationRoutes(api, db);
  return api;
}
