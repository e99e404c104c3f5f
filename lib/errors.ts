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
  ErrorCode.EMBEDDING_DIMENSIONS,
  ErrorCode.EMBEDDING_INVALID,
  ErrorCode.IMPORT_INVALID,
]);

export function isRetryable(code: ErrorCode): boolean {
  return !NON_RETRYABLE.has(code);
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
    return ApplicationFailure.create({
      type: this.code,
      message: this.message,
      nonRetryable: !isRetryable(this.code),
      details: this.details ? [this.details] : undefined,
      nextRetryDelay: this.retryAfterMs,
    });
  }
}
