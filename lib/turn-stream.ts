// Streaming a turn's text through Redis: the worker publishes each delta and appends it to a key, so a
// subscriber that arrives late (a resent chat.send) can read the text so far and then follow the channel.
//
// Each model-call attempt is an epoch. One script appends and publishes only while no later attempt has begun,
// so an attempt Temporal has given up on (a paused or partitioned worker that comes back) can never interleave its
// text with its successor's: its next publish is refused and it stops. Live streaming is a courtesy: when Redis
// cannot take a delta, the publisher stops for the rest of the attempt (a hole in the stored text would mislead
// late readers) and the client gets the rest of the answer with chat.done; the model call goes on.
import type { Redis } from 'ioredis';
import { logger } from './logger.js';
import { turnStreamFailuresTotal } from './metrics.js';
import { shardedPubSub, type RedisClient } from './redis.js';
import { turnAttemptKey, turnChannel, turnTextKey, type TurnDelta } from './contracts/chat.js';

const TEXT_TTL_MS = 10 * 60_000;

// KEYS: text, attempt. ARGV: attempt, text, ttlMs, channel, message, sharded (1/0).
// Returns 0 when a later attempt has begun (the caller is superseded), else 1.
const APPEND_AND_PUBLISH = `
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
local attempt = tonumber(ARGV[1])
if current > attempt then return 0 end
if current < attempt then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
end
if ARGV[2] ~= '' then
  redis.call('APPEND', KEYS[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call(ARGV[6] == '1' and 'SPUBLISH' or 'PUBLISH', ARGV[4], ARGV[5])
return 1
`;

type WithTurnScript = RedisClient & { turnAppendPublish(...args: (string | number)[]): Promise<number> };
const defined = new WeakSet<RedisClient>();

function withScript(redis: RedisClient): WithTurnScript {
  if (!defined.has(redis)) {
    (redis as Redis).defineCommand('turnAppendPublish', { numberOfKeys: 2, lua: APPEND_AND_PUBLISH });
    defined.add(redis);
  }
  return redis as WithTurnScript;
}

/** A later attempt of the same model call has begun: this one must stop streaming. */
export class SupersededAttempt extends Error {
  constructor(readonly attempt: number) {
    super(`attempt ${attempt} was superseded by a later attempt`);
    this.name = 'SupersededAttempt';
  }
}

export class TurnPublisher {
  private offset = 0;
  private live = true;

  constructor(
    private readonly redis: RedisClient,
    private readonly workflowId: string,
    private readonly attempt: number,
  ) {}

  /** Announces this attempt (an empty delta at offset 0): followers drop what an earlier attempt streamed. */
  begin(): Promise<void> {
    return this.send('');
  }

  /** Throws SupersededAttempt once a later attempt has begun; a Redis failure only ends live streaming. */
  publish(text: string): Promise<void> {
    return text ? this.send(text) : Promise.resolve();
  }

  private async send(text: string): Promise<void> {
    if (!this.live) return;
    const delta: TurnDelta = { attempt: this.attempt, offset: this.offset, text };
    let accepted: number;
    try {
      accepted = await withScript(this.redis).turnAppendPublish(
        turnTextKey(this.workflowId),
        turnAttemptKey(this.workflowId),
        this.attempt,
        text,
        TEXT_TTL_MS,
        turnChannel(this.workflowId),
        JSON.stringify(delta),
        shardedPubSub(this.redis) ? 1 : 0,
      );
    } catch (err) {
      this.live = false;
      turnStreamFailuresTotal.inc();
      logger.warn({ workflowId: this.workflowId, err: (err as Error).message }, 'live streaming stopped for this attempt; the answer arrives whole');
      return;
    }
    if (accepted === 0) throw new SupersededAttempt(this.attempt);
    this.offset += text.length;
  }
}
