// The Temporal header that carries the log context (request_id, userId) from the client that starts a workflow to
// its activities (workflows/log-context.ts copies it onto every activity it schedules). No imports: the workflow
// sandbox loads this file too.
export const LOG_CONTEXT_HEADER = 'sparkle-log-context';

export interface HeaderLogContext {
  request_id?: string;
  userId?: string;
}
