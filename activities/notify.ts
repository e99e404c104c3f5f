// Notifications to a user's open WebSockets (lib/contracts/notify.ts): published on the user's Redis channel,
// forwarded by every gateway holding one of their sockets.
import { userNotifyChannel, type Notification } from '../lib/contracts/notify.js';
import { publish, type RedisClient } from '../lib/redis.js';

export interface NotifyDeps {
  redis: RedisClient;
}

export async function publishNotification(redis: RedisClient, userId: string, n: Notification): Promise<void> {
  await publish(redis, userNotifyChannel(userId), JSON.stringify(n));
}

export function createNotifyActivities({ redis }: NotifyDeps) {
  return {
    async notifyUser(input: { userId: string; notification: Notification }): Promise<void> {
      await publishNotification(redis, input.userId, input.notification);
    },
  };
}
