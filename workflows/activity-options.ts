// Timeouts and retry policies of the activities, named by the kind of step, so every workflow retries alike.
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

/** Short steps (guards, quota, context, audit, persistence) run as local activities: no server round trip. */
export const SHORT_LOCAL: LocalActivityOptions = {
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '10s', maximumAttempts: 10 },
};

/**
 * What a turn owes once it has its answer (settle or release the quota, persist, audit), tried at once in the
 * worker: a few quick attempts ride out a blip; what still fails goes to the durable settlement workflow.
 */
export const TURN_FINISH_LOCAL: LocalActivityOptions = {
  startToCloseTimeout: '10s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '1s', maximumAttempts: 3 },
};

/**
 * The settlement workflow's steps: retried for as long as an outage of Redis or Postgres lasts (days at most;
 * the quota's day keys live two). Every step is idempotent on the turn's id, so retries never bill or write twice.
 */
export const SETTLEMENT_STEP: ActivityOptions = {
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '2 days',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m' },
};

/**
 * The model call streams for a while: the heartbeat timeout, not the overall timeout, detects a dead worker. The
 * activity heartbeats on a timer from its start (a slow first token is not a dead worker), so this can be short.
 */
export const MODEL_CALL: ActivityOptions = {
  startToCloseTimeout: '3m',
  heartbeatTimeout: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 4 },
};

/**
 * A background job's model call: more attempts than a chat turn's, so a provider that keeps failing trips the
 * shared circuit breaker (5 failures by default) and the job reaches its durable wait instead of failing.
 */
export const JOB_MODEL_CALL: ActivityOptions = {
  ...MODEL_CALL,
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 10 },
};

/**
 * A background job's step (embedding, dedup, write): patient, since nobody is waiting on a socket. A value the
 * database refuses is DATA_REJECTED, never retried (lib/errors.ts); the attempt cap bounds any other error that
 * comes back every time (a bug), which would otherwise be retried for the whole 12 h.
 */
export const JOB_STEP: ActivityOptions = {
  startToCloseTimeout: '1m',
  // Backoff grows to 10 min so a provider or database outage of hours is ridden out (a note is not lost to it):
  // 40 attempts span ~5 h (17 min to reach the 10 min ceiling, then 30 more); 12 h bounds a slow hopeless one.
  scheduleToCloseTimeout: '12h',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10m', maximumAttempts: 40 },
};

/**
 * A background job's step tried first in the worker that runs the workflow (workflows/local-first.ts): a few
 * quick attempts with no server round trip; what still fails then runs as a JOB_STEP activity.
 */
export const JOB_STEP_LOCAL: LocalActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '1s', maximumAttempts: 3 },
};

/** A notification is a courtesy: the result is stored whether or not a socket hears about it. */
export const NOTIFICATION: ActivityOptions = { startToCloseTimeout: '10s', retry: { maximumAttempts: 3 } };

/**
 * A sandboxed run (code run, strategy evaluation, Monte Carlo): the sandbox kills a program at SANDBOX_WALL_TIME_MS
 * (60 s by default, at most an hour), so the timeout only bounds a stuck worker; heartbeats every 5 s reveal a dead
 * one. Only a sandbox that could not start is thrown and retried: what the program does is its result.
 */
export const SANDBOX_RUN: ActivityOptions = {
  startToCloseTimeout: '65m',
  heartbeatTimeout: '30s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 5 },
};

/** Deleting an idle conversation: patient, since nobody waits on it, and idempotent (a purged one is gone). */
export const PURGE_CONVERSATION: ActivityOptions = {
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m' },
};

/** A bulk import: one long activity that heartbeats a checkpoint after every chunk. */
export const IMPORT_LINES: ActivityOptions = {
  startToCloseTimeout: '6h',
  // Missing heartbeats for this long means the worker is gone: the next attempt starts from the checkpoint.
  heartbeatTimeout: '15s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 50 },
};

/**
 * Dropping an import's staging. Heartbeats too: without them an attempt taken by a worker that then died was
 * noticed only at its 5-minute timeout (bench/jobs.ts, long tasks with a worker killed).
 */
export const DROP_IMPORT_STAGING: ActivityOptions = { startToCloseTimeout: '5m', heartbeatTimeout: '15s', retry: { maximumAttempts: 10 } };

/** The scheduled housekeeping's one step (expired cache entries, abandoned staging). */
export const MAINTENANCE_STEP: ActivityOptions = {
  startToCloseTimeout: '30m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 5 },
};
