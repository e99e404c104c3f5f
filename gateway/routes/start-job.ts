// The one way a REST route starts a background job: once its body is validated, the request is counted against the
// user's job budget (a refused body costs nothing), its resource is named (from the Idempotency-Key when it has
// one, which must come back with the body it first came with), the job starts once per id, and the answer is
// 202 with the workflow id and the resource's id.
import type { Request, Response } from 'express';
import type { Db } from '../../lib/db.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { RedisClient } from '../../lib/redis.js';
import type { TaskKind } from '../../lib/contracts/tasks.js';
import { claimIdempotencyKey, resourceId, type JobStarter } from '../jobs.js';
import { jobRateLimit } from '../rate-limits.js';
import { route } from '../route.js';

export interface JobStartDeps {
  db: Db;
  redis: RedisClient;
  jobs: JobStarter;
  jobsPerMinute: number;
}

export interface JobRequest<I> {
  kind: TaskKind;
  workflowType: string;
  workflowIdOf: (userId: string, resourceId: string) => string;
  /** How the answer names the resource: `nodeId`, `entryId`, `runId`. */
  idName: string;
  /** The validated body (what an Idempotency-Key is bound to). */
  body: unknown;
  input: (resourceId: string) => I;
}

/** A job a route starts from its validated body: the request without the body, which the route already has. */
export type JobOf<B, I> = (body: B, userId: string) => Omit<JobRequest<I>, 'body'>;

const idempotencyKey = (req: Request) => {
  const key = req.get('idempotency-key');
  if (key !== undefined && !/^[\x21-\x7e]{1,128}$/.test(key))
    throw new AppError(ErrorCode.BAD_REQUEST, 'Idempotency-Key must be 1-128 visible ASCII characters', 400);
  return key;
};

export function jobStarts({ db, redis, jobs, jobsPerMinute }: JobStartDeps) {
  const limitJobs = jobRateLimit(redis, jobsPerMinute);

  /** Counts the request and names its resource; with `body`, a keyed request must repeat the body its key came with. */
  async function claim(req: Request, userId: string, kind: TaskKind, body?: unknown): Promise<string> {
    const key = idempotencyKey(req);
    await limitJobs(userId);
    const id = resourceId(userId, key, kind);
    if (key && body !== undefined) await claimIdempotencyKey(db, id, userId, body);
    return id;
  }

  async function start<I>(req: Request, res: Response, userId: string, job: JobRequest<I>): Promise<void> {
    const id = await claim(req, userId, job.kind, job.body);
    const workflowId = job.workflowIdOf(userId, id);
    await jobs.start(job.workflowType, workflowId, job.kind, userId, job.input(id));
    res.status(202).json({ workflowId, [job.idName]: id });
  }

  /** A route that does nothing but start a job: the body validated (and checked) by `parseBody`, then `start`. */
  const jobRoute = <B, I>(parseBody: (raw: unknown) => B, job: JobOf<B, I>) =>
    route(async (req, res, user) => {
      const body = parseBody(req.body);
      await start(req, res, user.id, { ...job(body, user.id), body });
    });

  return { claim, jobRoute, launch: jobs.start.bind(jobs) };
}

export type JobStarts = ReturnType<typeof jobStarts>;
