// Sandboxed code runs: validate (CPython's own parser, sandbox/validator.ts), run inside the sandbox driver
// (sandbox/), record. A program's own failure (an exception, a limit) is a result, not an activity failure: only a
// sandbox that cannot start is retried.
import { Context } from '@temporalio/activity';
import type { CodeRunResult } from '../lib/code-runs.js';
import { AppError, ErrorCode } from '../lib/errors.js';
import { sandboxRunsTotal } from '../lib/metrics.js';
import type { SandboxDriver, SandboxLimits, ValidationResult } from '../sandbox/types.js';
import { studentProgram } from '../sandbox/student-program.js';
import { validatePython } from '../sandbox/validator.js';
import type { Writers } from './writers.js';

export interface CodeRunDeps {
  sandbox: SandboxDriver;
  sandboxLimits: SandboxLimits;
  validation: { allowedImports: string[]; python: string; maxCodeBytes: number };
  writers: Writers;
}

const HEARTBEAT_MS = 5_000;

export function createCodeRunActivities({ sandbox, sandboxLimits, validation, writers }: CodeRunDeps) {
  const unavailable = (err: unknown) =>
    new AppError(ErrorCode.SANDBOX_UNAVAILABLE, `the sandbox could not start: ${err instanceof Error ? err.message : String(err)}`, 503);

  return {
    async validateCode(input: { code: string }): Promise<ValidationResult> {
      try {
        return await validatePython(input.code, validation);
      } catch (err) {
        throw unavailable(err);
      }
    },

    /** Runs validated code; heartbeats while it runs, so a dead worker's run is retried elsewhere. */
    async runCode(input: { code: string; stdin?: string; files?: Record<string, string> }): Promise<Omit<CodeRunResult, 'runId' | 'status'>> {
      const ctx = Context.current();
      const started = Date.now();
      const beat = setInterval(() => ctx.heartbeat({ elapsedMs: Date.now() - started }), HEARTBEAT_MS);
      try {
        const r = await sandbox.run(studentProgram(input.code, sandboxLimits, { stdin: input.stdin, files: input.files }), ctx.cancellationSignal);
        sandboxRunsTotal.inc({ kind: 'code_run', outcome: r.error ? r.error.code.toLowerCase() : 'ok' });
        return {
          exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, truncated: r.truncated, durationMs: r.durationMs, usage: r.usage,
          ...(r.error ? { error: { code: ErrorCode[r.error.code], message: r.error.message } } : {}),
        };
      } catch (err) {
        const cancelled = ctx.cancellationSignal.aborted;
        sandboxRunsTotal.inc({ kind: 'code_run', outcome: cancelled ? 'cancelled' : 'sandbox_unavailable' });
        if (cancelled) throw err;
        throw unavailable(err);
      } finally {
        clearInterval(beat);
      }
    },

    async recordCodeRun(input: { userId: string; workflowId: string; codeBytes: number; result: CodeRunResult }): Promise<void> {
      const r = input.result;
      await writers.codeRuns.write([{
        id: r.runId, user_id: input.userId, workflow_id: input.workflowId, status: r.status, exit_code: r.exitCode,
        stdout: r.stdout, stderr: r.stderr, truncated: r.truncated, error_code: r.error?.code ?? null, error_message: r.error?.message ?? null,
        duration_ms: Math.round(r.durationMs), cpu_ms: r.usage.cpuMs === undefined ? null : Math.round(r.usage.cpuMs),
        max_rss_bytes: r.usage.maxRssBytes ?? null, code_bytes: input.codeBytes,
      }]);
    },
  };
}
