// Binds the running activity's identity (workflow id and type, activity type and id, attempt; request_id and user
// from the workflow's log-context header, else the user its input names) to every line logged while it runs (lib/logger.ts withLogContext), and logs its end at debug.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, ActivityOutboundCallsInterceptor } from '@temporalio/worker';
import { LOG_CONTEXT_HEADER, type HeaderLogContext } from '../lib/log-context-header.js';
import { logger, withLogContext } from '../lib/logger.js';

function userIdOf(args: unknown[]): string | undefined {
  const first = args[0] as { userId?: unknown } | undefined;
  return first && typeof first === 'object' && typeof first.userId === 'string' ? first.userId : undefined;
}

/** request_id and userId from the header the workflow's starter set (workflows/log-context.ts copies it here). */
function headerContext(headers: Record<string, Payload>): HeaderLogContext {
  const payload = headers[LOG_CONTEXT_HEADER];
  if (!payload) return {};
  try {
    const v = defaultPayloadConverter.fromPayload<HeaderLogContext>(payload);
    return {
      ...(typeof v?.request_id === 'string' ? { request_id: v.request_id.slice(0, 128) } : {}),
      ...(typeof v?.userId === 'string' ? { userId: v.userId.slice(0, 128) } : {}),
    };
  } catch {
    return {};
  }
}

export const activityLogContext: ActivityInterceptorsFactory = (ctx) => {
  let bound: HeaderLogContext = {};
  // The SDK's own activity lines ("Activity completed"...) get request_id and userId too, once execute has read them.
  const outbound: ActivityOutboundCallsInterceptor = {
    getLogAttributes: (attrs, next) => next({ ...attrs, ...bound }),
  };
  const inbound: ActivityInboundCallsInterceptor = {
    async execute(input, next) {
      const { info } = ctx;
      const fields = {
        workflowId: info.workflowExecution?.workflowId,
        workflowType: info.workflowType,
        activityType: info.activityType,
        activityId: info.activityId,
        attempt: info.attempt,
        userId: userIdOf(input.args),
        ...headerContext(input.headers),
      };
      bound = { ...(fields.userId ? { userId: fields.userId } : {}), ...(fields.request_id ? { request_id: fields.request_id } : {}) };
      return withLogContext(fields, async () => {
        const started = performance.now();
        try {
          const result = await next(input);
          logger.debug({ ms: Math.round(performance.now() - started) }, 'activity completed');
          return result;
        } catch (err) {
          logger.debug({ ms: Math.round(performance.now() - started), err: err instanceof Error ? err.message : String(err) }, 'activity failed');
          throw err;
        }
      });
    },
  };
  return { inbound, outbound };
};
