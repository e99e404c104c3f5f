// All activities, built from their dependencies by the worker. Workflows import only the type.
import { createChatActivities, type ChatDeps } from './chat.js';

export type ActivityDeps = ChatDeps;

export function createActivities(deps: ActivityDeps) {
  return { ...createChatActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
