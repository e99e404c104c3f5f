// The gateway's pub/sub fan-out on the real Redis: one listener that throws costs neither the channel's other
// listeners their message nor the subscriber connection its later messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelHub } from '../../gateway/channels.js';
import { registry } from '../../lib/metrics.js';
import { createRedis, publish, type RedisClient } from '../../lib/redis.js';
import { uniqueId } from '../support/services.js';

let subscriber: RedisClient;
let publisher: RedisClient;

beforeAll(() => {
  subscriber = createRedis('test-hub-subscriber', process.env.REDIS_URL!);
  publisher = createRedis('test-hub-publisher', process.env.REDIS_URL!);
});

afterAll(async () => {
  await Promise.allSettled([subscriber?.quit(), publisher?.quit()]);
});

const droppedForListenerErrors = async () =>
  (await registry.getSingleMetric('pubsub_messages_dropped_total')?.get())?.values.find((v) => v.labels.reason === 'listener_error')?.value ?? 0;

describe('ChannelHub', () => {
  it('isolates a listener that throws: the others still get every message, and the failure is counted', async () => {
    const hub = new ChannelHub(subscriber);
    const channel = uniqueId('hub');
    const received: string[] = [];
    let arrived: (() => void) | undefined;
    await hub.subscribe(channel, () => {
      throw new Error('a listener bug');
    });
    await hub.subscribe(channel, (m) => {
      received.push(m);
      if (received.length === 2) arrived?.();
    });
    const both = new Promise<void>((resolve) => (arrived = resolve));
    const before = await droppedForListenerErrors();

    await publish(publisher, channel, 'first');
    await publish(publisher, channel, 'second');
    await both;

    expect(received).toEqual(['first', 'second']);
    expect(await droppedForListenerErrors()).toBe(before + 2);
  });
});
