// Heartbeats on a timer for as long as a piece of work runs, from its first moment: a step that waits (a slow
// first token, a slow embedding batch) must not look like a dead worker, or Temporal starts a second attempt
// while the first still runs. The details are read at each beat, so a checkpoint stays current.
import { Context } from '@temporalio/activity';

/** A beat at least this often, and three per heartbeat timeout, so one lost beat never times the attempt out. */
const MAX_INTERVAL_MS = 5_000;

export async function heartbeatWhile<T>(details: () => unknown, work: () => Promise<T>): Promise<T> {
  const ctx = Context.current();
  const timeoutMs = ctx.info.heartbeatTimeoutMs;
  const intervalMs = Math.max(100, Math.min(MAX_INTERVAL_MS, timeoutMs ? timeoutMs / 3 : MAX_INTERVAL_MS));
  ctx.heartbeat(details());
  const beat = setInterval(() => ctx.heartbeat(details()), intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}
