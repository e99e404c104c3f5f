// The code-run contract shared by the gateway, the workflow and the activities.
import type { ErrorCode } from './errors.js';

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
  truncated: boolean;
  durationMs: number;
  usage: { cpuMs?: number; maxRssBytes?: number };
  /** Why the run did not end with exit code 0 (or why it never ran: SANDBOX_VALIDATION). */
  error?: { code: ErrorCode; message: string };
}

/** One line per problem, each naming its line and rule, e.g. `line 3: import.not_allowed: ...`. */
export function validationMessage(problems: CodeProblem[]): string {
  return problems.map((e) => `line ${e.line}: ${e.rule}: ${e.message}`).join('\n');
}
