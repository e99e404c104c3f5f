// All activities, built from their dependencies by the worker. Workflows import only the type.
import { createChatActivities, type ChatDeps } from './chat.js';
import { createRetentionActivities, type RetentionDeps } from './retention.js';

export type ActivityDeps = ChatDeps & RetentionDeps;

export function createActivities(deps: ActivityDeps) {
  return { ...createChatActivities(deps), ...createRetentionActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
