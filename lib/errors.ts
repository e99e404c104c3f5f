// Typed errors with stable codes. Whether a failure is worth retrying is decided here and nowhere else.
import { ApplicationFailure } from '@temporalio/common';

export const ErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  BAD_FRAME: 'BAD_FRAME',
  UNKNOWN_FRAME: 'UNKNOWN_FRAME',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** An Idempotency-Key sent again with a different body (a client bug, not a retry). */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  RATE_LIMITED: 'RATE_LIMITED',
  CONVERSATION_NOT_FOUND: 'CONVERSATION_NOT_FOUND',
  LLM_UNAVAILABLE: 'LLM_UNAVAILABLE',
  LLM_BAD_REQUEST: 'LLM_BAD_REQUEST',
  LLM_AUTH: 'LLM_AUTH',
  DEPENDENCY_DOWN: 'DEPENDENCY_DOWN',
  TURN_FAILED: 'TURN_FAILED',
  /** A client-supplied embedding of the wrong size. */
  EMBEDDING_DIMENSIONS: 'EMBEDDING_DIMENSIONS',
  /** The embedding provider answered with something we cannot store (wrong size or count). */
  EMBEDDING_INVALID: 'EMBEDDING_INVALID',
  /** A line of a bulk import is not a valid node; the message names the line. */
  IMPORT_INVALID: 'IMPORT_INVALID',
  /** An import's staged lines are not all there (purged or never staged): it fails rather than report lines it skipped. */
  IMPORT_INCOMPLETE: 'IMPORT_INCOMPLETE',
  /** Submitted code was refused by the validator; the message names the line and the rule. */
  SANDBOX_VALIDATION: 'SANDBOX_VALIDATION',
  SANDBOX_TIMEOUT: 'SANDBOX_TIMEOUT',
  SANDBOX_MEMORY: 'SANDBOX_MEMORY',
  SANDBOX_OUTPUT_LIMIT: 'SANDBOX_OUTPUT_LIMIT',
  SANDBOX_PIDS: 'SANDBOX_PIDS',
  SANDBOX_RUNTIME_ERROR: 'SANDBOX_RUNTIME_ERROR',
  /** The sandbox itself could not start (retryable: another worker may have it). */
  SANDBOX_UNAVAILABLE: 'SANDBOX_UNAVAILABLE',
  /** Postgres refused a value a job wrote (a data exception or integrity violation): the same write fails every time. */
  DATA_REJECTED: 'DATA_REJECTED',
  /** A model-call attempt that Temporal had already replaced with a later one (its result is discarded). */
  SUPERSEDED: 'SUPERSEDED',
  /** A task (workflow) ran past its time limit. */
  TIMED_OUT: 'TIMED_OUT',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const NON_RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.BAD_REQUEST,
  ErrorCode.CONVERSATION_NOT_FOUND,
  ErrorCode.LLM_BAD_REQUEST,
  ErrorCode.LLM_AUTH,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.IDEMPOTENCY_KEY_REUSED,
  ErrorCode.EMBEDDING_DIMENSIONS,
  ErrorCode.EMBEDDING_INVALID,
  ErrorCode.IMPORT_INVALID,
  ErrorCode.IMPORT_INCOMPLETE,
  ErrorCode.SANDBOX_VALIDATION,
  ErrorCode.SANDBOX_TIMEOUT,
  ErrorCode.SANDBOX_MEMORY,
  ErrorCode.SANDBOX_OUTPUT_LIMIT,
  ErrorCode.SANDBOX_PIDS,
  ErrorCode.SANDBOX_RUNTIME_ERROR,
  ErrorCode.DATA_REJECTED,
  ErrorCode.SUPERSEDED,
]);

export function isRetryable(code: ErrorCode): boolean {
  return !NON_RETRYABLE.has(code);
}

/**
 * The one place an error of ours becomes a Temporal failure: its code as the failure's type (what the gateway and
 * the tasks API read back), retryable or not by the rule above. Activities reach it through AppError.toFailure()
 * (workers/build.ts converts what they throw); workflows throw it directly.
 */
export function temporalFailure(code: ErrorCode, message: string, opts: { details?: Record<string, unknown>; retryAfterMs?: number } = {}): ApplicationFailure {
  return ApplicationFailure.create({
    type: code,
    message,
    nonRetryable: !isRetryable(code),
    details: opts.details ? [opts.details] : undefined,
    nextRetryDelay: opts.retryAfterMs,
  });
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status = 400,
    readonly details?: Record<string, unknown>,
    /** How long the other side asked us to wait (a Retry-After header), used as the next retry's delay. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** The form an activity throws so Temporal retries it, or not, by the rule above. */
  toFailure(): ApplicationFailure {
    return temporalFailure(this.code, this.message, { details: this.details, retryAfterMs: this.retryAfterMs });
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * A dependency (Postgres, Redis, Temporal) that cannot be reached or is shutting down, as opposed to a bug or bad
 * input: the caller may try again shortly (503), and no detail of the failure is worth showing.
 */
export function isDependencyDown(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && NETWORK_CODES.has(code)) return true;
  // Postgres: class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now).
  if (code && /^(08...|57P0[1-3])$/.test(code)) return true;
  // gRPC UNAVAILABLE (14) from the Temporal client.
  if (e.code === 14) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  // node-postgres and ioredis report a lost connection by message only.
  return /^Connection terminated|^Connection is closed|timeout exceeded when trying to connect|Reached the max retries per request limit/.test(message);
}

/** A Postgres error of class 22 (data exception: 22P05 NUL, 22003 out of range, 22021 bad encoding...) or 23 (integrity). */
export function isDataRejected(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

/**
 * The AppError a thrown error stands for, where an activity's failure becomes Temporal's: ours as it is, a value
 * Postgres refused as DATA_REJECTED (never retried; the message names only the SQLSTATE, never the value), else
 * undefined (retried, as an outage or a bug may clear).
 */
export function asAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (isDataRejected(err)) {
    const code = (err as { code: string }).code;
    return new AppError(ErrorCode.DATA_REJECTED, `the database refused a value of this job (SQLSTATE ${code})`, 422, { sqlState: code });
  }
  return undefined;
}
