// All activities, built from their dependencies by the worker. Workflows import only the type.
import { createChatActivities, type ChatDeps } from './chat.js';
import { createGuardActivities, type GuardDeps } from './guards.js';
import { createLlmActivities, type LlmDeps } from './llm-stream.js';
import { createRetentionActivities, type RetentionDeps } from './retention.js';

export type ActivityDeps = ChatDeps & LlmDeps & GuardDeps & RetentionDeps;

export function createActivities(deps: ActivityDeps) {
  return {
    ...createChatActivities(deps),
    ...createLlmActivities(deps),
    ...createGuardActivities(deps),
    ...createRetentionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
