// Maps errors of the `openai` client (chat and embeddings alike) to our codes.
import OpenAI from 'openai';
import { AppError, ErrorCode } from './errors.js';

/** Maps the client's errors to codes; whether each code is retried is decided in lib/errors.ts. */
export function toAppError(err: unknown): AppError {
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
    const header = err.headers?.get?.('retry-after');
    const retryAfterMs = header && Number.isFinite(Number(header)) ? Number(header) * 1000 : undefined;
    if (err.status === 401 || err.status === 403) return new AppError(ErrorCode.LLM_AUTH, `model provider refused the credentials (${err.status})`, 502);
    if (err.status === 429 || err.status >= 500)
      return new AppError(ErrorCode.LLM_UNAVAILABLE, `model provider answered ${err.status}`, 503, undefined, retryAfterMs);
    return new AppError(ErrorCode.LLM_BAD_REQUEST, `model provider rejected the request (${err.status})`, 502);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError(ErrorCode.LLM_UNAVAILABLE, `model provider unreachable: ${message}`, 503);
}
