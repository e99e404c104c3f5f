// One Redis subscriber connection per gateway (on a cluster, one per shard: sharded pub/sub), fanned out to the
// sockets following each channel.
import { logger } from '../lib/logger.js';
import { pubsubMessagesDroppedTotal } from '../lib/metrics.js';
import { shardedPubSub, type RedisClient } from '../lib/redis.js';

type Listener = (message: string) => void;

export class ChannelHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly subscriber: RedisClient) {
    // Runs inside ioredis's reply parser: a listener that throws must neither break the connection nor cost the
    // channel's other listeners their message.
    const deliver = (channel: string, message: string) => {
      for (const fn of this.listeners.get(channel) ?? []) {
        try {
          fn(message);
        } catch (err) {
          pubsubMessagesDroppedTotal.inc({ reason: 'listener_error' });
          logger.warn({ channel, err: err instanceof Error ? err.message : String(err) }, 'a pub/sub listener failed; message dropped for it');
        }
      }
    };
    subscriber.on(shardedPubSub(subscriber) ? 'smessage' : 'message', deliver);
  }

  /** Resolves once Redis confirms the subscription, so nothing published afterwards is missed. */
  async subscribe(channel: string, fn: Listener): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(fn);
    const first = set.size === 1;
    if (first) {
      try {
        await (shardedPubSub(this.subscriber) ? this.subscriber.ssubscribe(channel) : this.subscriber.subscribe(channel));
      } catch (err) {
        // Not subscribed (e.g. the channel's shard is failing over): forget the listener, so a later call retries.
        set.delete(fn);
        if (set.size === 0) this.listeners.delete(channel);
        throw err;
      }
    }
    return async () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(fn) || current.size > 0) return;
      this.listeners.delete(channel);
      await (shardedPubSub(this.subscriber) ? this.subscriber.sunsubscribe(channel) : this.subscriber.unsubscribe(channel)).catch(() => undefined);
    };
  }
}
