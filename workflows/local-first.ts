// A job's short step (an embedding call, a write), tried at once in the worker that runs the workflow as a local
// activity, with no server round trip; only if those quick attempts fail does it run as a regular activity on its
// patient policy (hours of backoff, shown in the Web UI as a pending activity with its last failure). So the
// happy path of a job costs one workflow task, and an outage still gets the durable retries.
import { ActivityFailure, ApplicationFailure, isCancellation } from '@temporalio/workflow';

/** An error no attempt can fix (lib/errors.ts decides which), or a cancellation: running it again is pointless. */
function final(err: unknown): boolean {
  if (isCancellation(err)) return true;
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof ApplicationFailure && cause.nonRetryable === true;
}

export async function localFirst<T>(tryHere: () => Promise<T>, durably: () => Promise<T>): Promise<T> {
  try {
    return await tryHere();
  } catch (err) {
    if (final(err)) throw err;
    return durably();
  }
}
