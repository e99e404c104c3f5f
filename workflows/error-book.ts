// An error-book analysis: record the mistake, then ask the model what misconception produced it, through the
// same security chain as a chat turn (input guard, quota with compensation, model + output guard, audit),
// link the student's related notes, store the analysis and notify. When every model's circuit is open the job
// waits durably and tries again, instead of storing an apology as the analysis.
import { ApplicationFailure, CancellationScope, proxyActivities, proxyLocalActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { SecurityEvent } from '../lib/contracts/chat.js';
import { JOB_MODEL_CALL, JOB_STEP, NOTIFICATION, SHORT_LOCAL } from './activity-options.js';
import { settleTurn } from './turn-settlement.js';
import { mistakeText, type ErrorBookInput, type ErrorBookResult } from '../lib/contracts/knowledge.js';
import { analysisMessages } from '../lib/prompts.js';

const { inputGuard, quotaReserve, recordSecurityEvents } = proxyLocalActivities<Activities>(SHORT_LOCAL);
const { recordMistake, findRelatedNodes, saveAnalysis } = proxyActivities<Activities>(JOB_STEP);
const { llmStream } = proxyActivities<Activities>(JOB_MODEL_CALL);
const { notifyUser } = proxyActivities<Activities>(NOTIFICATION);

/** How long and how often to wait for a model whose circuits are all open. */
const DEGRADED_WAIT = '2 minutes';
const DEGRADED_TRIES = 15;

export async function errorBookAnalysisWorkflow(input: ErrorBookInput): Promise<ErrorBookResult> {
  const { workflowId } = workflowInfo();
  const { userId, entryId } = input;
  const notify = (event: string, data: Record<string, unknown>) =>
    notifyUser({ userId, notification: { event, data: { workflowId, entryId, ...data } } }).catch(() => undefined);
  const audit = (events: SecurityEvent[]) => recordSecurityEvents({ workflowId, userId, events });
  const blocked = async (layer: 'input' | 'quota', reason: string, rules: string[]): Promise<ErrorBookResult> => {
    await audit([{ layer, eventType: 'blocked', rules }]);
    await saveAnalysis({ userId, entryId, status: 'blocked', analysis: null, relatedNodeIds: [] });
    await notify('error_book.blocked', { layer, rules });
    return { status: 'blocked', entryId, layer, reason, rules };
  };

  await recordMistake({ entry: input, workflowId });
  const mistake = mistakeText(input);
  const guard = await inputGuard({ text: mistake });
  if (!guard.allowed) return blocked('input', guard.reason, guard.rules);
  const events: SecurityEvent[] = [];
  if (guard.flagged) events.push({ layer: 'input', eventType: guard.sanitized !== undefined ? 'sanitised' : 'flagged', rules: guard.rules });
  const messages = analysisMessages(guard.sanitized ?? mistake);
  const day = new Date().toISOString().slice(0, 10);

  let reply;
  for (let attempt = 1; ; attempt++) {
    const reservationId = `${workflowId}:${attempt}`;
    const quota = await quotaReserve({ userId, reservationId, day, messages });
    if (!quota.allowed) return blocked('quota', quota.reason, quota.rules);
    // Settled or released at once, else by a settlement workflow: never thrown in place of the call's own error.
    const release = () => settleTurn({ userId, quota: { reservationId, day, release: true } }, String(attempt));
    try {
      reply = await llmStream({ workflowId, messages, publish: false });
    } catch (err) {
      // A failed or cancelled call costs nothing; non-cancellable, or a cancellation would cancel the release too.
      await CancellationScope.nonCancellable(release);
      throw err;
    }
    if (!reply.degraded) {
      await settleTurn({ userId, quota: { reservationId, day, tokens: reply.usage.promptTokens + reply.usage.completionTokens } }, String(attempt));
      break;
    }
    await release();
    if (attempt >= DEGRADED_TRIES) throw ApplicationFailure.nonRetryable('the language model stayed unavailable', 'LLM_UNAVAILABLE');
    await sleep(DEGRADED_WAIT);
  }
  if (reply.redactions.length) events.push({ layer: 'output', eventType: 'redacted', rules: [...new Set(reply.redactions.map((r) => r.ruleId))] });

  const relatedNodeIds = await findRelatedNodes({ userId, text: `${input.question}\n${input.correctAnswer}` });
  await saveAnalysis({ userId, entryId, status: 'analysed', analysis: reply.text, relatedNodeIds });
  await audit(events);
  await notify('error_book.analysed', { relatedNodeIds });
  return { status: 'analysed', entryId, relatedNodeIds };
}
