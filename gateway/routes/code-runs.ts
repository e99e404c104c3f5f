// Sandboxed code runs: start one (a code-run job), read its outcome.
import express from 'express';
import type { Config } from '../../lib/config.js';
import { CODE_RUN_WORKFLOW, codeRunWorkflowId, type CodeRunInput } from '../../lib/contracts/code-runs.js';
import type { Db } from '../../lib/db.js';
import { codeRunBody, parse, uuidParam } from '../api-schemas.js';
import { notFound, route } from '../route.js';
import type { JobStarts } from './start-job.js';

export function codeRunRoutes({ config: c, db, starts }: { config: Config; db: Db; starts: JobStarts }): express.Router {
  const r = express.Router();

  r.post(
    '/code-runs',
    starts.jobRoute(
      (raw) => parse(codeRunBody(c.SANDBOX_MAX_CODE_BYTES), raw),
      ({ code, stdin }, userId) => ({
        kind: 'code-run',
        workflowType: CODE_RUN_WORKFLOW,
        workflowIdOf: codeRunWorkflowId,
        idName: 'runId',
        input: (runId): CodeRunInput => ({ userId, runId, code, stdin }),
      }),
    ),
  );

  r.get(
    '/code-runs/:id',
    route(async (req, res, user) => {
      const id = parse(uuidParam, req.params.id, 'id');
      const { rows } = await db.query(
        `SELECT id, workflow_id AS "workflowId", status, exit_code AS "exitCode", stdout, stderr, truncated, error_code AS "errorCode",
              error_message AS "errorMessage", duration_ms AS "durationMs", cpu_ms AS "cpuMs", max_rss_bytes::float8 AS "maxRssBytes", created_at AS "createdAt"
         FROM code_runs WHERE id = $1 AND user_id = $2`,
        [id, user.id],
      );
      if (!rows[0]) throw notFound('code run');
      res.json(rows[0]);
    }),
  );
  return r;
}
