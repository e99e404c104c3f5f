// Sandboxed code runs: validate (CPython's own parser, sandbox/validator.ts), run inside the sandbox driver
// (sandbox/), record. A program's own failure (an exception, a limit) is a result, not an activity failure: only a
// sandbox that cannot start is retried. The run's whole output goes to its code_runs row; what goes back into
// Temporal's history is cut to RESULT_OUTPUT_BYTES (lib/contracts/code-runs.ts explains why).
import { RESULT_OUTPUT_BYTES, type CodeRunResult } from '../lib/contracts/code-runs.js';
import { ErrorCode } from '../lib/errors.js';
import type { SandboxDriver, SandboxLimits, ValidationResult } from '../sandbox/types.js';
import { studentProgram } from '../sandbox/student-program.js';
import { validatePython } from '../sandbox/validator.js';
import { runSandboxed, sandboxUnavailable } from './sandbox-run.js';
import type { CodeRunRow, Writers } from './writers.js';

export interface CodeRunDeps {
  sandbox: SandboxDriver;
  sandboxLimits: SandboxLimits;
  validation: { allowedImports: string[]; python: string; maxCodeBytes: number };
  writers: Writers;
}

/** Which run a result belongs to, so the activity that has the output can record it. */
export interface CodeRunRecord {
  userId: string;
  runId: string;
  workflowId: string;
  codeBytes: number;
}

const encodedBytes = (s: string) => Buffer.byteLength(JSON.stringify(s));

/** The longest prefix of `text` whose JSON encoding fits `maxBytes` (a surrogate pair is never split). */
export function fitEncoded(text: string, maxBytes: number): string {
  if (encodedBytes(text) <= maxBytes) return text;
  let lo = 0; // the longest prefix known to fit
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (encodedBytes(text.slice(0, mid)) <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  const code = text.charCodeAt(lo - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? lo - 1 : lo);
}

/** Postgres text cannot hold NUL: a program that prints one gets U+FFFD in its stored output instead of a failed job. */
const storable = (s: string) => s.replaceAll('\0', '\uFFFD');

function codeRunRow(r: CodeRunResult, rec: Omit<CodeRunRecord, 'runId'>): CodeRunRow {
  return {
    id: r.runId,
    user_id: rec.userId,
    workflow_id: rec.workflowId,
    status: r.status,
    exit_code: r.exitCode,
    stdout: storable(r.stdout),
    stderr: storable(r.stderr),
    truncated: r.truncated,
    error_code: r.error?.code ?? null,
    error_message: r.error?.message ?? null,
    duration_ms: Math.round(r.durationMs),
    cpu_ms: r.usage.cpuMs === undefined ? null : Math.round(r.usage.cpuMs),
    max_rss_bytes: r.usage.maxRssBytes ?? null,
    code_bytes: rec.codeBytes,
  };
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

    /**
     * Runs validated code (see runSandboxed: heartbeats, a sandbox that cannot start is retried). With `record`, the
     * whole output is written to the run's row here and the answer carries at most RESULT_OUTPUT_BYTES of each stream.
     */
    async runCode(input: {
      code: string;
      stdin?: string;
      files?: Record<string, string>;
      record?: CodeRunRecord;
    }): Promise<Omit<CodeRunResult, 'runId' | 'status'>> {
      const started = Date.now();
      const r = await runSandboxed(sandbox, studentProgram(input.code, sandboxLimits, { stdin: input.stdin, files: input.files }), 'code_run', () => ({
        elapsedMs: Date.now() - started,
      }));
      const run = {
        exitCode: r.exitCode,
        stdout: r.stdout,
        stderr: r.stderr,
        truncated: r.truncated,
        durationMs: r.durationMs,
        usage: r.usage,
        ...(r.error ? { error: { code: ErrorCode[r.error.code], message: r.error.message } } : {}),
      };
      if (!input.record) return run;
      const { runId, ...rec } = input.record;
      await writers.codeRuns.write([codeRunRow({ runId, status: run.error ? 'failed' : 'completed', ...run }, rec)]);
      const stdout = fitEncoded(run.stdout, RESULT_OUTPUT_BYTES);
      const stderr = fitEncoded(run.stderr, RESULT_OUTPUT_BYTES);
      const capped = stdout.length < run.stdout.length || stderr.length < run.stderr.length;
      return { ...run, stdout, stderr, ...(capped ? { outputCapped: true } : {}) };
    },

    /** The run's row; a no-op when runCode wrote it already (the writer skips an existing id). */
    async recordCodeRun(input: { userId: string; workflowId: string; codeBytes: number; result: CodeRunResult }): Promise<void> {
      await writers.codeRuns.write([codeRunRow(input.result, input)]);
    },
  };
}
