// A user's notes: create one (a knowledge-node job), import many (NDJSON staged, then a knowledge-import job),
// list or search them by meaning, read one.
import express from 'express';
import type { Config } from '../../lib/config.js';
import {
  KNOWLEDGE_IMPORT_WORKFLOW,
  KNOWLEDGE_NODE_WORKFLOW,
  knowledgeImportWorkflowId,
  knowledgeNodeWorkflowId,
  type KnowledgeImportInput,
  type KnowledgeNodeInput,
} from '../../lib/contracts/knowledge.js';
import type { Db } from '../../lib/db.js';
import { embeddingSpace, type Embedder } from '../../lib/embeddings/index.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { nearestNodes } from '../../lib/knowledge-store.js';
import type { RedisClient } from '../../lib/redis.js';
import { checkEmbedding, knowledgeNodeBody, parse, searchQuery, uuidParam } from '../api-schemas.js';
import { stageImport } from '../imports.js';
import { searchRateLimit } from '../rate-limits.js';
import { notFound, route } from '../route.js';
import type { JobStarts } from './start-job.js';

export interface KnowledgeRouteDeps {
  config: Config;
  db: Db;
  redis: RedisClient;
  embedder: Embedder;
  starts: JobStarts;
}

export function knowledgeNodeRoutes({ config: c, db, redis, embedder, starts }: KnowledgeRouteDeps): express.Router {
  const r = express.Router();
  const space = embeddingSpace(embedder);
  const limitSearches = searchRateLimit(redis, c.API_SEARCHES_PER_MINUTE);

  r.post(
    '/knowledge-nodes',
    starts.jobRoute(
      (raw) => {
        const body = parse(knowledgeNodeBody(c.KNOWLEDGE_MAX_CONTENT_CHARS), raw);
        checkEmbedding(body.embedding);
        return body;
      },
      ({ title, content, tags, embedding }, userId) => ({
        kind: 'knowledge-node',
        workflowType: KNOWLEDGE_NODE_WORKFLOW,
        workflowIdOf: knowledgeNodeWorkflowId,
        idName: 'nodeId',
        input: (nodeId): KnowledgeNodeInput => ({ userId, nodeId, title, content, tags, embedding }),
      }),
    ),
  );

  r.post(
    '/knowledge-nodes/import',
    route(async (req, res, user) => {
      if (!req.is('application/x-ndjson') && !req.is('application/jsonl')) {
        throw new AppError(ErrorCode.BAD_REQUEST, 'send the import as application/x-ndjson: one JSON object per line', 415);
      }
      // Counted before the upload is staged (its lines are validated while it streams in): staging is the costly part.
      const importId = await starts.claim(req, user.id, 'knowledge-import');
      const workflowId = knowledgeImportWorkflowId(user.id, importId);
      const existing = await db.query<{ total_lines: number }>('SELECT total_lines FROM knowledge_imports WHERE id = $1 AND user_id = $2', [importId, user.id]);
      const lines =
        existing.rows[0]?.total_lines ??
        (await stageImport(
          db,
          req,
          { importId, userId: user.id, workflowId },
          {
            maxBytes: c.KNOWLEDGE_IMPORT_MAX_BYTES,
            maxLines: c.KNOWLEDGE_IMPORT_MAX_LINES,
            maxContentChars: c.KNOWLEDGE_MAX_CONTENT_CHARS,
          },
        ));
      const input: KnowledgeImportInput = { userId: user.id, importId, totalLines: lines };
      await starts.launch(KNOWLEDGE_IMPORT_WORKFLOW, workflowId, 'knowledge-import', user.id, input);
      res.status(202).json({ workflowId, importId, lines });
    }),
  );

  r.get(
    '/knowledge-nodes',
    route(async (req, res, user) => {
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
    }),
  );

  r.get(
    '/knowledge-nodes/:id',
    route(async (req, res, user) => {
      const id = parse(uuidParam, req.params.id, 'id');
      const { rows } = await db.query(
        `SELECT id, title, content, tags, duplicate_of AS "duplicateOf", similarity, source, created_at AS "createdAt"
         FROM knowledge_nodes WHERE id = $1 AND user_id = $2`,
        [id, user.id],
      );
      if (!rows[0]) throw notFound('knowledge node');
      res.json(rows[0]);
    }),
  );
  return r;
}
