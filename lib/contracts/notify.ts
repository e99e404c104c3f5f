// Notifications to a user's open WebSockets (a knowledge node was created, an analysis finished): published on
// one Redis channel per user, forwarded by every gateway holding a socket of that user. Fire and forget: a user
// with no socket open misses nothing important, the result is also in the database and the task's status.
export const userNotifyChannel = (userId: string) => `user:{${userId}}:notify`;

export interface Notification {
  event: string;
  data: Record<string, unknown>;
}
