// One sandboxed run inside an activity, shared by code runs and the strategy lab: heartbeats while it runs (a dead
// worker's run is retried elsewhere), counts the outcome, and turns a sandbox that could not start into a
// retryable SANDBOX_UNAVAILABLE. What the program itself does is the result, never a thrown error.
import { Context } from '@temporalio/activity';
import { AppError, ErrorCode } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import { sandboxRunsTotal } from '../lib/metrics.js';
import type { RunRequest, RunResult, SandboxDriver } from '../sandbox/types.js';

const HEARTBEAT_MS = 5_000;

/**
 * A sandbox that could not start, as users see it: a stable code and a generic message. The driver's detail (bwrap's
 * stderr, a host path, a Docker socket, ECONNREFUSED) says how this host is built, so it goes to the log only.
 */
export function sandboxUnavailable(err: unknown): AppError {
  logger.error({ err: err instanceof Error ? err.message : String(err) }, 'sandbox unavailable');
  return new AppError(ErrorCode.SANDBOX_UNAVAILABLE, 'the sandbox is unavailable right now; try again later', 503);
}

export async function runSandboxed(
  sandbox: SandboxDriver,
  req: RunRequest,
  kind: 'code_run' | 'strategy',
  progress: () => Record<string, unknown>,
): Promise<RunResult> {
  const ctx = Context.current();
  ctx.heartbeat(progress());
  const beat = setInterval(() => ctx.heartbeat(progress()), HEARTBEAT_MS);
  try {
    const run = await sandbox.run(req, ctx.cancellationSignal);
    sandboxRunsTotal.inc({ kind, outcome: run.error ? run.error.code.toLowerCase() : 'ok' });
    return run;
  } catch (err) {
    const cancelled = ctx.cancellationSignal.aborted;
    sandboxRunsTotal.inc({ kind, outcome: cancelled ? 'cancelled' : 'sandbox_unavailable' });
    throw cancelled ? err : sandboxUnavailable(err);
  } finally {
    clearInterval(beat);
  }
}
