// Workflow interceptors (bundled, not a workflow): the log-context header the workflow was started with, or one
// naming the user its input names, goes on every activity it schedules, so activity logs carry request_id and userId.
import { defaultPayloadConverter, type Payload, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { LOG_CONTEXT_HEADER } from '../lib/log-context-header.js';

function fromInput(args: unknown[]): Payload | undefined {
  const first = args[0] as { userId?: unknown } | undefined;
  if (!first || typeof first !== 'object' || typeof first.userId !== 'string') return undefined;
  return defaultPayloadConverter.toPayload({ userId: first.userId });
}

export const interceptors: WorkflowInterceptorsFactory = () => {
  let header: Payload | undefined;
  const withHeader = <T extends { headers: Record<string, Payload> }>(input: T): T =>
    header && !input.headers[LOG_CONTEXT_HEADER] ? { ...input, headers: { ...input.headers, [LOG_CONTEXT_HEADER]: header } } : input;
  return {
    inbound: [
      {
        async execute(input, next) {
          header = input.headers[LOG_CONTEXT_HEADER] ?? fromInput(input.args);
          return next(input);
        },
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next(withHeader(input)),
        scheduleLocalActivity: (input, next) => next(withHeader(input)),
      },
    ],
  };
};
