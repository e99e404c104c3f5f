// A client interceptor that puts the caller's log context (request_id, userId; lib/logger.ts) in the headers of the
// workflows it starts; workflows/log-context.ts passes it on to their activities (workers/activity-logging.ts).
import { defaultPayloadConverter } from '@temporalio/common';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { LOG_CONTEXT_HEADER, type HeaderLogContext } from './log-context-header.js';
import { currentLogContext } from './logger.js';

function withHeader<T extends { headers: Record<string, unknown> }>(input: T): T {
  const { request_id, userId } = currentLogContext();
  const ctx: HeaderLogContext = {
    ...(typeof request_id === 'string' ? { request_id } : {}),
    ...(typeof userId === 'string' ? { userId } : {}),
  };
  if (Object.keys(ctx).length === 0) return input;
  return { ...input, headers: { ...input.headers, [LOG_CONTEXT_HEADER]: defaultPayloadConverter.toPayload(ctx) } };
}

export const logContextClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next(withHeader(input)),
  startWithDetails: (input, next) => next(withHeader(input)),
  signalWithStart: (input, next) => next(withHeader(input)),
};
