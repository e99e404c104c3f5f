// A sandboxed code run: validate with CPython's own parser, run inside the sandbox (bubblewrap + cgroups here,
// Docker in production), record the outcome, tell the student. Code that fails validation never runs.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { validationMessage, type CodeRunInput, type CodeRunResult } from '../lib/contracts/code-runs.js';
import { ErrorCode } from '../lib/errors.js';
import { JOB_STEP, NOTIFICATION, SANDBOX_RUN } from './activity-options.js';

const { validateCode, recordCodeRun } = proxyActivities<Activities>(JOB_STEP);
const { notifyUser } = proxyActivities<Activities>(NOTIFICATION);
const { runCode } = proxyActivities<Activities>(SANDBOX_RUN);

export async function codeRunWorkflow(input: CodeRunInput): Promise<CodeRunResult> {
  const { workflowId } = workflowInfo();
  const { userId, runId } = input;
  const validation = await validateCode({ code: input.code });
  let result: CodeRunResult;
  if (!validation.ok) {
    const error = { code: ErrorCode.SANDBOX_VALIDATION, message: validationMessage(validation.errors) };
    result = { runId, status: 'rejected', exitCode: null, stdout: '', stderr: '', truncated: false, durationMs: 0, usage: {}, error };
  } else {
    // runCode writes the whole output to the run's row and answers with what fits the history (recordCodeRun then finds the row there).
    const run = await runCode({ code: input.code, stdin: input.stdin, record: { userId, runId, workflowId, codeBytes: input.code.length } });
    result = { runId, status: run.error ? 'failed' : 'completed', ...run };
  }
  await recordCodeRun({ userId, workflowId, codeBytes: input.code.length, result });
  await notifyUser({
    userId,
    notification: { event: 'code_run.finished', data: { workflowId, runId, status: result.status, exitCode: result.exitCode, error: result.error?.code } },
  }).catch(() => undefined);
  return result;
}
