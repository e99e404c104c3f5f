// Sandboxed code runs: validate (CPython's own parser, sandbox/validator.ts), run inside the sandbox driver
// (sandbox/), record. A program's own failure (an exception, a limit) is a result, not an activity failure: only a
// sandbox that cannot start is retried.
import type { CodeRunResult } from '../lib/code-runs.js';
import { ErrorCode } from '../lib/errors.js';
import type { SandboxDriver, SandboxLimits, ValidationResult } from '../sandbox/types.js';
import { studentProgram } from '../sandbox/student-program.js';
import { validatePython } from '../sandbox/validator.js';
import { runSandboxed, sandboxUnavailable } from './sandbox-run.js';
import type { Writers } from './writers.js';

export interface CodeRunDeps {
  sandbox: SandboxDriver;
  sandboxLimits: SandboxLimits;
  validation: { allowedImports: string[]; python: string; maxCodeBytes: number };
  writers: Writers;
}

export function createCodeRunActivities({ sandbox, sandboxLimits, validation, writers }: CodeRunDeps) {
  return {
    async validateCode(input: { code: string }): Promise<ValidationResult> {
      try {
        return await validatePython(input.code, validation);
      } catch (err) {
        throw sandboxUnavailable(err);
      }
    },

    /** Runs validated code (see runSandboxed: heartbeats, a sandbox that cannot start is retried). */
    async runCode(input: { code: string; stdin?: string; files?: Record<string, string> }): Promise<Omit<CodeRunResult, 'runId' | 'status'>> {
      const started = Date.now();
      const r = await runSandboxed(sandbox, studentProgram(input.code, sandboxLimits, { stdin: input.stdin, files: input.files }), 'code_run', () => ({ elapsedMs: Date.now() - started }));
      return {
        exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, truncated: r.truncated, durationMs: r.durationMs, usage: r.usage,
        ...(r.error ? { error: { code: ErrorCode[r.error.code], message: r.error.message } } : {}),
      };
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
