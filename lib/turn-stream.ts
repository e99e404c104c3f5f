// Streaming a turn's text through Redis: the worker publishes each delta and appends it to a key, so a
// subscriber that arrives late (a resent chat.send) can read the text so far and then follow the channel.
import { shardedPubSub, type RedisClient } from './redis.js';
import { turnChannel, turnTextKey, type TurnDelta } from './chat.js';

const TEXT_TTL_MS = 10 * 60_000;

export class TurnPublisher {
  private offset = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly workflowId: string,
  ) {}

  /** A new attempt starts the text over, so a retried activity never doubles what late readers see. */
  async reset(): Promise<void> {
    this.offset = 0;
    await this.redis.del(turnTextKey(this.workflowId));
  }

  async publish(text: string): Promise<void> {
    const delta: TurnDelta = { offset: this.offset, text };
    this.offset += text.length;
    const key = turnTextKey(this.workflowId);
    // The key and the channel share the workflow id's hash tag, so on a cluster this MULTI stays on one slot.
    const tx = this.redis.multi().append(key, text).pexpire(key, TEXT_TTL_MS);
    const channel = turnChannel(this.workflowId);
    await (shardedPubSub(this.redis) ? tx.spublish(channel, JSON.stringify(delta)) : tx.publish(channel, JSON.stringify(delta))).exec();
  }
}
