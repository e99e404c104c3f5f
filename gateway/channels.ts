// One Redis subscriber connection per gateway, fanned out to the sockets following each channel.
import type { RedisClient } from '../lib/redis.js';

type Listener = (message: string) => void;

export class ChannelHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly subscriber: RedisClient) {
    subscriber.on('message', (channel: string, message: string) => {
      for (const fn of this.listeners.get(channel) ?? []) fn(message);
    });
  }

  /** Resolves once Redis confirms the subscription, so nothing published afterwards is missed. */
  async subscribe(channel: string, fn: Listener): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(fn);
    if (set.size === 1) await this.subscriber.subscribe(channel);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(fn) || current.size > 0) return;
      this.listeners.delete(channel);
      await this.subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }
}
