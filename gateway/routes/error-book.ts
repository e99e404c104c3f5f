// The error book: record a mistake (an error-book analysis job), list the entries, read one with its analysis.
import express from 'express';
import { ERROR_BOOK_WORKFLOW, errorBookWorkflowId, type ErrorBookInput } from '../../lib/contracts/knowledge.js';
import type { Db } from '../../lib/db.js';
import { errorBookBody, parse, searchQuery, uuidParam } from '../api-schemas.js';
import { notFound, route } from '../route.js';
import type { JobStarts } from './start-job.js';

const entryColumns = `id, subject, question, wrong_answer AS "wrongAnswer", correct_answer AS "correctAnswer", status, analysis,
  related_node_ids AS "relatedNodeIds", workflow_id AS "workflowId", created_at AS "createdAt", analysed_at AS "analysedAt"`;

export function errorBookRoutes({ db, starts }: { db: Db; starts: JobStarts }): express.Router {
  const r = express.Router();

  r.post(
    '/error-book',
    starts.jobRoute(
      (raw) => parse(errorBookBody, raw),
      (body, userId) => ({
        kind: 'error-book',
        workflowType: ERROR_BOOK_WORKFLOW,
        workflowIdOf: errorBookWorkflowId,
        idName: 'entryId',
        input: (entryId): ErrorBookInput => ({ userId, entryId, ...body }),
      }),
    ),
  );

  r.get(
    '/error-book',
    route(async (req, res, user) => {
      const { limit } = parse(searchQuery.pick({ limit: true }), req.query, 'query');
      const { rows } = await db.query(`SELECT ${entryColumns} FROM error_book WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2`, [user.id, limit]);
      res.json({ items: rows });
    }),
  );

  r.get(
    '/error-book/:id',
    route(async (req, res, user) => {
      const id = parse(uuidParam, req.params.id, 'id');
      const { rows } = await db.query(`SELECT ${entryColumns} FROM error_book WHERE id = $1 AND user_id = $2`, [id, user.id]);
      if (!rows[0]) throw notFound('error-book entry');
      res.json(rows[0]);
    }),
  );
  return r;
}
