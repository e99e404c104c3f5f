// The code-run contract shared by the gateway, the workflow and the activities.
import type { ErrorCode } from '../errors.js';

/** A validator problem, as sandbox/types.ts ValidationError has it (lib imports nothing of the sandbox). */
export interface CodeProblem {
  line: number;
  rule: string;
  message: string;
}

export const CODE_RUN_WORKFLOW = 'codeRunWorkflow';
export const codeRunWorkflowId = (userId: string, runId: string) => `code-run:${userId}:${runId}`;

export interface CodeRunInput {
  userId: string;
  runId: string;
  code: string;
  stdin?: string;
}

export interface CodeRunResult {
  runId: string;
  status: 'completed' | 'failed' | 'rejected';
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The sandbox cut the output at SANDBOX_OUTPUT_BYTES (and stopped the program: SANDBOX_OUTPUT_LIMIT). */
  truncated: boolean;
  /**
   * stdout and stderr here are cut to fit the task's history (RESULT_OUTPUT_BYTES each, JSON-encoded);
   * GET /api/code-runs/:id has all the sandbox kept.
   */
  outputCapped?: boolean;
  durationMs: number;
  usage: { cpuMs?: number; maxRssBytes?: number };
  /** Why the run did not end with exit code 0 (or why it never ran: SANDBOX_VALIDATION). */
  error?: { code: ErrorCode; message: string };
}

/**
 * JSON-encoded bytes of stdout and of stderr a run's result may carry into Temporal's history. The sandbox keeps up
 * to SANDBOX_OUTPUT_BYTES (1 MB) raw, and a control character or a quote escapes to up to 6 bytes: 1 MB of output can
 * encode to 6 MB, past Temporal's 2 MB payload limit. The code_runs row keeps the whole output.
 */
export const RESULT_OUTPUT_BYTES = 64 * 1024;

/** One line per problem, each naming its line and rule, e.g. `line 3: import.not_allowed: ...`. */
export function validationMessage(problems: CodeProblem[]): string {
  return problems.map((e) => `line ${e.line}: ${e.rule}: ${e.message}`).join('\n');
}
